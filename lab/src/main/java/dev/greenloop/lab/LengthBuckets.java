package dev.greenloop.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Batches of texts of similar token length: indices sorted by length (stable, so equal lengths keep
 * their input order), cut into batches of at most {@code batchSize}. A batch is padded only to its
 * own longest text, so short texts do not pay for long ones.
 */
final class LengthBuckets {

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
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            int[] batch = new int[to - from];
            for (int i = from; i < to; i++) {
                batch[i - from] = order[i];
            }
            batches.add(batch);
        }
        return batches;
    }
}
