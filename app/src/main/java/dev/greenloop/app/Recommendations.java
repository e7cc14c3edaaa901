package dev.greenloop.app;

import dev.greenloop.app.Recommendation.Change;
import dev.greenloop.app.Recommendation.Estimate;
import dev.greenloop.app.Recommendation.Kind;
import dev.greenloop.app.Recommendation.Range;
import dev.greenloop.app.Recommendation.Status;
import dev.greenloop.app.Recommender.Intensity;
import dev.greenloop.carbon.ZoneInfo;
import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.core.Scope;
import dev.greenloop.store.ArchivedIntensity;
import dev.greenloop.store.FleetNode;
import dev.greenloop.store.FleetStore;
import dev.greenloop.store.IntensityArchive;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.PowerSeries;
import dev.greenloop.store.ProfileStore;
import dev.greenloop.store.RecommendationAction;
import dev.greenloop.store.RecommendationStore;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRecommendation;
import dev.greenloop.store.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Recommendations from the store's data — power samples and limits, lab profiles, fleet nodes, jobs and forecasts —
 * each with an estimated saving (a range, labelled estimated), its evidence and how to apply it; and the
 * {@link Automation} that acts on them. A kind whose data are missing yields nothing, and {@link #findings()} says
 * why. docs/recommendations.md describes the kinds and their methods. Not thread-safe: callers take turns; close it.
 */
public final class Recommendations implements AutoCloseable {

    /** The quality floor a cheaper variant must keep unless told otherwise: mean cosine to the reference >= 0.99. */
    public static final double DEFAULT_QUALITY_FLOOR = 0.99;
    /** How far back the samples and jobs are read unless told otherwise. */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(7);

    /**
     * What to generate from.
     *
     * @param node this machine's name in the fleet, whose power limits are read and set
     * @param qualityFloor the least mean cosine to the reference a cheaper variant must keep, in (0, 1]
     * @param lookback how far back samples and jobs are read
     */
    public record Options(String node, double qualityFloor, Duration lookback) {
        /** @throws IllegalArgumentException naming the bad value and the fix */
        public Options {
            Objects.requireNonNull(node, "node");
            if (!(qualityFloor > 0 && qualityFloor <= 1)) {
                throw new IllegalArgumentException(("--quality-floor %s: give the least mean cosine to the reference to keep, above 0 and at"
                        + " most 1, such as 0.99").formatted(qualityFloor));
            }
            if (lookback.compareTo(Duration.ofMinutes(10)) < 0 || lookback.compareTo(Fleet.MAX_PERIOD) > 0) {
                throw new IllegalArgumentException("--lookback %s: give between 10 minutes and 366 days, such as 7d".formatted(lookback));
            }
        }
    }

    private final Settings settings;
    private final Options options;
    private final RecommendationStore store;
    private final Clock clock;
    private final Consumer<String> notes;
    private final List<String> findings = new ArrayList<>();
    private Fleet fleet;
    private PowerLimitService limits;
    private Scheduling jobs;

    private Recommendations(Settings settings, Options options, RecommendationStore store, Clock clock, Consumer<String> notes) {
        this.settings = settings;
        this.options = options;
        this.store = store;
        this.clock = clock;
        this.notes = notes;
    }

    /**
     * Opens the recommendations of the store {@code settings} name; the fleet, limits and jobs are opened on first use.
     *
     * @throws dev.greenloop.store.StoreException if the store cannot be opened
     */
    public static Recommendations open(Settings settings, Options options) {
        return open(settings, options, Clock.systemUTC());
    }

    /** As {@link #open(Settings, Options)} on another clock (verification's windows follow it). */
    public static Recommendations open(Settings settings, Options options, Clock clock) {
        StoreConfig config = StoreConfig.fromEnvironment(settings.effectiveEnvironment());
        return new Recommendations(settings, options, Stores.openRecommendations(config), clock, note -> { });
    }

    /** @return where the recommendations are stored */
    public String location() {
        return store.location();
    }

    /**
     * Generates every kind from the store's data now, keeps them (a recommendation already stored keeps its status)
     * and lists them all.
     */
    public List<Recommendation> refresh() {
        findings.clear();
        Instant now = clock.instant();
        Instant since = now.minus(options.lookback());
        List<Recommendation> fresh = new ArrayList<>();
        generate(Kind.CAP_POWER, fresh, () -> Recommender.powerCaps(limits().list(), componentPower(options.node(), since, now),
                intensity(localZone())));
        generate(Kind.SWITCH_VARIANT, fresh, () -> {
            try (ProfileStore profiles = Stores.openProfiles(config())) {
                List<NewProfile> rows = profiles.list(Optional.empty(), Instant.EPOCH, 10_000).stream().map(p -> p.profile()).toList();
                return Recommender.variants(rows, store.servedVariants(), options.qualityFloor(), intensity(localZone()));
            }
        });
        generate(Kind.IDLE_NODE, fresh, () -> Recommender.idleNodes(nodePower(since, now)));
        generate(Kind.MOVE_ZONE, fresh, () -> Recommender.zoneMoves(nodeJobs(since, now)));
        generate(Kind.SHIFT_JOB, fresh, () -> Recommender.jobShifts(plannedJobs(now)));
        for (Recommendation r : fresh) {
            Range k = r.estimate().kwh();
            Range g = r.estimate().grams();
            store.upsert(new StoredRecommendation(r.id(), r.kind().label(), r.target(), now, now, new double[] {k.min(), k.mid(), k.max()},
                    new double[] {g.min(), g.mid(), g.max()}, r.estimate().basis() + " | " + r.estimate().method(), r.evidence(), r.howTo(),
                    r.change().spec(), Status.OPEN.label(), Optional.empty(), Optional.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                    Optional.empty()));
        }
        return list();
    }

    @FunctionalInterface
    private interface Generator {
        List<Recommendation> make() throws Exception;
    }

    private void generate(Kind kind, List<Recommendation> into, Generator g) {
        try {
            into.addAll(g.make());
        } catch (Exception e) {
            // A missing source is not an error of the others: this kind yields nothing, and the finding says why.
            String finding = "%s: no recommendations: %s".formatted(kind.label(), e.getMessage());
            findings.add(finding);
            notes.accept(finding);
        }
    }

    /** @return why kinds yielded nothing at the last {@link #refresh()} (a source missing or unreadable) */
    public List<String> findings() {
        return List.copyOf(findings);
    }

    /** @return every stored recommendation, newest first */
    public List<Recommendation> list() {
        return store.list().stream().map(Recommendations::fromStored).toList();
    }

    /** @return the recommendation with this id */
    public Optional<Recommendation> find(String id) {
        return store.find(id).map(Recommendations::fromStored);
    }

    /** @return the actions taken on one recommendation, oldest first */
    public List<RecommendationAction> actions(String id) {
        return store.actions(id);
    }

    /** @return the variant to serve per model, as the serving endpoint is to read it */
    public Map<String, String> servedVariants() {
        return store.servedVariants();
    }

    /** @return automation over these recommendations, verifying with the fleet's samples and the rules' signals */
    public Automation automation() {
        return automation(new SignalMeter(this::fleet, options.node()));
    }

    /** As {@link #automation()} with another meter (tests). */
    Automation automation(Automation.WindowMeter meter) {
        return new Automation(store, this::limits, this::jobs, meter, settings.home().resolve(PowerLimitService.AUDIT_FILE), clock);
    }

    static Recommendation fromStored(StoredRecommendation s) {
        double[] k = s.kwh();
        double[] g = s.grams();
        int bar = s.basis().indexOf(" | ");
        String basis = bar < 0 ? s.basis() : s.basis().substring(0, bar);
        String method = bar < 0 ? Estimate.LABEL : s.basis().substring(bar + 3);
        Optional<Recommendation.Verification> verified = s.verification().map(v -> new Recommendation.Verification(s.verifiedKwh().orElse(0),
                s.verifiedGrams().orElse(0), v));
        return new Recommendation(s.id(), Kind.parse(s.kind()), s.target(), new Estimate(new Range(k[0], k[1], k[2]), new Range(g[0], g[1], g[2]),
                basis, method), s.evidence(), s.howTo(), Change.parse(s.changeSpec()), Status.parse(s.status()), s.appliedAt(), verified);
    }

    private StoreConfig config() {
        return StoreConfig.fromEnvironment(settings.effectiveEnvironment());
    }

    private Fleet fleet() {
        if (fleet == null) {
            fleet = Fleet.open(settings);
        }
        return fleet;
    }

    private PowerLimitService limits() {
        if (limits == null) {
            limits = PowerLimitService.open(settings);
        }
        return limits;
    }

    private Scheduling jobs() {
        if (jobs == null) {
            jobs = Scheduling.open(settings);
        }
        return jobs;
    }

    /** The zone of this node: its fleet row's, else the settings'. */
    private String localZone() {
        return fleet().node(options.node()).map(FleetNode::zone)
                .orElseGet(() -> ZoneChoice.resolve(null, settings).zone().code());
    }

    /** @throws IllegalStateException when the built-in table lacks the zone */
    private static Intensity intensity(String zone) {
        ZoneInfo z = ZoneTable.builtIn().find(zone).orElseThrow(() -> new IllegalStateException("no yearly intensity for zone " + zone));
        return new Intensity(z.gramsPerKWh(), "%s yearly average %d (%s)".formatted(z.code(), z.year(), z.source()));
    }

    private static Duration step(Instant from, Instant to) {
        return Duration.ofSeconds(Math.max(60, Duration.between(from, to).toSeconds() / 5_000 + 1));
    }

    private Map<String, List<PowerSeries.Step>> componentPower(String node, Instant from, Instant to) {
        Map<String, List<PowerSeries.Step>> out = new LinkedHashMap<>();
        fleet().power(node, from, to, step(from, to)).orElse(List.of())
                .forEach(s -> out.put(s.component(), covered(s.steps())));
        return out;
    }

    /**
     * @return the steps that samples cover, each with the seconds they cover ({@code joules / watts}) rather than the
     *     step's length, so that a partly covered step counts for what was measured
     */
    private static List<PowerSeries.Step> covered(List<PowerSeries.Step> steps) {
        return steps.stream().filter(x -> Double.isFinite(x.watts()) && x.watts() > 0)
                .map(x -> new PowerSeries.Step(x.start(), x.joules() / x.watts(), x.joules(), x.watts())).toList();
    }

    private List<Recommender.NodePower> nodePower(Instant from, Instant to) {
        Set<String> busy = new HashSet<>();
        try (Store runs = RunStores.open(settings, notes)) {
            runs.listRuns(Optional.of(from)).forEach(r -> busy.add(r.start().node().name()));
        }
        jobs().measuredEnergy(from).forEach(j -> busy.add(j.node()));
        List<Recommender.NodePower> out = new ArrayList<>();
        for (FleetNode n : fleet().nodes()) {
            if (n.lastSeen().isEmpty() || n.lastSeen().get().isBefore(from)) {
                continue;
            }
            List<PowerSeries> series = fleet().power(n.name(), from, to, step(from, to)).orElse(List.of());
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            series.forEach(s -> scopes.add(s.scope()));
            TreeMap<Instant, double[]> summed = new TreeMap<>();
            for (PowerSeries s : series) {
                if (!FleetStore.counted(s.scope(), scopes)) {
                    continue;
                }
                for (PowerSeries.Step st : covered(s.steps())) {
                    double[] a = summed.computeIfAbsent(st.start(), t -> new double[2]);
                    a[0] = Math.max(a[0], st.seconds());
                    a[1] += st.joules();
                }
            }
            List<PowerSeries.Step> steps = summed.entrySet().stream()
                    .map(e -> new PowerSeries.Step(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[1] / e.getValue()[0])).toList();
            try {
                out.add(new Recommender.NodePower(n.name(), steps, busy.contains(n.name()), intensity(n.zone())));
            } catch (IllegalStateException unknownZone) {
                findings.add("idle-node: %s: %s".formatted(n.name(), unknownZone.getMessage()));
            }
        }
        return out;
    }

    private List<Recommender.NodeJobs> nodeJobs(Instant from, Instant to) {
        Map<String, Double> joules = new LinkedHashMap<>();
        jobs().measuredEnergy(from).forEach(j -> joules.merge(j.node(), j.joules(), Double::sum));
        Map<String, Intensity> zones = new TreeMap<>();
        for (FleetNode n : fleet().nodes()) {
            ZoneTable.builtIn().find(n.zone()).ifPresent(z -> zones.put(n.zone(), intensity(n.zone())));
        }
        List<Recommender.NodeJobs> out = new ArrayList<>();
        for (var e : joules.entrySet()) {
            Optional<FleetNode> n = fleet().node(e.getKey());
            if (n.isPresent() && zones.containsKey(n.get().zone())) {
                out.add(new Recommender.NodeJobs(e.getKey(), n.get().zone(), e.getValue(), Duration.between(from, to).toSeconds(),
                        zones.get(n.get().zone()), zones));
            }
        }
        return out;
    }

    private List<Recommender.PlannedJob> plannedJobs(Instant now) {
        List<Recommender.PlannedJob> out = new ArrayList<>();
        try (IntensityArchive archive = Stores.openArchive(config())) {
            for (StoredJob j : jobs().list()) {
                var plan = j.progress().plan();
                if (!"planned".equals(j.state()) || plan == null || j.progress().externalId() != null) {
                    continue;
                }
                List<ArchivedIntensity> issued = archive.forecastsIssued(plan.zone(), now.minus(Duration.ofDays(2)), now.plusSeconds(1));
                Optional<Instant> latest = issued.stream().map(ArchivedIntensity::issuedAt).max(Comparator.naturalOrder());
                if (latest.isEmpty()) {
                    continue;
                }
                List<Map.Entry<Instant, Double>> forecast = issued.stream().filter(a -> a.issuedAt().equals(latest.get()))
                        .sorted(Comparator.comparing(a -> a.interval().start()))
                        .map(a -> Map.entry(a.interval().start(), a.intensity().gramsPerKWh())).toList();
                String source = issued.getFirst().source() + " issued " + latest.get();
                double kwh = j.spec().powerWatts() * j.spec().durationMinutes() / 60.0 / 1000;
                out.add(new Recommender.PlannedJob(j.id(), plan.zone(), kwh, plan.segments().getFirst().start(),
                        Duration.ofMinutes(j.spec().durationMinutes()), now, j.spec().deadline(), forecast, source));
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            if (limits != null) {
                limits.close();
            }
            if (jobs != null) {
                jobs.close();
            }
            if (fleet != null) {
                fleet.close();
            }
        } finally {
            store.close();
        }
    }
}
