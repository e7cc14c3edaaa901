package dev.greenloop.lab;

import dev.greenloop.core.Provenance;
import java.util.OptionalLong;

/**
 * What one variant costs per query on one machine, at one setting: the medians over
 * {@link #rounds()} rounds of {@link Profiler}. Immutable. How each figure is taken is in
 * {@link Profiler}.
 *
 * @param label the encoder's {@link TextEncoder#label()}
 * @param texts the texts of the batched pass
 * @param rounds rounds measured (after the warm-up)
 * @param cpuSecondsPerQuery process CPU time (all threads) of the batched pass ÷ texts
 * @param joulesPerQuery the energy the meter attributes to this JVM during the batched pass ÷ texts
 * @param provenance the meter's provenance of that energy: {@code measured} (RAPL), {@code derived} or {@code modelled}
 * @param latencyMsP50 median wall time of one text embedded alone, in milliseconds
 * @param latencyMsP95 95th percentile of the same (nearest rank)
 * @param latencyTexts texts embedded alone per round (a sample of the first ones)
 * @param throughputPerSecond texts ÷ wall seconds of the batched pass
 * @param passesPerRound how many times the batched pass embedded all texts in a round (the most over the rounds)
 * @param flopsPerQuery floating-point operations per text: 2 × {@link TextEncoder#multiplyAdds} at each text's token count, averaged
 * @param meanTokens mean tokens per text, as the encoder feeds them
 * @param truncated texts cut to the encoder's {@link TextEncoder#maxTokens()}
 * @param sizeBytes size of the encoder's {@link TextEncoder#modelFile()}
 * @param peakRssBytes the process's peak resident memory while the variant was opened and run
 *     (VmHWM after resetting it); empty where the kernel does not allow the reset
 */
public record Profile(String label, int texts, int rounds, double cpuSecondsPerQuery, double joulesPerQuery, Provenance provenance,
        double latencyMsP50, double latencyMsP95, int latencyTexts, double throughputPerSecond, int passesPerRound, double flopsPerQuery, double meanTokens,
        int truncated, long sizeBytes, OptionalLong peakRssBytes) {
}
