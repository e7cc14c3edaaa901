package dev.greenloop.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runner settings a sweep profiles: every combination of intra-op threads, batch size and
 * spinning, on top of base settings.
 */
public final class Sweep {

    private Sweep() {
    }

    /**
     * Every combination, threads outermost, then batch sizes, then spinning (off before on).
     *
     * <p>Workers: when {@code fixedWorkers} is 0, each combination gets
     * {@code max(1, processors ÷ threads)} workers, so that workers × threads stays within the
     * cores (the efficient range); otherwise every combination gets {@code fixedWorkers}.
     *
     * @param base the other settings (inter-op threads, optimisation)
     * @param threads intra-op thread counts, at least one, each at least 1
     * @param batches batch sizes, at least one, each at least 1
     * @param spinning spinning values, at least one
     * @param fixedWorkers workers for every combination, or 0 to fit them to the processors
     * @param processors the processors to fit workers to, at least 1
     * @return the settings, in that order, duplicates removed
     * @throws IllegalArgumentException naming the value if a list is empty or a count below 1
     */
    public static List<RunnerSettings> grid(RunnerSettings base, List<Integer> threads, List<Integer> batches, List<Boolean> spinning, int fixedWorkers,
            int processors) {
        if (threads.isEmpty() || batches.isEmpty() || spinning.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one thread count, batch size and spinning value; got %s, %s, %s"
                    .formatted(threads, batches, spinning));
        }
        if (fixedWorkers < 0 || processors < 1) {
            throw new IllegalArgumentException("workers %d must be at least 0 and processors %d at least 1".formatted(fixedWorkers, processors));
        }
        List<RunnerSettings> out = new ArrayList<>();
        for (int t : threads) {
            for (int b : batches) {
                for (boolean s : List.of(false, true)) {
                    if (!spinning.contains(s)) {
                        continue;
                    }
                    int workers = fixedWorkers > 0 ? fixedWorkers : Math.max(1, processors / Math.max(1, t));
                    RunnerSettings r = base.withIntraOpThreads(t).withBatchSize(b).withSpinning(s).withWorkers(workers);
                    if (!out.contains(r)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The settings as a short name: {@code threads=1 workers=2 batch=32 spin=off}.
     *
     * @param s the settings
     * @return the name, the same for equal settings
     */
    public static String describe(RunnerSettings s) {
        return String.format(Locale.ROOT, "threads=%d workers=%d batch=%d spin=%s", s.intraOpThreads(), s.workers(), s.batchSize(), s.spinning() ? "on" : "off");
    }
}
