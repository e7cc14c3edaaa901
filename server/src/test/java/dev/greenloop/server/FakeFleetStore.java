package dev.greenloop.server;

import dev.greenloop.store.ApiToken;
import dev.greenloop.store.ComponentEnergy;
import dev.greenloop.store.ComponentTotal;
import dev.greenloop.store.FleetNode;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.FleetStore;
import dev.greenloop.store.IngestResult;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.PowerSeries;
import dev.greenloop.store.StoreException;
import dev.greenloop.store.TokenRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An in-memory {@link FleetStore} for the server's tests: samples per node with duplicate ids skipped, totals, energy
 * by overlap, and tokens. Power in steps and hourly energy are kept simple (whole samples by their end time).
 */
final class FakeFleetStore implements FleetStore {

    private final Map<String, NodeRegistration> nodes = new TreeMap<>();
    private final Map<String, List<FleetSample>> samples = new TreeMap<>();
    private final Map<String, Set<String>> ids = new TreeMap<>();
    private final List<ApiToken> tokens = new ArrayList<>();
    volatile boolean down;
    /** Runs at the start of {@link #nodes()}, outside the lock: tests hold a request in flight with it. */
    volatile Runnable onNodes = () -> { };

    @Override
    public synchronized IngestResult ingest(NodeRegistration node, List<FleetSample> batch) {
        checkUp();
        nodes.put(node.name(), node);
        Set<String> seen = ids.computeIfAbsent(node.name(), k -> new HashSet<>());
        List<FleetSample> kept = samples.computeIfAbsent(node.name(), k -> new ArrayList<>());
        int stored = 0;
        for (FleetSample s : batch) {
            if (seen.add(s.id())) {
                kept.add(s);
                stored++;
            }
        }
        return new IngestResult(stored, batch.size() - stored);
    }

    @Override
    public List<FleetNode> nodes() {
        onNodes.run();
        return allNodes();
    }

    private synchronized List<FleetNode> allNodes() {
        checkUp();
        return nodes.keySet().stream().map(n -> node(n).orElseThrow()).toList();
    }

    @Override
    public synchronized Optional<FleetNode> node(String name) {
        checkUp();
        NodeRegistration r = nodes.get(name);
        if (r == null) {
            return Optional.empty();
        }
        List<ComponentTotal> components = totals().stream().filter(t -> t.node().equals(name)).toList();
        Optional<Instant> last = components.stream().map(ComponentTotal::lastTime).max(Comparator.naturalOrder());
        return Optional.of(new FleetNode(r.name(), r.zone(), r.pue(), r.hardware(), last, components));
    }

    @Override
    public synchronized List<ComponentEnergy> energy(String node, Instant from, Instant to) {
        Map<String, ComponentEnergy> byName = new TreeMap<>();
        for (FleetSample s : samples.getOrDefault(node, List.of())) {
            double overlap = overlapSeconds(s.start(), s.time(), from, to);
            if (overlap > 0) {
                double j = s.joules() * overlap / s.seconds();
                byName.merge(s.component(), new ComponentEnergy(s.component(), s.scope(), s.provenance(), j),
                        (a, b) -> new ComponentEnergy(a.name(), a.scope(), a.provenance().weakest(b.provenance()), a.joules() + b.joules()));
            }
        }
        return List.copyOf(byName.values());
    }

    @Override
    public synchronized List<HourEnergy> hourlyEnergy(String node, Instant from, Instant to) {
        Map<Instant, Double> byHour = new TreeMap<>();
        for (FleetSample s : samples.getOrDefault(node, List.of())) {
            if (!s.scope().isBreakdown() && !s.time().isBefore(from) && s.time().isBefore(to)) {
                byHour.merge(s.time().truncatedTo(java.time.temporal.ChronoUnit.HOURS), s.joules(), Double::sum);
            }
        }
        return byHour.entrySet().stream().map(e -> new HourEnergy(e.getKey(), e.getValue())).toList();
    }

    @Override
    public synchronized List<PowerSeries> power(String node, Instant from, Instant to, Duration step) {
        Map<String, List<FleetSample>> byComponent = new TreeMap<>();
        for (FleetSample s : samples.getOrDefault(node, List.of())) {
            byComponent.computeIfAbsent(s.component(), k -> new ArrayList<>()).add(s);
        }
        List<PowerSeries> series = new ArrayList<>();
        byComponent.forEach((name, list) -> {
            List<PowerSeries.Step> steps = new ArrayList<>();
            for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
                Instant end = t.plus(step).isAfter(to) ? to : t.plus(step);
                double joules = 0;
                double covered = 0;
                for (FleetSample s : list) {
                    double o = overlapSeconds(s.start(), s.time(), t, end);
                    joules += s.joules() * o / s.seconds();
                    covered += o;
                }
                steps.add(new PowerSeries.Step(t, Duration.between(t, end).toNanos() / 1e9, joules, covered > 0 ? joules / covered : Double.NaN));
            }
            series.add(new PowerSeries(name, list.getFirst().scope(), list.getFirst().provenance(), steps));
        });
        return series;
    }

    @Override
    public synchronized List<ComponentTotal> totals() {
        Map<String, ComponentTotal> byKey = new LinkedHashMap<>();
        samples.forEach((node, list) -> list.stream().sorted(Comparator.comparing(FleetSample::time)).forEach(s -> {
            String key = node + "\u0000" + s.component();
            ComponentTotal before = byKey.get(key);
            double joules = (before == null ? 0 : before.joules()) + s.joules();
            byKey.put(key, new ComponentTotal(node, s.component(), s.scope(), s.provenance(), joules, s.watts(), s.time()));
        }));
        return byKey.values().stream().sorted(Comparator.comparing(ComponentTotal::node).thenComparing(ComponentTotal::component)).toList();
    }

    @Override
    public synchronized ApiToken createToken(String name, TokenRole role, String hash) {
        if (tokens.stream().anyMatch(t -> t.name().equals(name))) {
            throw new StoreException("a token named '" + name + "' exists");
        }
        ApiToken t = new ApiToken(tokens.size() + 1, name, role, hash, Instant.parse("2026-12-05T00:00:00Z"), Optional.empty());
        tokens.add(t);
        return t;
    }

    @Override
    public synchronized List<ApiToken> tokens() {
        return List.copyOf(tokens);
    }

    @Override
    public synchronized Optional<ApiToken> tokenByHash(String hash) {
        return tokens.stream().filter(t -> t.hash().equals(hash)).findFirst();
    }

    @Override
    public synchronized Optional<ApiToken> revokeToken(String idOrName) {
        for (int i = 0; i < tokens.size(); i++) {
            ApiToken t = tokens.get(i);
            if (t.name().equals(idOrName) || Long.toString(t.id()).equals(idOrName)) {
                ApiToken revoked = new ApiToken(t.id(), t.name(), t.role(), t.hash(), t.createdAt(), Optional.of(Instant.parse("2026-12-05T01:00:00Z")));
                tokens.set(i, revoked);
                return Optional.of(revoked);
            }
        }
        return Optional.empty();
    }

    @Override
    public void ping() {
        checkUp();
    }

    @Override
    public String location() {
        return "memory:fake";
    }

    @Override
    public void close() {
    }

    private void checkUp() {
        if (down) {
            throw new StoreException("the fake store is down");
        }
    }

    private static double overlapSeconds(Instant a0, Instant a1, Instant b0, Instant b1) {
        Instant start = a0.isAfter(b0) ? a0 : b0;
        Instant end = a1.isBefore(b1) ? a1 : b1;
        return end.isAfter(start) ? Duration.between(start, end).toNanos() / 1e9 : 0;
    }

    @Override
    public List<NodeCarbon> carbonTotals() {
        return List.of();
    }

    @Override
    public IngestResult ingest(NodeRegistration node, List<FleetSample> samples, SampleCarbon carbon) {
        return ingest(node, samples);
    }
}
