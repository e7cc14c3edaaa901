package dev.greenloop.server;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.Overlaps;
import dev.greenloop.app.Scheduling;
import dev.greenloop.core.Scope;
import dev.greenloop.store.ComponentTotal;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The fleet's metrics, read from the store at every scrape (nothing kept between scrapes, so replicas agree).
 *
 * <p>Components that another exported component already contains ({@link Overlaps#within}) go to the
 * {@code greenloop_node_energy_breakdown_joules} and {@code greenloop_node_power_breakdown_watts} families, with a
 * {@code within} label; the plain families hold only counted components, so a {@code sum()} over them is the fleet's
 * energy or power, never counting a joule twice. A source that fails leaves its families out of the scrape and
 * {@code greenloop_fleet_source_up{source}} at 0, so the rest is still exported and the failure is visible.
 */
final class FleetCollector implements MultiCollector {

    private static final System.Logger LOG = System.getLogger(FleetCollector.class.getName());
    private static final Unit WATTS = new Unit("watts");
    private static final String[] COMPONENT_LABELS = {"node", "component", "scope", "provenance"};

    private final FleetSources sources;

    FleetCollector(FleetSources sources) {
        this.sources = sources;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> families = new ArrayList<>();
        GaugeSnapshot.Builder up = GaugeSnapshot.builder().name("greenloop_fleet_source_up")
                .help("1 if this scrape read the source (totals, emissions, intensity, jobs) from the store, 0 if it failed");
        read("totals", sources.totals(), up).ifPresent(totals -> families.addAll(components(totals)));
        read("emissions", sources.emissions(), up).ifPresent(e -> families.add(emissions(e)));
        read("intensity", sources.intensity(), up).ifPresent(i -> families.add(intensity(i)));
        read("jobs", sources.jobs(), up).ifPresent(j -> families.add(jobs(j)));
        families.add(up.build());
        return new MetricSnapshots(families);
    }

    private static <T> Optional<List<T>> read(String name, Supplier<List<T>> source, GaugeSnapshot.Builder up) {
        List<T> values = null;
        try {
            values = List.copyOf(source.get());
        } catch (RuntimeException e) {
            // Safe to go on: the scrape says so in greenloop_fleet_source_up, and the other sources are still exported.
            LOG.log(System.Logger.Level.WARNING, "/metrics: could not read the fleet's " + name + ": " + e, e);
        }
        up.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("source", name)).value(values == null ? 0 : 1).build());
        return Optional.ofNullable(values);
    }

    private static List<MetricSnapshot> components(List<ComponentTotal> totals) {
        Map<String, Set<Scope>> scopesByNode = new LinkedHashMap<>();
        for (ComponentTotal t : totals) {
            scopesByNode.computeIfAbsent(t.node(), n -> EnumSet.noneOf(Scope.class)).add(t.scope());
        }
        Points<CounterDataPointSnapshot> energy = new Points<>();
        Points<CounterDataPointSnapshot> energyWithin = new Points<>();
        Points<GaugeDataPointSnapshot> power = new Points<>();
        Points<GaugeDataPointSnapshot> powerWithin = new Points<>();
        for (ComponentTotal t : totals) {
            Optional<Scope> within = Overlaps.within(t.scope(), scopesByNode.get(t.node()));
            String[] values = {t.node(), t.component(), t.scope().label(), t.provenance().label()};
            Labels labels = Labels.of(COMPONENT_LABELS, values);
            if (within.isPresent()) {
                labels = labels.add("within", within.get().label());
            }
            (within.isPresent() ? energyWithin : energy).put(labels, counter(labels, t.joules()));
            (within.isPresent() ? powerWithin : power).put(labels, gauge(labels, t.watts()));
        }
        return List.of(
                new CounterSnapshot(new MetricMetadata("greenloop_node_energy_joules",
                        "Energy of each counted component since its node's first sample; sum() over it never counts a joule twice",
                        Unit.JOULES), energy.values()),
                new CounterSnapshot(new MetricMetadata("greenloop_node_energy_breakdown_joules",
                        "Energy of components already contained in another (label within): never add to greenloop_node_energy_joules_total",
                        Unit.JOULES), energyWithin.values()),
                new GaugeSnapshot(new MetricMetadata("greenloop_node_power_watts",
                        "Mean power of each counted component's latest sample; sum() over it never counts a watt twice",
                        WATTS), power.values()),
                new GaugeSnapshot(new MetricMetadata("greenloop_node_power_breakdown_watts",
                        "Mean power of components already contained in another (label within): never add to greenloop_node_power_watts",
                        WATTS), powerWithin.values()));
    }

    private static MetricSnapshot emissions(List<Fleet.NodeEmissions> emissions) {
        return new CounterSnapshot(new MetricMetadata("greenloop_node_emissions_grams",
                "gCO2eq of each node's counted energy since its first sample, per hour of its zone's intensity, times its PUE",
                Unit.GRAMS), Points.of(emissions, e -> Labels.of("node", e.node(), "zone", e.zone()), (l, e) -> counter(l, e.grams())));
    }

    private static MetricSnapshot intensity(List<FleetSources.ZoneIntensity> intensity) {
        return new GaugeSnapshot(new MetricMetadata("greenloop_grid_intensity_grams_per_kwh",
                "Latest carbon intensity of each served zone's grid, gCO2eq/kWh, by signal and kind (actual or forecast)",
                new Unit("grams_per_kwh")), Points.of(intensity, i -> Labels.of("zone", i.zone(), "signal", i.signal(), "kind", i.kind()),
                (l, i) -> gauge(l, i.gramsPerKwh())));
    }

    private static MetricSnapshot jobs(List<Scheduling.JobEnergy> jobs) {
        return new CounterSnapshot(new MetricMetadata("greenloop_job_energy_joules",
                "Measured energy of each finished scheduled job's run (its counted components)",
                Unit.JOULES), Points.of(jobs, j -> Labels.of("job", j.job(), "node", j.node()), (l, j) -> counter(l, j.joules())));
    }

    private static CounterDataPointSnapshot counter(Labels labels, double value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    /** Data points by label set; the first of a repeated label set is kept (a snapshot refuses duplicates). */
    private static final class Points<P> {
        private final Map<Labels, P> byLabels = new LinkedHashMap<>();

        static <T, P> List<P> of(List<T> items, Function<T, Labels> labelsOf, BiFunction<Labels, T, P> pointOf) {
            Points<P> points = new Points<>();
            for (T item : items) {
                Labels labels = labelsOf.apply(item);
                points.put(labels, pointOf.apply(labels, item));
            }
            return points.values();
        }

        void put(Labels labels, P point) {
            byLabels.putIfAbsent(labels, point);
        }

        List<P> values() {
            return List.copyOf(byLabels.values());
        }
    }
}
