package dev.greenloop.cli;

import dev.greenloop.app.NodeFacts;
import dev.greenloop.app.Settings;
import dev.greenloop.lab.EnergyLabel;
import dev.greenloop.lab.Profile;
import dev.greenloop.lab.Quality;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.Sweep;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.ProfileStore;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoreException;
import dev.greenloop.store.Stores;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Keeps the result of {@code lab profile} and {@code lab sweep} in the store (a picocli mixin with
 * {@code --no-store}), and turns stored rows back into report rows. A store that cannot be opened or
 * written does not lose the measurement: the result is printed anyway and the command warns, as
 * {@code measure} does.
 */
final class LabStoring {

    @Option(names = "--no-store", description = "Do not keep the result in the Greenloop store (GREENLOOP_DB, default SQLite in GREENLOOP_HOME).")
    boolean noStore;

    /**
     * Saves the rows of {@code measured} as one result, unless {@code --no-store}; says so on {@code err}.
     *
     * @param command the command's name, such as {@code lab sweep}
     */
    void save(String command, LabProfiling.Measured measured, PrintStream err) {
        if (noStore) {
            return;
        }
        List<NewProfile> rows = rows(measured, NodeFacts.hostname());
        StoreConfig config = StoreConfig.fromEnvironment(Settings.current().effectiveEnvironment());
        try (ProfileStore store = Stores.openProfiles(config)) {
            long result = store.save(command, rows);
            err.printf("greenloop: stored %d profiles as result %d in %s%n", rows.size(), result, store.location());
        } catch (StoreException e) {
            // Safe to go on: the result is already printed (and written to --out); only its copy in the store is missing.
            err.println("greenloop: warning: the profiles were measured but not stored: " + e.getMessage());
        }
    }

    /** The report's rows as the store keeps them, the first the reference. */
    static List<NewProfile> rows(LabProfiling.Measured measured, String node) {
        LabReport report = measured.report();
        List<NewProfile> out = new ArrayList<>();
        for (LabReport.Row r : report.rows()) {
            Profile p = r.profile();
            Quality q = r.quality();
            RunnerSettings s = r.settings();
            out.add(new NewProfile(measured.measuredAt(), node, report.model(), r.variant(), Sweep.describe(s), s.intraOpThreads(),
                    s.interOpThreads(), s.workers(), s.batchSize(), s.spinning(), s.optimization().name(), report.texts(), report.labelled(),
                    measured.input(), r == report.reference(), p.label(), p.rounds(), p.cpuSecondsPerQuery(), p.joulesPerQuery(), p.provenance(),
                    p.latencyMsP50(), p.latencyMsP95(), p.latencyTexts(), p.throughputPerSecond(), p.passesPerRound(), p.flopsPerQuery(),
                    p.meanTokens(), p.truncated(), p.sizeBytes(), p.peakRssBytes(), q.meanCosine(), q.minCosine(), q.top10Overlap(),
                    q.overlapNeighbours(), q.knnAccuracy(), q.knnNeighbours(), r.energyLabel().name()));
        }
        return out;
    }

    /** A stored row as a report row. */
    static LabReport.Row row(NewProfile p) {
        RunnerSettings settings = new RunnerSettings(p.intraOpThreads(), p.interOpThreads(), p.workers(), p.spinning(),
                RunnerSettings.Optimization.valueOf(p.optimization()), p.batchSize());
        Profile profile = new Profile(p.label(), p.texts(), p.rounds(), p.cpuSecondsPerQuery(), p.joulesPerQuery(), p.provenance(), p.latencyMsP50(),
                p.latencyMsP95(), p.latencyTexts(), p.throughputPerSecond(), p.passesPerRound(), p.flopsPerQuery(), p.meanTokens(), p.truncated(),
                p.sizeBytes(), p.peakRssBytes());
        Quality quality = new Quality(p.texts(), p.meanCosine(), p.minCosine(), p.top10Overlap(), p.overlapNeighbours(), p.knnAccuracy(),
                p.knnNeighbours());
        return new LabReport.Row(p.variant(), settings, profile, quality, EnergyLabel.valueOf(p.energyLabel()));
    }
}
