package dev.greenloop.store;

import dev.greenloop.core.Provenance;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One model variant at one set of runner settings, as {@code lab profile} or {@code lab sweep} measured
 * it: a row of the store's {@code profile} table. Immutable. Quality and the energy label are relative to
 * the result's fp32 reference row ({@code reference} true). Latencies are NaN where none were measured.
 *
 * @param measuredAt when the command finished measuring, UTC
 * @param node the node's name, as runs name it
 * @param model the model's name
 * @param variant the variant's name, such as {@code int8}
 * @param settings the settings in words, such as {@code threads=1 workers=2 batch=32 spin=off}
 * @param intraOpThreads ONNX Runtime intra-op threads
 * @param interOpThreads ONNX Runtime inter-op threads
 * @param workers parallel workers
 * @param batchSize texts per batch
 * @param spinning whether idle runtime threads spin
 * @param optimization the runtime's graph optimization level, by name
 * @param texts how many texts were profiled, at least 1
 * @param labelled whether labels were given (kNN accuracy then measured)
 * @param input a fingerprint of the texts: the SHA-256 of their bytes, lower-case hex
 * @param reference whether this row is its result's fp32 reference
 * @param label the profiler's label for the row
 * @param rounds measured rounds
 * @param cpuSecondsPerQuery CPU seconds per text
 * @param joulesPerQuery joules per text
 * @param provenance how the energy was obtained
 * @param latencyMsP50 median one-text latency, milliseconds
 * @param latencyMsP95 95th-percentile one-text latency, milliseconds
 * @param latencyTexts texts embedded one at a time per round for the latencies
 * @param throughputPerSecond texts per wall second of the batched pass
 * @param passesPerRound batched passes over the texts per round
 * @param flopsPerQuery floating-point operations per text
 * @param meanTokens mean tokens per text
 * @param truncated texts cut to the encoder's maximum length
 * @param sizeBytes size of the model file, bytes
 * @param peakRssBytes peak resident memory, bytes; empty where unknown
 * @param meanCosine mean cosine similarity to the reference's vectors
 * @param minCosine least cosine similarity to the reference's vectors
 * @param top10Overlap overlap of the nearest neighbours with the reference's
 * @param overlapNeighbours how many neighbours the overlap compares
 * @param knnAccuracy leave-one-out kNN accuracy, 0 to 1, with labels
 * @param knnNeighbours neighbours of the kNN vote (0 without labels)
 * @param energyLabel the energy label's letter, A to G
 */
public record NewProfile(Instant measuredAt, String node, String model, String variant, String settings, int intraOpThreads,
        int interOpThreads, int workers, int batchSize, boolean spinning, String optimization, int texts, boolean labelled, String input,
        boolean reference, String label, int rounds, double cpuSecondsPerQuery, double joulesPerQuery, Provenance provenance,
        double latencyMsP50, double latencyMsP95, int latencyTexts, double throughputPerSecond, int passesPerRound, double flopsPerQuery,
        double meanTokens, int truncated, long sizeBytes, OptionalLong peakRssBytes, OptionalDouble meanCosine, OptionalDouble minCosine,
        OptionalDouble top10Overlap, int overlapNeighbours, OptionalDouble knnAccuracy, int knnNeighbours, String energyLabel) {

    /**
     * @throws NullPointerException if an object component is null
     * @throws IllegalArgumentException if {@code texts} is below 1, naming it
     */
    public NewProfile {
        Objects.requireNonNull(measuredAt, "measuredAt");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(optimization, "optimization");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(peakRssBytes, "peakRssBytes");
        Objects.requireNonNull(meanCosine, "meanCosine");
        Objects.requireNonNull(minCosine, "minCosine");
        Objects.requireNonNull(top10Overlap, "top10Overlap");
        Objects.requireNonNull(knnAccuracy, "knnAccuracy");
        Objects.requireNonNull(energyLabel, "energyLabel");
        if (texts < 1) {
            throw new IllegalArgumentException("profile of %s %s: texts %d is below 1".formatted(variant, settings, texts));
        }
    }
}
