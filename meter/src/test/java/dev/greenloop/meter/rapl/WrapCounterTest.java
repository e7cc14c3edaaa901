package dev.greenloop.meter.rapl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Wrap arithmetic with exact numbers. A range of 1 kJ and a peak of 500 W: at peak the counter goes
 * once round in 2 s, so reads 1 s apart never need inference and longer gaps do.
 */
class WrapCounterTest {

    private static final long RANGE = 1_000_000_000L;
    private static final double PEAK = 500;
    private static final long SECOND = 1_000_000_000L;

    @Test
    void advance_noWrap_returnsDifferenceSinceBaseline() {
        WrapCounter c = new WrapCounter(RANGE, PEAK, 100_000_000, 0);

        assertEquals(250_000_000, c.advance(350_000_000, SECOND));
        assertEquals(260_000_000, c.advance(360_000_000, 2 * SECOND));
    }

    @Test
    void advance_counterWentBack_addsOneRange() {
        WrapCounter c = new WrapCounter(RANGE, PEAK, 900_000_000, 0);

        assertEquals(200_000_000, c.advance(100_000_000, SECOND));
    }

    @Test
    void advance_wrappedTwiceUnseenAfterHistory_infersTwoRangesFromRecentPower() {
        WrapCounter c = new WrapCounter(RANGE, PEAK, 100_000_000, 0);
        assertEquals(100_000_000, c.advance(200_000_000, SECOND)); // 100 W

        // 20 s at about 100 W: 2.05 kJ, so the raw value passed 0 twice and ended above where it was.
        assertEquals(2_150_000_000L, c.advance(250_000_000, 21 * SECOND));
    }

    @Test
    void advance_wrappedTwiceOneVisible_addsTheVisibleAndOneInferredRange() {
        WrapCounter c = new WrapCounter(RANGE, PEAK, 100_000_000, 0);
        c.advance(200_000_000, SECOND); // 100 W

        // 1.95 kJ in 20 s: raw 200 M -> 150 M, a visible wrap (950 M) plus one whole range unseen.
        assertEquals(2_050_000_000L, c.advance(150_000_000, 21 * SECOND));
    }

    @Test
    void advance_longGapBeforeAnyHistory_estimatesAtHalfThePeak() {
        WrapCounter c = new WrapCounter(RANGE, PEAK, 0, 0);

        // 10 s at 250 W would be 2.5 kJ: the nearest whole number of extra ranges to 2.5 kJ - 0.1 kJ is 2.
        assertEquals(2_100_000_000L, c.advance(100_000_000, 10 * SECOND));
    }

    @Test
    void advance_estimateAbovePeak_clampsToWhatThePeakAllows() {
        WrapCounter c = new WrapCounter(RANGE, PEAK, 0, 0);
        assertEquals(900_000_000, c.advance(900_000_000, SECOND)); // 900 W: more than the plausible peak

        // 3 s: 900 W would give 2.7 kJ, but 500 W allows at most 1.5 kJ, so only one extra range.
        assertEquals(1_950_000_000L, c.advance(950_000_000, 4 * SECOND));
    }

    @Test
    void advance_gapWithinHalfRangeAtPeak_neverInfersARange() {
        WrapCounter c = new WrapCounter(RANGE, PEAK, 0, 0);
        c.advance(400_000_000, SECOND); // 400 W

        // 1.9 s: even at 500 W under 1 kJ, so no whole range can have passed unseen.
        assertEquals(1_100_000_000L, c.advance(100_000_000, SECOND + 1_900_000_000L));
    }

    @Test
    void advance_sameInstant_countsTheRawDifferenceOnly() {
        WrapCounter c = new WrapCounter(RANGE, PEAK, 0, 5);

        assertEquals(7, c.advance(7, 5));
        assertEquals(7, c.advance(7, 5));
    }

    @Test
    void advance_rawAboveRange_takesItModuloRangeAndNeverDecreases() {
        WrapCounter c = new WrapCounter(RANGE, PEAK, 10, 0);

        assertEquals(RANGE + 5 - 10, c.advance(RANGE + 5, 1_000));
        assertEquals(RANGE + 5 - 10, c.advance(RANGE + 5, 2_000));
    }

    @Test
    void new_nonPositiveRange_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WrapCounter(0, PEAK, 0, 0));
        assertEquals("range and peak must be > 0, were 0 µJ and 500.0 W", e.getMessage());
    }
}
