package dev.greenloop.cli.lab;

import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.RunnerSettings;
import picocli.CommandLine.Option;

/** The runner's settings as flags, shared by the lab's commands (a picocli mixin); defaults are {@link RunnerSettings#tuned()}. */
final class LabRunnerOptions {

    @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime intra-op threads per batch; default 1.")
    Integer threads;

    @Option(names = "--workers", paramLabel = "N", description = "Batches run at once; default: the available processors.")
    Integer workers;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", description = "Texts per inference call, grouped by token length; default ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--spin", description = "Let idle ONNX Runtime threads spin (lower latency, more CPU time); off by default.")
    boolean spin;

    /**
     * The settings the flags give.
     *
     * @throws UsageException naming a count below 1
     */
    RunnerSettings settings() {
        if (batch < 1) {
            throw new UsageException("--batch %d: must be at least 1".formatted(batch));
        }
        if (threads != null && threads < 1) {
            throw new UsageException("--threads %d: must be at least 1".formatted(threads));
        }
        if (workers != null && workers < 1) {
            throw new UsageException("--workers %d: must be at least 1".formatted(workers));
        }
        RunnerSettings s = RunnerSettings.tuned().withBatchSize(batch).withSpinning(spin);
        s = threads == null ? s : s.withIntraOpThreads(threads);
        return workers == null ? s : s.withWorkers(workers);
    }
}
