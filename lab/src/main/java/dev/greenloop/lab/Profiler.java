package dev.greenloop.lab;

import dev.greenloop.core.Provenance;
import dev.greenloop.meter.Discovery;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.Measurement;
import dev.greenloop.meter.Meter;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.SampleListener;
import dev.greenloop.meter.Sampler;
import dev.greenloop.meter.Workload;
import dev.greenloop.meter.proc.Procfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Profiles one variant on a list of texts: opens it, warms it up, then measures {@code rounds}
 * rounds and reports the median of each figure ({@link Profile}).
 *
 * <p>One round is:
 * <ol>
 *   <li>a <b>batched pass</b>: all texts in one {@link TextEncoder#embed} call, as the runner's
 *       settings batch them, repeated until it has run {@code minPassSeconds} (per-query figures
 *       divide by every text embedded). Around it: wall time, process CPU time (all threads of this JVM: the
 *       runner's, JIT and GC included — {@code OperatingSystemMXBean.getProcessCpuTime}), and energy
 *       through the meter (the same sampler as {@code Greenloop.track}: node energy from RAPL where
 *       readable, else the power model, and this JVM's share of it by CPU time). Energy per query is
 *       that share ÷ texts; its provenance is the meter's label. The meter is used directly rather
 *       than through {@code Greenloop.track} so that profiling does not store a run per round.
 *   <li>a <b>latency pass</b>: the first {@code latencyTexts} texts one at a time, one call each;
 *       p50 and p95 (nearest rank) of the wall times.
 * </ol>
 * The warm-up before the rounds is one batched pass over the first {@code warmupTexts} texts and
 * the latency pass over up to 20 texts (JIT, ONNX Runtime's first-run allocations).
 *
 * <p><b>FLOPs</b> per query are 2 × multiply-adds ({@link TextEncoder#multiplyAdds}) at each text's
 * token count, averaged over the texts: the model's arithmetic, not what the CPU executed.
 * <b>Peak memory</b>: before opening the variant, the kernel's peak-RSS mark is reset by writing
 * {@code 5} to {@code /proc/self/clear_refs}; after the rounds, {@code VmHWM} is read from
 * {@code /proc/self/status}. It is the whole process's peak — JVM heap, earlier variants'
 * memory not yet returned to the system, native libraries — so it compares variants run one after
 * the other in one process, and over-states a variant run alone; where the reset is refused
 * (not Linux, or a kernel without it) the figure is left empty rather than reporting the peak since start.
 */
public final class Profiler {

    private Profiler() {
    }

    /**
     * How much to measure.
     *
     * @param rounds measured rounds, at least 1; the medians are reported
     * @param warmupTexts texts of the warm-up's batched pass, at least 0
     * @param latencyTexts texts embedded one at a time per round, at least 0 (0 skips latency)
     * @param minPassSeconds the batched pass is repeated (all texts again) until it has run this
     *     long, at least 0: a fast variant on few texts would otherwise finish within a few of the
     *     kernel's 10 ms CPU-time ticks, which CPU time and energy attribution are counted in
     */
    public record Options(int rounds, int warmupTexts, int latencyTexts, double minPassSeconds) {

        /** @throws IllegalArgumentException naming the value if a count is out of range */
        public Options {
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds %d is below 1".formatted(rounds));
            }
            if (warmupTexts < 0 || latencyTexts < 0) {
                throw new IllegalArgumentException("warm-up texts %d and latency texts %d must be at least 0".formatted(warmupTexts, latencyTexts));
            }
            if (!(minPassSeconds >= 0) || Double.isInfinite(minPassSeconds)) {
                throw new IllegalArgumentException("minimum pass time %s s is not a number at least 0".formatted(minPassSeconds));
            }
        }

        /** 3 rounds, 64 warm-up texts, 200 latency texts, batched passes of at least 1 s. */
        public static Options defaults() {
            return new Options(3, 64, 200, 1.0);
        }
    }

    /** Told what is being done, for progress lines. */
    public interface Listener {
        /** Nothing is told. */
        Listener NONE = (stage, done, total) -> { };

        /**
         * @param stage such as {@code round 2/3 batched}
         * @param done texts done in this stage
         * @param total texts in this stage
         */
        void progress(String stage, long done, long total);
    }

    /**
     * A profile and the vectors of the last batched pass (for {@link Quality}).
     *
     * @param profile the figures
     * @param vectors one vector per text, in input order
     */
    public record Result(Profile profile, List<float[]> vectors) {
    }

    /**
     * Opens a variant, profiles it, and closes it.
     *
     * @param open opens the variant (called once, after the peak-memory reset)
     * @param texts the texts, at least one
     * @param options how much to measure
     * @param listener told the progress
     * @return the profile and the vectors
     * @throws IllegalArgumentException if there are no texts
     * @throws LabException if the encoder fails
     * @throws UncheckedIOException if the meter's first reading fails
     */
    public static Result profile(Supplier<? extends TextEncoder> open, List<String> texts, Options options, Listener listener) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts to profile with: give at least one");
        }
        boolean reset = resetPeakRss();
        try (TextEncoder encoder = open.get()) {
            int[] tokens = encoder.tokenCounts(texts);
            double flops = 2 * meanMultiplyAdds(encoder, tokens);
            double meanTokens = Arrays.stream(tokens).average().orElse(0);
            long size = size(encoder.modelFile());
            List<String> latencyTexts = texts.subList(0, Math.min(options.latencyTexts(), texts.size()));

            if (options.warmupTexts() > 0) {
                int warm = Math.min(options.warmupTexts(), texts.size());
                listener.progress("warm-up batched", 0, warm);
                encoder.embed(texts.subList(0, warm));
                listener.progress("warm-up batched", warm, warm);
            }
            latencies(encoder, latencyTexts.subList(0, Math.min(20, latencyTexts.size())), "warm-up one at a time", listener);

            int r = options.rounds();
            double[] cpu = new double[r];
            double[] joules = new double[r];
            double[] throughput = new double[r];
            double[] p50 = new double[r];
            double[] p95 = new double[r];
            Provenance provenance = Provenance.MEASURED;
            List<float[]> vectors = List.of();
            int truncated = 0;
            int passes = 0;
            Discovery discovery = Meter.discover(MeterConfig.fromEnvironment());
            try {
                Procfs procfs = new Procfs(MeterConfig.fromEnvironment().procfsRoot());
                for (int i = 0; i < r; i++) {
                    String stage = "round %d/%d".formatted(i + 1, r);
                    Sampler sampler = Sampler.start(discovery, procfs, new Workload.ThisProcess(), MeterConfig.DEFAULT_INTERVAL, SampleListener.NONE);
                    long cpu0 = cpuNanos();
                    long t0 = System.nanoTime();
                    Embedder.Result result = encoder.embed(texts, done -> listener.progress(stage + " batched", done, texts.size()));
                    int done = 1;
                    while (System.nanoTime() - t0 < options.minPassSeconds() * 1e9) {
                        encoder.embed(texts);
                        done++;
                    }
                    long t1 = System.nanoTime();
                    long cpu1 = cpuNanos();
                    Measurement m = sampler.stop();
                    long embedded = (long) done * texts.size();
                    cpu[i] = (cpu1 - cpu0) / 1e9 / embedded;
                    joules[i] = m.processEnergy().joules() / embedded;
                    throughput[i] = embedded / ((t1 - t0) / 1e9);
                    passes = Math.max(passes, done);
                    provenance = provenance.weakest(m.provenance());
                    vectors = result.vectors();
                    truncated = result.truncated();
                    double[] ms = latencies(encoder, latencyTexts, stage + " one at a time", listener);
                    p50[i] = percentile(ms, 50);
                    p95[i] = percentile(ms, 95);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the meter: " + e.getMessage(), e);
            } finally {
                discovery.sources().forEach(EnergySource::close);
            }
            OptionalLong peak = reset ? peakRss() : OptionalLong.empty();
            Profile p = new Profile(encoder.label(), texts.size(), r, median(cpu), median(joules), provenance, median(p50), median(p95),
                    latencyTexts.size(), median(throughput), passes, flops, meanTokens, truncated, size, peak);
            return new Result(p, vectors);
        }
    }

    private static double meanMultiplyAdds(TextEncoder encoder, int[] tokens) {
        Map<Integer, Long> byCount = new HashMap<>();
        double sum = 0;
        for (int t : tokens) {
            sum += byCount.computeIfAbsent(t, encoder::multiplyAdds);
        }
        return tokens.length == 0 ? 0 : sum / tokens.length;
    }

    private static double[] latencies(TextEncoder encoder, List<String> texts, String stage, Listener listener) {
        double[] ms = new double[texts.size()];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            encoder.embed(List.of(texts.get(i)));
            ms[i] = (System.nanoTime() - t0) / 1e6;
            listener.progress(stage, i + 1, ms.length);
        }
        return ms;
    }

    /** Nearest-rank percentile; NaN for no values. */
    static double percentile(double[] values, double pct) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(pct / 100 * v.length);
        return v[Math.max(0, rank - 1)];
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new LabException("cannot read the size of the model file %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static boolean resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // no reset here (not Linux, or not allowed): the peak is reported as unknown
        }
    }

    private static OptionalLong peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The reset worked but the status file cannot be read: report unknown, as without the reset.
        }
        return OptionalLong.empty();
    }
}
