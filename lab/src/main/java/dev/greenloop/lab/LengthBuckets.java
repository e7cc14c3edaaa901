package dev.greenloop.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Batches of texts of similar token length: indices sorted by length (stable, so equal lengths keep their input
 * order), cut into batches of at most {@code batchSize}. A batch is padded to its own longest text, so the cuts are
 * chosen to waste little on padding without making many small inference calls: of all ways to cut the sorted texts
 * into runs of at most {@code batchSize}, the one with the least Σ (per-call overhead + texts × longest) in tokens
 * (dynamic programming over the cut points). The per-call overhead, {@link #CALL_OVERHEAD_TOKENS}, was measured on
 * all-MiniLM-L6-v2 fp32 with the tuned runner (bench/lab-throughput.sh: one text per call 5.52 ms against 3.32 ms in
 * sorted batches of 32 texts of about 12 tokens, i.e. about 2.2 ms a call, the cost of 8 tokens).
 */
final class LengthBuckets {

    /** What one inference call costs beyond its tokens, in tokens of compute. */
    static final int CALL_OVERHEAD_TOKENS = 8;

    private LengthBuckets() {
    }

    /**
     * @param lengths the token length of each text
     * @param batchSize at most this many per batch; at least 1
     * @return batches of indices into {@code lengths}, each in ascending length; together each index exactly once
     */
    static List<int[]> batches(int[] lengths, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size %d is below 1".formatted(batchSize));
        }
        Integer[] order = new Integer[lengths.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Integer.compare(lengths[a], lengths[b]));
        int n = order.length;
        // best[i]: the least cost of the first i sorted texts; from[i]: where the last batch of that cut starts
        long[] best = new long[n + 1];
        int[] from = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            best[i] = Long.MAX_VALUE;
            long longest = lengths[order[i - 1]];
            for (int j = Math.max(0, i - batchSize); j < i; j++) {
                long cost = best[j] + CALL_OVERHEAD_TOKENS + (i - j) * longest;
                if (cost <= best[i]) { // on a tie the later cut: the short batch comes last
                    best[i] = cost;
                    from[i] = j;
                }
            }
        }
        List<int[]> batches = new ArrayList<>();
        for (int i = n; i > 0; i = from[i]) {
            int[] batch = new int[i - from[i]];
            for (int k = from[i]; k < i; k++) {
                batch[k - from[i]] = order[k];
            }
            batches.add(batch);
        }
        Collections.reverse(batches);
        return batches;
    }
}
