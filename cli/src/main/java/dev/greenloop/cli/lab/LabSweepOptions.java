package dev.greenloop.cli.lab;

import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.Sweep;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The runner settings a sweep covers, as lists (a picocli mixin): every combination of
 * {@code --threads}, {@code --batch} and {@code --spin} is profiled.
 */
final class LabSweepOptions {

    @Option(names = "--threads", paramLabel = "N", split = ",", defaultValue = "1", description = "Intra-op thread counts; default ${DEFAULT-VALUE}.")
    List<Integer> threads;

    @Option(names = "--batch", paramLabel = "N", split = ",", defaultValue = "32", description = "Batch sizes; default ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--spin", paramLabel = "on|off|both", defaultValue = "off", description = "Spinning of idle ONNX Runtime threads; default ${DEFAULT-VALUE}.")
    String spin;

    @Option(names = "--workers", paramLabel = "N", description = "Workers for every combination; default: the processors ÷ threads (at least 1).")
    Integer workers;

    /**
     * The combinations.
     *
     * @throws UsageException naming a bad count or spin value
     */
    List<RunnerSettings> settings() {
        List<Boolean> spinning = switch (spin.toLowerCase(Locale.ROOT)) {
            case "on" -> List.of(true);
            case "off" -> List.of(false);
            case "both" -> List.of(false, true);
            default -> throw new UsageException("--spin %s: one of on, off, both".formatted(spin));
        };
        for (int t : threads) {
            if (t < 1) {
                throw new UsageException("--threads %d: must be at least 1".formatted(t));
            }
        }
        for (int b : batches) {
            if (b < 1) {
                throw new UsageException("--batch %d: must be at least 1".formatted(b));
            }
        }
        if (workers != null && workers < 1) {
            throw new UsageException("--workers %d: must be at least 1".formatted(workers));
        }
        return Sweep.grid(RunnerSettings.tuned(), threads, batches, spinning, workers == null ? 0 : workers, Runtime.getRuntime().availableProcessors());
    }
}
