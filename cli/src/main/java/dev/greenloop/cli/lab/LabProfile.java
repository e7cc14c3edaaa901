package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop lab profile}: each variant's energy, CPU, latency, FLOPs, size, memory and quality on the given texts, fp32 the reference. */
@Command(name = "profile", description = "Profile variants on your texts: energy and CPU per query, latency, throughput, FLOPs, size, peak memory, "
        + "and quality against fp32 (mean/min cosine, top-10 neighbour overlap, kNN accuracy with --labels).")
final class LabProfile implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabModelOptions modelOptions;

    @Mixin
    LabProfileOptions profileOptions;

    @Mixin
    LabRunnerOptions runnerOptions;

    @Mixin
    LabStoring storing;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        LabService.Profiled measured = LabProfiling.measured(spec, "lab profile", modelOptions, profileOptions, List.of(runnerOptions.settings()), spec.commandLine().getErr());
        LabSweep.print(spec.commandLine().getOut(), measured.result(), json);
        storing.save(spec, "lab profile", measured, spec.commandLine().getErr());
        return 0;
    }
}
