package dev.greenloop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code lab pareto} and {@code lab recommend} get their profiles (a picocli mixin): a result
 * written before ({@code --from FILE.json}), or measured now with the flags of {@code lab sweep}.
 */
final class LabReportSource {

    @Option(names = "--from", paramLabel = "FILE.json", description = "The --json output (or --out file) of lab profile or lab sweep.")
    Path from;

    @Mixin
    LabModelOptions model;

    @Mixin
    LabProfileOptions profile;

    @Mixin
    LabSweepOptions sweep;

    /** Whether labels are or were given: always true for {@code --from} (checked once read). */
    boolean mayHaveLabels() {
        return from != null || profile.labels != null;
    }

    /**
     * Reads or measures the report.
     *
     * @param command the command's name for progress lines
     * @throws UsageException if both or neither of {@code --from} and {@code --input} are given, or the file is not a result
     */
    LabReport load(String command, PrintStream err) throws IOException {
        if (from != null) {
            if (profile.input != null || model.model != null || model.modelDir != null) {
                throw new UsageException("give either --from FILE.json or --model/--input to measure now, not both");
            }
            return LabReport.readJson(from);
        }
        if (profile.input == null) {
            throw new UsageException("give --from FILE.json (the --json output of lab profile or lab sweep) or --model M --input TEXTS to measure now");
        }
        return LabProfiling.measure(command, model, profile, sweep.settings(), err);
    }
}
