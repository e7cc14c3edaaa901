package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import dev.greenloop.lab.EnergyLabel;
import dev.greenloop.lab.LabResult;
import dev.greenloop.report.LabResultsJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop lab sweep}: {@code lab profile} at every combination of threads, batch size and spinning. */
@Command(name = "sweep", description = "Profile variants at every combination of --threads, --batch and --spin (lists), fp32 at the first one the reference.")
final class LabSweep implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabModelOptions modelOptions;

    @Mixin
    LabProfileOptions profileOptions;

    @Mixin
    LabSweepOptions sweepOptions;

    @Mixin
    LabStoring storing;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        LabService.Profiled measured = LabProfiling.measured(spec, "lab sweep", modelOptions, profileOptions, sweepOptions.settings(), spec.commandLine().getErr());
        print(spec.commandLine().getOut(), measured.result(), json);
        storing.save(spec, "lab sweep", measured, spec.commandLine().getErr());
        return 0;
    }

    /** Prints a report as JSON or as a table with the label rule under it. */
    static void print(PrintWriter out, LabResult report, boolean json) throws IOException {
        if (json) {
            LabResultsJson.write(report, out);
            out.flush();
            return;
        }
        out.printf("%s on %d texts; reference: %s%n", report.model(), report.texts(), report.reference().name());
        LabTable.print(report, out);
        out.println("energy label: " + EnergyLabel.RULE + " (same texts, same machine; see docs/lab-profile.md)");
    }
}
