package dev.greenloop.app;

import dev.greenloop.store.RunFact;
import dev.greenloop.store.StoredRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Embodied emissions per the Software Carbon Intensity specification (ISO/IEC 21031:2024): M = TE × TiR / EL × RR /
 * ToR, with TE the node's manufacturing emissions (the user's {@code --embodied-kg}, else the sum of its {@code --hardware}
 * components × their factors, {@link EmbodiedFactors}), TiR the time the selected runs
 * held the node (the union of their intervals, so overlapping runs count once), EL the hardware's life
 * ({@code --life-years} × 8766 h, the 365.25-day year {@code compare} uses) and RR / ToR = 1: a run is taken to reserve
 * the whole node.
 */
final class Embodied {

    static final double HOURS_PER_YEAR = 365.25 * 24;

    private Embodied() {
    }

    /**
     * @param heldSeconds each selected node's TiR: the union of its selected runs' intervals, seconds ({@link Held})
     * @param assumptions told what is not counted, and why
     * @return each selected node's M in grams, empty where no manufacturing figure was given
     */
    static Map<String, OptionalDouble> byNode(ReportRequest q, Map<String, Double> heldSeconds, List<String> assumptions) {
        Map<String, OptionalDouble> out = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (var e : new TreeMap<>(heldSeconds).entrySet()) {
            Double kg = te(q, e.getKey()).map(Disclosure.EmbodiedNode::kg).orElse(null);
            if (kg == null) {
                missing.add(e.getKey());
                out.put(e.getKey(), OptionalDouble.empty());
                continue;
            }
            double hours = e.getValue() / 3600.0;
            out.put(e.getKey(), OptionalDouble.of(kg * 1000 * hours / (q.lifeYears() * HOURS_PER_YEAR)));
        }
        if (!missing.isEmpty()) {
            assumptions.add("embodied emissions not counted for %s: no manufacturing figure given; pass --embodied-kg NODE=KG or list its components in --hardware"
                    .formatted(String.join(", ", missing)));
        }
        for (String n : q.embodiedKg().keySet()) {
            if (!heldSeconds.containsKey(n)) {
                assumptions.add("--embodied-kg %s: that node has no selected runs, so nothing of it is counted".formatted(n));
            }
            if (q.hardware().containsKey(n)) {
                assumptions.add("node %s: --embodied-kg is used; its --hardware components are not counted".formatted(n));
            }
        }
        return out;
    }

    /**
     * A node's manufacturing emissions TE: its {@code --embodied-kg} figure where given, else Σ count × factor over its
     * {@code --hardware} components; empty where neither is given.
     */
    static java.util.Optional<Disclosure.EmbodiedNode> te(ReportRequest q, String node) {
        Double kg = q.embodiedKg().get(node);
        if (kg != null) {
            return java.util.Optional.of(new Disclosure.EmbodiedNode(node, kg, "--embodied-kg", List.of()));
        }
        Map<String, Double> parts = q.hardware().get(node);
        if (parts == null) {
            return java.util.Optional.empty();
        }
        List<Disclosure.EmbodiedRow> rows = new ArrayList<>();
        double sum = 0;
        for (var p : parts.entrySet()) {
            EmbodiedFactors.Factor f = q.factors().get(p.getKey());
            double part = p.getValue() * f.kgPerUnit();
            sum += part;
            rows.add(new Disclosure.EmbodiedRow(f.component(), p.getValue(), f.kgPerUnit(), part, f.source(), f.licence()));
        }
        return java.util.Optional.of(new Disclosure.EmbodiedNode(node, sum, "components", rows));
    }

    /** @return TE of each of the selected runs' nodes that has one, by node name */
    static List<Disclosure.EmbodiedNode> details(ReportRequest q, java.util.Collection<String> nodes) {
        List<Disclosure.EmbodiedNode> out = new ArrayList<>();
        new java.util.TreeSet<>(nodes).forEach(n -> te(q, n).ifPresent(out::add));
        return out;
    }

    /** The length of the union of the runs' intervals, seconds. */
    static double heldSeconds(List<StoredRun> runs) {
        List<StoredRun> byStart = new ArrayList<>(runs);
        byStart.sort(Comparator.comparing(r -> r.start().startedAt()));
        Held held = new Held();
        byStart.forEach(r -> held.add(SelectedRuns.fact(r, "")));
        return held.seconds().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * The time each node was held by its runs, the union of their intervals, folded run by run: runs must come in order
     * of start. Holds one open interval per node.
     */
    static final class Held {

        private final Map<String, long[]> open = new TreeMap<>();
        private final Map<String, Double> seconds = new TreeMap<>();

        void add(RunFact r) {
            long a = r.startedAt().toEpochMilli();
            long b = Math.max(a, r.endedAt().toEpochMilli());
            long[] span = open.get(r.node());
            if (span == null) {
                open.put(r.node(), new long[] {a, b});
                seconds.put(r.node(), 0.0);
            } else if (a > span[1]) {
                seconds.merge(r.node(), (span[1] - span[0]) / 1000.0, Double::sum);
                span[0] = a;
                span[1] = b;
            } else if (b > span[1]) {
                span[1] = b;
            }
        }

        /** @return each node's held seconds, the open intervals closed */
        Map<String, Double> seconds() {
            Map<String, Double> out = new TreeMap<>(seconds);
            open.forEach((node, span) -> out.merge(node, (span[1] - span[0]) / 1000.0, Double::sum));
            return out;
        }
    }
}
