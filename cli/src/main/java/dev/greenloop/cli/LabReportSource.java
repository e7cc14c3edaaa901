package dev.greenloop.cli;

import dev.greenloop.app.Settings;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.ProfileStore;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoredProfile;
import dev.greenloop.store.Stores;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code lab pareto} and {@code lab recommend} get their profiles (a picocli mixin): a result
 * written before ({@code --from FILE.json}), one kept in the store ({@code --result K}), or measured now with the flags of {@code lab sweep}.
 */
final class LabReportSource {

    @Option(names = "--from", paramLabel = "FILE.json", description = "The --json output (or --out file) of lab profile or lab sweep.")
    Path from;

    @Option(names = "--result", paramLabel = "K", description = "A result kept in the store by lab profile or lab sweep (see lab profiles).")
    Long result;

    @Mixin
    LabModelOptions model;

    @Mixin
    LabProfileOptions profile;

    @Mixin
    LabSweepOptions sweep;

    /** Whether labels are or were given: always true for {@code --from} and {@code --result} (checked once read). */
    boolean mayHaveLabels() {
        return from != null || result != null || profile.labels != null;
    }

    /** Where a read result came from, for messages: {@code --from FILE} or {@code --result K}; empty when measured now. */
    String origin() {
        return from != null ? "--from " + from : result != null ? "--result " + result : "";
    }

    /**
     * Reads or measures the report.
     *
     * @param command the command's name for progress lines
     * @throws UsageException if more than one or none of {@code --result}, {@code --from} and {@code --input} are given, the file
     *     is not a result, or the store has no such result
     * @throws dev.greenloop.store.StoreException if the store cannot be opened for {@code --result}
     */
    LabReport load(String command, PrintStream err) throws IOException {
        if (result != null) {
            if (from != null || profile.input != null || model.model != null || model.modelDir != null) {
                throw new UsageException("give either --result K, --from FILE.json or --model/--input to measure now, not more than one");
            }
            return stored(result);
        }
        if (from != null) {
            if (profile.input != null || model.model != null || model.modelDir != null) {
                throw new UsageException("give either --from FILE.json or --model/--input to measure now, not both");
            }
            return LabReport.readJson(from);
        }
        if (profile.input == null) {
            throw new UsageException("give --from FILE.json (the --json output of lab profile or lab sweep), --result K (a stored result, see lab profiles)"
                    + " or --model M --input TEXTS to measure now");
        }
        return LabProfiling.measure(command, model, profile, sweep.settings(), err);
    }

    /** @throws UsageException naming {@code resultId} and the store when there is no such result */
    private static LabReport stored(long resultId) {
        List<StoredProfile> rows;
        String location;
        try (ProfileStore store = Stores.openProfiles(StoreConfig.fromEnvironment(Settings.current().effectiveEnvironment()))) {
            rows = store.result(resultId);
            location = store.location();
        }
        if (rows.isEmpty()) {
            throw new UsageException("--result %d: there is no such result in %s: see lab profiles".formatted(resultId, location));
        }
        NewProfile first = rows.getFirst().profile();
        return new LabReport(first.model(), first.texts(), first.labelled(), rows.stream().map(r -> LabStoring.row(r.profile())).toList());
    }
}
