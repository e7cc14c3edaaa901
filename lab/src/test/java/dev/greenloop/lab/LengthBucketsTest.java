package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LengthBucketsTest {

    @Test
    void batches_sortedByLength_stable_eachIndexOnce() {
        int[] lengths = {9, 3, 7, 3, 12, 5, 7};
        List<int[]> b = LengthBuckets.batches(lengths, 3);
        // sorted: 3 (1), 3 (3), 5 (5), 7 (2), 7 (6), 9 (0), 12 (4); cheapest cut with 8 tokens a call: 14 + 29 + 32
        assertEquals(3, b.size());
        assertArrayEquals(new int[] {1, 3}, b.get(0));
        assertArrayEquals(new int[] {5, 2, 6}, b.get(1));
        assertArrayEquals(new int[] {0, 4}, b.get(2));
    }

    @Test
    void equalLengths_fillWholeBatches() {
        int[] lengths = new int[70];
        Arrays.fill(lengths, 12);
        assertEquals(List.of(32, 32, 6), LengthBuckets.batches(lengths, 32).stream().map(a -> a.length).toList());
    }

    @Test
    void aLongText_isNotPaddedFor() {
        int[] lengths = new int[33];
        Arrays.fill(lengths, 10);
        lengths[17] = 100;
        List<int[]> b = LengthBuckets.batches(lengths, 64);
        assertEquals(2, b.size());
        assertEquals(32, b.get(0).length);
        assertArrayEquals(new int[] {17}, b.get(1));
    }

    @Test
    void cuts_areTheCheapest_againstEveryCut() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(10);
            int size = 1 + random.nextInt(5);
            int[] lengths = random.ints(n, 1, 60).toArray();
            List<int[]> b = LengthBuckets.batches(lengths, size);
            int[] seen = new int[n];
            long cost = 0;
            for (int[] batch : b) {
                assertTrue(batch.length >= 1 && batch.length <= size);
                for (int k = 1; k < batch.length; k++) {
                    assertTrue(lengths[batch[k - 1]] <= lengths[batch[k]]);
                }
                Arrays.stream(batch).forEach(i -> seen[i]++);
                cost += LengthBuckets.CALL_OVERHEAD_TOKENS + (long) batch.length * lengths[batch[batch.length - 1]];
            }
            assertTrue(Arrays.stream(seen).allMatch(c -> c == 1), "each index once");
            int[] sorted = lengths.clone();
            Arrays.sort(sorted);
            assertEquals(bruteForce(sorted, 0, size), cost, "round " + round + ": " + Arrays.toString(lengths) + ", size " + size);
        }
    }

    /** The least cost of cutting sorted[from..] into runs of at most size, trying every cut. */
    private static long bruteForce(int[] sorted, int from, int size) {
        if (from == sorted.length) {
            return 0;
        }
        long best = Long.MAX_VALUE;
        for (int to = from + 1; to <= Math.min(sorted.length, from + size); to++) {
            best = Math.min(best, LengthBuckets.CALL_OVERHEAD_TOKENS + (long) (to - from) * sorted[to - 1] + bruteForce(sorted, to, size));
        }
        return best;
    }

    @Test
    void batches_empty_none() {
        assertEquals(0, LengthBuckets.batches(new int[0], 4).size());
    }

    @Test
    void batches_sizeBelow1_rejected() {
        assertThrows(IllegalArgumentException.class, () -> LengthBuckets.batches(new int[] {1}, 0));
    }
}
