package dev.greenloop.server;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.Scheduling;
import dev.greenloop.store.ComponentTotal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where {@code /metrics} reads the fleet's figures at every scrape: all from the store, none kept in the server, so
 * that two replicas on one database export the same counters.
 *
 * @param totals every component's running total and latest power ({@link Fleet#totals()})
 * @param emissions every node's carbon since its first sample ({@link Fleet#emissions()})
 * @param intensity the latest grid intensity of each served zone and signal
 * @param jobs the measured energy of finished jobs ({@link Scheduling#measuredEnergy})
 */
record FleetSources(Supplier<List<ComponentTotal>> totals, Supplier<List<Fleet.NodeEmissions>> emissions,
        Supplier<List<ZoneIntensity>> intensity, Supplier<List<Scheduling.JobEnergy>> jobs) {

    /** How far back {@link #withJobs(Scheduling, Clock)} reads jobs' runs: older jobs' series end. */
    static final Duration JOB_WINDOW = Duration.ofDays(30);

    FleetSources {
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(emissions, "emissions");
        Objects.requireNonNull(intensity, "intensity");
        Objects.requireNonNull(jobs, "jobs");
    }

    /** @return the fleet's totals and emissions, no intensity and no jobs until {@link #withIntensity}/{@link #withJobs} */
    static FleetSources of(Fleet fleet) {
        return new FleetSources(fleet::totals, fleet::emissions, List::of, List::of);
    }

    /** @return these sources with the nodes' emissions from {@code source} */
    FleetSources withEmissions(Supplier<List<Fleet.NodeEmissions>> source) {
        return new FleetSources(totals, source, intensity, jobs);
    }

    /** @return these sources with the grid intensity from {@code source} */
    FleetSources withIntensity(Supplier<List<ZoneIntensity>> source) {
        return new FleetSources(totals, emissions, source, jobs);
    }

    /**
     * @return these sources with the energy of the jobs whose measured run started in the last {@link #JOB_WINDOW}
     *     ({@link Scheduling#measuredEnergy}), so that a scrape reads a bounded number of runs
     */
    FleetSources withJobs(Scheduling scheduling, Clock clock) {
        return withJobs(() -> scheduling.measuredEnergy(clock.instant().minus(JOB_WINDOW)));
    }

    /** @return these sources with the jobs' energy from {@code source} */
    FleetSources withJobs(Supplier<List<Scheduling.JobEnergy>> source) {
        return new FleetSources(totals, emissions, intensity, source);
    }

    /**
     * The latest carbon intensity of one zone, as {@code greenloop_grid_intensity_grams_per_kwh} exports it.
     *
     * @param zone the grid zone, such as {@code DE}
     * @param gramsPerKwh gCO2eq/kWh
     * @param signal such as {@code average-lifecycle} or {@code marginal}
     * @param kind {@code actual} or {@code forecast}
     */
    record ZoneIntensity(String zone, double gramsPerKwh, String signal, String kind) {
    }
}
