package dev.greenloop.app;

import dev.greenloop.store.StoredRun;
import java.time.Instant;
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
     * @param assumptions told what is not counted, and why
     * @return each selected node's M in grams, empty where no manufacturing figure was given
     */
    static Map<String, OptionalDouble> byNode(ReportRequest q, List<StoredRun> runs, List<String> assumptions) {
        Map<String, List<StoredRun>> byNode = new TreeMap<>();
        runs.forEach(r -> byNode.computeIfAbsent(r.start().node().name(), k -> new ArrayList<>()).add(r));
        Map<String, OptionalDouble> out = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (var e : byNode.entrySet()) {
            Double kg = te(q, e.getKey()).map(Disclosure.EmbodiedNode::kg).orElse(null);
            if (kg == null) {
                missing.add(e.getKey());
                out.put(e.getKey(), OptionalDouble.empty());
                continue;
            }
            double hours = heldSeconds(e.getValue()) / 3600.0;
            out.put(e.getKey(), OptionalDouble.of(kg * 1000 * hours / (q.lifeYears() * HOURS_PER_YEAR)));
        }
        if (!missing.isEmpty()) {
            assumptions.add("embodied emissions not counted for %s: no manufacturing figure given; pass --embodied-kg NODE=KG or list its components in --hardware"
                    .formatted(String.join(", ", missing)));
        }
        for (String n : q.embodiedKg().keySet()) {
            if (!byNode.containsKey(n)) {
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

    /** @return TE of each node of the selected runs that has one, by node name */
    static List<Disclosure.EmbodiedNode> details(ReportRequest q, List<StoredRun> runs) {
        java.util.Set<String> nodes = new java.util.TreeSet<>();
        runs.forEach(r -> nodes.add(r.start().node().name()));
        List<Disclosure.EmbodiedNode> out = new ArrayList<>();
        nodes.forEach(n -> te(q, n).ifPresent(out::add));
        return out;
    }

    /** The length of the union of the runs' intervals, seconds. */
    static double heldSeconds(List<StoredRun> runs) {
        List<Instant[]> spans = new ArrayList<>();
        for (StoredRun r : runs) {
            spans.add(new Instant[] {r.start().startedAt(), r.outcome().orElseThrow().endedAt()});
        }
        spans.sort(Comparator.comparing(s -> s[0]));
        double seconds = 0;
        Instant a = null;
        Instant b = null;
        for (Instant[] s : spans) {
            if (b == null || s[0].isAfter(b)) {
                if (b != null) {
                    seconds += java.time.Duration.between(a, b).toMillis() / 1000.0;
                }
                a = s[0];
                b = s[1];
            } else if (s[1].isAfter(b)) {
                b = s[1];
            }
        }
        if (b != null && b.isAfter(a)) {
            seconds += java.time.Duration.between(a, b).toMillis() / 1000.0;
        }
        return seconds;
    }
}
