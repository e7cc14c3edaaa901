package dev.greenloop.carbon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StepIntegralTest {

    private static final long[] T = {0, 3600, 7200, 10800};
    private static final double[] V = {100, 200, 50};

    @Test
    void prefixSums_inHours_andInSeconds() {
        assertArrayEquals(new double[] {0, 100, 300, 350}, StepIntegral.prefixSums(T, V, 3600), 1e-12);
        assertArrayEquals(new double[] {0, 360_000, 1_080_000, 1_260_000}, StepIntegral.prefixSums(T, V, 1), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> StepIntegral.prefixSums(new long[] {0, 1}, V, 1));
    }

    @Test
    void index_boundariesBelongToTheirPoint_endToTheLast() {
        assertEquals(0, StepIntegral.index(T, 0));
        assertEquals(0, StepIntegral.index(T, 3599));
        assertEquals(1, StepIntegral.index(T, 3600));
        assertEquals(2, StepIntegral.index(T, 10799));
        assertEquals(2, StepIntegral.index(T, 10800));
    }

    @Test
    void cumulative_withinAPoint_linear_atOrAfterEnd_whole() {
        double[] cum = StepIntegral.prefixSums(T, V, 3600);
        assertEquals(200, StepIntegral.cumulative(T, V, cum, 3600, 5400), 1e-12);
        assertEquals(350, StepIntegral.cumulative(T, V, cum, 3600, 10800), 1e-12);
        assertEquals(350, StepIntegral.cumulative(T, V, cum, 3600, 99_999), 1e-12);
    }
}
