package dev.greenloop.app;

import dev.greenloop.core.Provenance;
import dev.greenloop.store.JobStore;
import dev.greenloop.store.ProfileStore;
import dev.greenloop.store.RecommendationStore;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.ServedTraffic;
import dev.greenloop.store.ServedTrafficStore;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredProfile;
import dev.greenloop.store.StoredRecommendation;
import dev.greenloop.store.StoredRun;
import dev.greenloop.store.Stores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The report use case: reads the stored runs, jobs, lab profiles and recommendations, and discloses the energy and
 * carbon of a selection of runs over a period ({@link Disclosure}), every figure with its method. The method of each
 * figure is documented in {@code docs/report.md}.
 *
 * <p>The totals are the stored runs' own: energy is Σ of each selected run's counted components, location-based carbon
 * Σ of each run's stored emissions (accounted hour by hour in its zone, × PUE, when it was measured), so they equal
 * what {@code runs export} writes for the same runs.
 */
public final class Reporting {

    /** The most lab profiles read for the per-query table. */
    static final int PROFILE_LIMIT = 10_000;

    private Reporting() {
    }

    /**
     * What a report is computed from, as read from the store.
     *
     * @param store where it was read, for the report's sources
     * @param runs stored runs started at or after the period's start (any order; the report selects)
     * @param jobs scheduled jobs (may be empty)
     * @param profiles lab profiles (may be empty)
     * @param recommendations recommendations (may be empty)
     * @param grid actual intensities for the scheduling savings, or null where none are known
     * @param traffic the served traffic that started in the period (may be empty)
     * @param servedProfiles the lab profiles of the served models, of any time, newest result first (may be empty)
     */
    public record Inputs(String store, List<StoredRun> runs, List<StoredJob> jobs, List<StoredProfile> profiles,
            List<StoredRecommendation> recommendations, CarbonAwareQueries grid, List<ServedTraffic> traffic, List<StoredProfile> servedProfiles) {

        /** Inputs without served traffic. */
        public Inputs(String store, List<StoredRun> runs, List<StoredJob> jobs, List<StoredProfile> profiles,
                List<StoredRecommendation> recommendations, CarbonAwareQueries grid) {
            this(store, runs, jobs, profiles, recommendations, grid, List.of(), List.of());
        }
    }

    /**
     * Opens the store that {@code settings} name, reads what the report needs and computes it.
     *
     * @param grid actual intensities for the scheduling savings, or null
     * @param notes told one line per spooled run imported on open
     * @throws ConfigException if a node asked for has no runs in the store (naming the nodes that have)
     * @throws dev.greenloop.store.StoreException if the store cannot be read
     */
    public static Disclosure report(Settings settings, ReportRequest request, CarbonAwareQueries grid, Consumer<String> notes) {
        StoreConfig config = StoreConfig.fromEnvironment(settings.effectiveEnvironment());
        List<StoredRun> runs;
        String location;
        try (Store store = RunStores.open(settings, notes)) {
            runs = store.listRuns(Optional.of(request.from()));
            location = store.location();
            Set<String> recent = new TreeSet<>();
            runs.forEach(r -> recent.add(r.start().node().name()));
            if (!recent.containsAll(request.nodes())) {
                // Only then read every run: a node may have runs before the period (an empty report), or none at all (a mistake).
                Set<String> known = new TreeSet<>();
                store.listRuns(Optional.empty()).forEach(r -> known.add(r.start().node().name()));
                for (String n : request.nodes()) {
                    if (!known.contains(n)) {
                        throw new ConfigException("--node %s: no runs of that node in %s; nodes with runs: %s".formatted(n, location,
                                known.isEmpty() ? "none yet" : String.join(", ", known)));
                    }
                }
            }
        }
        List<StoredJob> jobs;
        try (JobStore store = Stores.openJobs(config)) {
            jobs = store.list();
        }
        List<StoredProfile> profiles;
        try (ProfileStore store = Stores.openProfiles(config)) {
            profiles = store.list(Optional.empty(), request.from(), PROFILE_LIMIT);
        }
        List<StoredRecommendation> recs;
        try (RecommendationStore store = Stores.openRecommendations(config)) {
            recs = store.list();
        }
        List<ServedTraffic> traffic;
        try (ServedTrafficStore store = Stores.openServedTraffic(config)) {
            traffic = store.list(request.from(), request.to());
        }
        List<StoredProfile> served = new ArrayList<>();
        if (!traffic.isEmpty()) {
            try (ProfileStore store = Stores.openProfiles(config)) {
                for (String model : new TreeSet<>(traffic.stream().map(ServedTraffic::model).toList())) {
                    served.addAll(store.list(Optional.of(model), java.time.Instant.EPOCH, PROFILE_LIMIT));
                }
            }
        }
        return compute(request, new Inputs(location, runs, jobs, profiles, recs, grid, traffic, served));
    }

    /**
     * Computes a report from what was read.
     *
     * @return the report; immutable
     */
    public static Disclosure compute(ReportRequest request, Inputs in) {
        List<StoredRun> runs = in.runs().stream().filter(r -> selected(request, r)).toList();
        List<String> assumptions = new ArrayList<>();
        double total = 0, measured = 0, derived = 0, modelled = 0, min = 0, max = 0, facility = 0, location = 0;
        Map<String, double[]> nodeSums = new TreeMap<>();
        Map<String, String> nodeZone = new TreeMap<>();
        Map<String, Integer> nodeRuns = new TreeMap<>();
        Map<String, Disclosure.ComponentRow> components = new TreeMap<>();
        for (StoredRun r : runs) {
            RunOutcome o = r.outcome().orElseThrow();
            String node = r.start().node().name();
            double e = o.total().joules();
            total += e;
            min += o.totalMin().joules();
            max += o.totalMax().joules();
            facility += e * o.carbon().pue();
            location += o.carbon().grams();
            double[] n = nodeSums.computeIfAbsent(node, k -> new double[9]);
            n[0] += e;
            n[4] += o.totalMin().joules();
            n[5] += o.totalMax().joules();
            n[6] += e * o.carbon().pue();
            n[7] += o.carbon().grams();
            nodeZone.putIfAbsent(node, o.carbon().zone());
            nodeRuns.merge(node, 1, Integer::sum);
            for (RunComponent c : o.components()) {
                if (!c.counted()) {
                    continue;
                }
                double j = c.energy().joules();
                switch (c.provenance()) {
                    case MEASURED -> { measured += j; n[1] += j; }
                    case DERIVED -> { derived += j; n[2] += j; }
                    case MODELLED -> { modelled += j; n[3] += j; }
                }
                components.merge(node + "\u0000" + c.name(), new Disclosure.ComponentRow(node, c.name(), c.scope().label(), c.provenance().label(),
                        j, c.min().joules(), c.max().joules()), Reporting::add);
            }
        }
        Map<String, OptionalDouble> embodied = Embodied.byNode(request, runs, assumptions);
        double embodiedGrams = embodied.values().stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).sum();
        List<Disclosure.NodeEnergy> nodes = new ArrayList<>();
        nodeSums.forEach((node, n) -> nodes.add(new Disclosure.NodeEnergy(node, nodeZone.get(node), n[0] > 0 ? n[6] / n[0] : 1,
                nodeRuns.get(node), new Disclosure.Energy(n[0], n[1], n[2], n[3], n[4], n[5]), n[7],
                embodied.getOrDefault(node, OptionalDouble.empty()))));
        Map<String, Disclosure.ZoneCarbon> zones = MarketBased.byZone(runs, request.instruments());
        double market = zones.values().stream().mapToDouble(Disclosure.ZoneCarbon::marketBasedGrams).sum();
        zones.values().stream().filter(z -> z.gridAverageKWh() > 0).forEach(z -> assumptions.add(("market-based, %s: %.4g kWh had no instrument and"
                + " no residual mix in --instruments, so it is counted at the location-based (grid-average) intensity; add a 'residual' row for %s"
                + " to count it at the residual mix").formatted(z.zone(), z.gridAverageKWh(), z.zone())));
        Disclosure.Energy energy = new Disclosure.Energy(total, measured, derived, modelled, min, max);
        if (modelled > 0) {
            assumptions.add("%.1f %% of the energy is modelled (a power model's estimate); the total's range is %.4g..%.4g kWh".formatted(
                    100 * modelled / total, min / 3.6e6, max / 3.6e6));
        }
        List<Disclosure.Sci> sci = Sci.scores(request, runs, in.jobs(), location + embodiedGrams);
        double gramsPerKWh = facility > 0 ? location / (total / 3.6e6) : Double.NaN;
        List<Disclosure.PerQuery> perQuery = StarRating.rate(perQuery(request, in.profiles(), gramsPerKWh));
        List<Disclosure.Saving> savings = new ArrayList<>(RealisedSavings.of(request, runs, in.jobs(), in.recommendations(), in.grid(), assumptions));
        VariantSavings.Result variants = VariantSavings.of(request, in.traffic(), in.servedProfiles(), gramsPerKWh, assumptions);
        variants.saving().ifPresent(savings::add);
        List<Disclosure.Source> sources = sources(request, in.store(), runs);
        if (savings.stream().anyMatch(s -> s.kind().equals("scheduling"))) {
            sources.add(new Disclosure.Source("actual carbon intensity: the --trace files given, then the store's intensity archive",
                    "as read at report time", "scheduling savings"));
        }
        if (!variants.rows().isEmpty()) {
            sources.add(new Disclosure.Source("served traffic ('greenloop serve', 'greenloop server --model') and lab profile results "
                    + variants.rows().stream().map(r -> String.valueOf(r.profileResult())).distinct().toList(), "the store's served_traffic table",
                    "variant savings"));
        }
        assumptions.add("a run counts whole in the period it started in, even where it ends after the period's end");
        return new Disclosure(request, in.store(), runs.size(), energy, facility, nodes, List.copyOf(components.values()),
                new Disclosure.Carbon(location, market, embodiedGrams), List.copyOf(zones.values()), sci, perQuery, savings, sources, assumptions,
                EnergyBuckets.of(request, runs), variants.rows(), TrainingDisclosure.of(runs, assumptions), Embodied.details(request, runs));
    }

    /** @return true if the run is in the request's selection */
    static boolean selected(ReportRequest q, StoredRun r) {
        if (r.outcome().isEmpty() || r.start().startedAt().isBefore(q.from()) || !r.start().startedAt().isBefore(q.to())) {
            return false;
        }
        if (!q.nodes().isEmpty() && !q.nodes().contains(r.start().node().name())) {
            return false;
        }
        for (var t : q.tags().entrySet()) {
            if (!t.getValue().equals(r.start().tags().get(t.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static Disclosure.ComponentRow add(Disclosure.ComponentRow a, Disclosure.ComponentRow b) {
        String provenance = Provenance.fromLabel(a.provenance()).weakest(Provenance.fromLabel(b.provenance())).label();
        return new Disclosure.ComponentRow(a.node(), a.component(), a.scope(), provenance, a.joules() + b.joules(), a.minJoules() + b.minJoules(),
                a.maxJoules() + b.maxJoules());
    }

    private static List<Disclosure.PerQuery> perQuery(ReportRequest q, List<StoredProfile> profiles, double gramsPerKWh) {
        Map<String, List<StoredProfile>> byVariant = new TreeMap<>();
        for (StoredProfile p : profiles) {
            var np = p.profile();
            if (np.measuredAt().isBefore(q.from()) || !np.measuredAt().isBefore(q.to()) || (!q.nodes().isEmpty() && !q.nodes().contains(np.node()))) {
                continue;
            }
            byVariant.computeIfAbsent(np.model() + "\u0000" + np.variant(), k -> new ArrayList<>()).add(p);
        }
        List<Disclosure.PerQuery> out = new ArrayList<>();
        for (List<StoredProfile> ps : byVariant.values()) {
            double sum = 0, lo = Double.POSITIVE_INFINITY, hi = 0;
            Provenance prov = Provenance.MEASURED;
            for (StoredProfile p : ps) {
                double wh = p.profile().joulesPerQuery() / 3600;
                sum += wh;
                lo = Math.min(lo, wh);
                hi = Math.max(hi, wh);
                prov = prov.weakest(p.profile().provenance());
            }
            double wh = sum / ps.size();
            var first = ps.getFirst().profile();
            out.add(new Disclosure.PerQuery(first.model(), first.variant(), ps.size(), wh,
                    Double.isFinite(gramsPerKWh) ? OptionalDouble.of(wh / 1000 * gramsPerKWh) : OptionalDouble.empty(), lo, hi, prov.label()));
        }
        return out;
    }

    private static List<Disclosure.Source> sources(ReportRequest q, String store, List<StoredRun> runs) {
        List<Disclosure.Source> out = new ArrayList<>();
        out.add(new Disclosure.Source("greenloop store " + store, "schema as migrated by this build", "runs, jobs, lab profiles, recommendations"));
        Set<String> intensity = new LinkedHashSet<>();
        runs.forEach(r -> intensity.add(r.outcome().orElseThrow().carbon().source() + "\u0000" + r.outcome().orElseThrow().carbon().signal()));
        for (String s : intensity) {
            String[] parts = s.split("\u0000", 2);
            out.add(new Disclosure.Source("carbon intensity: " + parts[0], "signal " + parts[1], "location-based carbon, as accounted when each run was measured"));
        }
        if (!q.instruments().isEmpty()) {
            out.add(new Disclosure.Source("contractual instruments and residual mixes given by the user (--instruments)",
                    q.instruments().size() + " rows", "market-based carbon"));
        }
        if (!q.embodiedKg().isEmpty()) {
            out.add(new Disclosure.Source("manufacturing emissions given by the user (--embodied-kg)", "life %s years".formatted(q.lifeYears()),
                    "embodied carbon (SCI M, ISO/IEC 21031:2024)"));
        }
        if (!q.hardware().isEmpty()) {
            Set<String> used = new TreeSet<>();
            q.hardware().values().forEach(parts -> parts.keySet().forEach(used::add));
            for (String c : used) {
                EmbodiedFactors.Factor f = q.factors().get(c);
                out.add(new Disclosure.Source("manufacturing factor '%s' (kgCO2eq per %s): %s".formatted(c, f.unit(), f.source()), "licence: " + f.licence(),
                        "embodied carbon (SCI TE, from --hardware)"));
            }
        }
        return out;
    }
}
