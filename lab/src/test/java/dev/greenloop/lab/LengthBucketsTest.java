package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LengthBucketsTest {

    @Test
    void batches_sortedByLength_stable_eachIndexOnce() {
        int[] lengths = {9, 3, 7, 3, 12, 5, 7};
        List<int[]> b = LengthBuckets.batches(lengths, 3);
        assertEquals(3, b.size());
        assertArrayEquals(new int[] {1, 3, 5}, b.get(0));
        assertArrayEquals(new int[] {2, 6, 0}, b.get(1));
        assertArrayEquals(new int[] {4}, b.get(2));
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
