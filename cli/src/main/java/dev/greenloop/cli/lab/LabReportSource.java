package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.LabResult;
import dev.greenloop.report.LabResultsJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
     * Reads or measures the result.
     *
     * @param command the command's name for progress lines
     * @throws UsageException if more than one or none of {@code --result}, {@code --from} and {@code --input} are given, the file
     *     is not a result, or the store has no such result
     * @throws dev.greenloop.store.StoreException if the store cannot be opened for {@code --result}
     */
    LabResult load(CommandSpec spec, String command, PrintWriter err) throws IOException {
        if (result != null) {
            if (from != null || profile.input != null || model.model != null || model.modelDir != null) {
                throw new UsageException("give either --result K, --from FILE.json or --model/--input to measure now, not more than one");
            }
            LabService.Lookup found = LabServices.create(Main.settings(spec), true).stored(result);
            return found.result().orElseThrow(
                    () -> new UsageException("--result %d: there is no such result in %s: see lab profiles".formatted(result, found.location())));
        }
        if (from != null) {
            if (profile.input != null || model.model != null || model.modelDir != null) {
                throw new UsageException("give either --from FILE.json or --model/--input to measure now, not both");
            }
            try {
                return LabServices.create(Main.settings(spec), true).read(from);
            } catch (LabResultsJson.MalformedResultException e) {
                throw new UsageException("--from " + e.getMessage());
            }
        }
        if (profile.input == null) {
            throw new UsageException("give --from FILE.json (the --json output of lab profile or lab sweep), --result K (a stored result, see lab profiles)"
                    + " or --model M --input TEXTS to measure now");
        }
        return LabProfiling.measured(spec, command, model, profile, sweep.settings(), err).result();
    }
}
