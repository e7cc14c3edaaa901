package dev.greenloop.app;

import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.core.CarbonAccounting;
import dev.greenloop.core.Energy;
import dev.greenloop.core.EnergySlice;
import dev.greenloop.core.IntensityPoint;
import dev.greenloop.core.IntensityTimeline;
import dev.greenloop.core.Interval;
import dev.greenloop.core.Scope;
import dev.greenloop.store.ComponentEnergy;
import dev.greenloop.store.ComponentTotal;
import dev.greenloop.store.FleetNode;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.FleetStore;
import dev.greenloop.store.IngestResult;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.PowerSeries;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The fleet's use cases, shared by the server's HTTP API, its {@code /metrics} and the CLI: ingest of the samples that
 * agents push, the nodes, a node's energy and carbon over a period, its power in steps, running totals, and the API
 * tokens ({@link #tokens()}).
 *
 * <p>Safe for use by many threads at once. Keeps no state of its own beyond its store: several server processes on
 * one PostgreSQL answer alike.
 *
 * <p><b>Carbon</b> is accounted as {@code measure} accounts a run ({@link Accounting}): energy × the intensity of the
 * node's zone in the built-in {@link ZoneTable} timeline, hour by hour ({@link CarbonAccounting}), × the node's PUE.
 * A node's total never sums overlapping scopes (the rule is {@link FleetStore#counted}). {@link #energy} accounts the
 * store's hourly energy of the period; {@link #emissions()} reads running carbon that ingest adds to each component's
 * totals row (each new sample's energy × the built-in intensity of its zone at that time, before PUE), times the
 * node's current PUE: one query over the totals, cheap on every scrape. The two agree while a node keeps its zone and
 * PUE; after a change, {@link #emissions()} keeps the zone each sample was pushed with, {@link #energy} uses the
 * current one.
 */
public final class Fleet implements AutoCloseable {

    /** The most samples one {@link #ingest} takes. */
    public static final int MAX_BATCH = FleetInput.MAX_BATCH;
    /** The longest period {@link #energy} and {@link #power} answer: 366 days. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);
    /** The most steps one {@link #power} answer has. */
    public static final int MAX_STEPS = 10_000;
    /** The shortest step of {@link #power}. */
    public static final Duration MIN_STEP = Duration.ofSeconds(1);

    private final FleetStore store;
    private final Clock clock;
    private final Tokens tokens;
    private volatile AnomalyWatch watch;

    /** @param store the fleet store, which this closes */
    public Fleet(FleetStore store) {
        this(store, Clock.systemUTC());
    }

    /** @param clock what {@link #ingest} checks samples' times against */
    public Fleet(FleetStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = new FleetTokens(store);
    }

    /**
     * Opens the fleet store that the settings name ({@code GREENLOOP_DB}, else the SQLite file in
     * {@code GREENLOOP_HOME}).
     *
     * @throws dev.greenloop.store.StoreException as {@link Stores#openFleet(StoreConfig)} does
     */
    public static Fleet open(Settings settings) {
        return new Fleet(Stores.openFleet(StoreConfig.fromEnvironment(settings.effectiveEnvironment())));
    }

    /**
     * Checks and stores a node's samples. Rules: at most {@value #MAX_BATCH} samples; the node's name non-empty, at
     * most 253 characters, no control characters; its zone one of the built-in table's (stored as the table spells
     * it); its PUE from 1 to 3; each sample's id non-empty, at most 128 characters, no control characters; its time
     * from 2000 to an hour past this server's clock; its seconds from 0.001 to 3600; its component a name such as
     * {@code cpu-package-0} (lower-case letters, digits, {@code . _ -}, starting with a letter, at most 64); its watts
     * from 0 to 1 MW and its joules from 0 to 1 MW × its seconds. Samples whose id is already stored are skipped.
     *
     * @throws FleetInputException naming the sample's index and field ({@code [3].joules}), or {@code node},
     *     {@code zone}, {@code pue}, {@code hardware} or {@code samples}, and the fix, if the input is invalid (nothing is
     *     stored then)
     * @throws dev.greenloop.store.StoreException if the store cannot be written
     */
    public IngestResult ingest(NodeRegistration node, List<FleetSample> samples) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(samples, "samples");
        NodeRegistration checked = FleetInput.node(node);
        FleetInput.samples(samples, clock.instant());
        IntensityTimeline timeline = ZoneTable.builtIn().timeline(checked.zone());
        IngestResult result = store.ingest(checked, samples, sample -> grams(timeline, sample));
        AnomalyWatch w = watch;
        if (w != null) {
            w.observe(checked.name(), samples);
        }
        return result;
    }

    /**
     * Feeds every batch that {@link #ingest} stores from now on to {@code watch}, after it is stored.
     *
     * @param watch the anomaly watch, which the caller closes; null to stop
     */
    public void watch(AnomalyWatch watch) {
        this.watch = watch;
    }

    /** @return the anomaly watch that ingest feeds, if any */
    public Optional<AnomalyWatch> anomalies() {
        return Optional.ofNullable(watch);
    }

    /** @return the sample's carbon before PUE, accounted as {@code measure} accounts a slice */
    static double grams(IntensityTimeline timeline, FleetSample sample) {
        Interval interval = new Interval(sample.start(), sample.time());
        IntensityPoint point = timeline.at(interval.start());
        if (!point.interval().end().isBefore(interval.end())) {
            // One intensity covers the whole sample (always, for the yearly built-in table): no need to cut it.
            return point.intensity().emissionsOf(Energy.ofJoules(sample.joules())).grams();
        }
        return CarbonAccounting.account(List.of(new EnergySlice(interval, Energy.ofJoules(sample.joules()))), timeline, 1)
                .emissions().grams();
    }

    /** @return every node, in name order */
    public List<FleetNode> nodes() {
        return store.nodes();
    }

    /** @return the node, if known */
    public Optional<FleetNode> node(String name) {
        return store.node(name);
    }

    /**
     * @return the node's energy per component in {@code [from, to)} and its carbon, empty if the node is unknown
     * @throws FleetInputException if {@code from} is not before {@code to}, or the period is longer than allowed
     */
    public Optional<NodeEnergy> energy(String node, Instant from, Instant to) {
        FleetInput.period(from, to, MAX_PERIOD);
        Optional<FleetNode> known = store.node(node);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        FleetNode n = known.get();
        List<ComponentEnergy> components = store.energy(node, from, to);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        n.components().forEach(c -> scopes.add(c.scope()));
        components.forEach(c -> scopes.add(c.scope()));
        double total = 0;
        for (ComponentEnergy c : components) {
            if (FleetStore.counted(c.scope(), scopes)) {
                total += c.joules();
            }
        }
        List<EnergySlice> slices = new ArrayList<>();
        for (FleetStore.HourEnergy hour : store.hourlyEnergy(node, from, to)) {
            Instant start = hour.hour().isBefore(from) ? from : hour.hour();
            Instant end = hour.hour().plus(Duration.ofHours(1));
            slices.add(new EnergySlice(new Interval(start, end.isAfter(to) ? to : end), Energy.ofJoules(hour.joules())));
        }
        double grams = CarbonAccounting.account(slices, ZoneTable.builtIn().timeline(n.zone()), n.pue()).emissions().grams();
        return Optional.of(new NodeEnergy(node, from, to, total, components, grams, n.zone()));
    }

    /**
     * @return the node's power per component in steps, empty if the node is unknown
     * @throws FleetInputException if the period or step is invalid or gives too many steps
     */
    public Optional<List<PowerSeries>> power(String node, Instant from, Instant to, Duration step) {
        FleetInput.period(from, to, MAX_PERIOD);
        if (step == null || step.compareTo(MIN_STEP) < 0) {
            throw new FleetInputException("step", "step %s is shorter than 1 s; give a step such as 60s or 5m".formatted(step));
        }
        long steps = (Duration.between(from, to).toMillis() + step.toMillis() - 1) / step.toMillis();
        if (steps > MAX_STEPS) {
            throw new FleetInputException("step", "%s to %s at steps of %s is %d steps, more than %d; give a longer step or a shorter period"
                    .formatted(from, to, step, steps, MAX_STEPS));
        }
        if (store.node(node).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(store.power(node, from, to, step));
    }

    /** @return the store, for the analyses in this package that read its per-minute rollup ({@link PowerAnalysis}) */
    FleetStore store() {
        return store;
    }

    /** @return every component's running total and latest power */
    public List<ComponentTotal> totals() {
        return store.totals();
    }

    /**
     * @return each node's carbon since its first sample, accounted as {@link #energy} does (see the class comment), in
     *     name order; one query over the running totals
     */
    public List<NodeEmissions> emissions() {
        List<NodeEmissions> out = new ArrayList<>();
        for (FleetStore.NodeCarbon c : store.carbonTotals()) {
            out.add(new NodeEmissions(c.node(), c.zone(), c.gramsBeforePue() * c.pue()));
        }
        return List.copyOf(out);
    }

    /**
     * @return the server's API tokens (the same instance on every call; {@link Tokens#authenticate} reads the store
     *     each time, so a revocation by another server is seen at once)
     */
    public Tokens tokens() {
        return tokens;
    }

    /** Checks the store answers. @throws dev.greenloop.store.StoreException if it does not */
    public void ping() {
        store.ping();
    }

    /** @return where the store is, without passwords */
    public String location() {
        return store.location();
    }

    @Override
    public void close() {
        store.close();
    }

    /**
     * A node's energy over a period, as {@code GET /api/v1/nodes/{node}/energy} answers.
     *
     * @param totalJoules the sum of the components that are not a breakdown of another (never overlapping scopes)
     * @param grams carbon of {@code totalJoules} per hour of the node's zone, times its PUE, as {@code measure} accounts
     */
    public record NodeEnergy(String node, Instant from, Instant to, double totalJoules, List<ComponentEnergy> components,
            double grams, String zone) {
    }

    /** A node's carbon since its first sample. */
    public record NodeEmissions(String node, String zone, double grams) {
    }
}
