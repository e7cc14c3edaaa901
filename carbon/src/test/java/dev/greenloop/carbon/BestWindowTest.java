package dev.greenloop.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.greenloop.core.CarbonSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BestWindowTest {

    private static final long T0 = Instant.parse("2022-03-01T00:00:00Z").getEpochSecond();

    private static IntensityTrace random(Random r, int n, long stepSeconds) {
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // uneven steps (up to the trace's gap limit) and a few off-minute boundaries
            t[i] = i == 0 ? T0 : t[i - 1] + stepSeconds + (r.nextInt(4) == 0 ? r.nextInt((int) stepSeconds) : 0);
            v[i] = r.nextInt(500);
        }
        return IntensityTrace.of(new CarbonSignal("XX", "average", "lifecycle", "actual", "random"), t, v, "random", null);
    }

    /** The job's mean by summing overlaps point by point, independent of the prefix sums. */
    private static double bruteMean(IntensityTrace tr, long s, long d) {
        double sum = 0;
        for (int i = 0; i < tr.size(); i++) {
            long a = Math.max(s, tr.epochSecond(i));
            long b = Math.min(s + d, tr.pointEnd(i).getEpochSecond());
            if (b > a) {
                sum += tr.value(i) * (b - a);
            }
        }
        return sum / d;
    }

    @Test
    void best_randomSmallTraces_matchesEveryMinuteStart() {
        Random r = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            IntensityTrace tr = random(r, 3 + r.nextInt(12), r.nextBoolean() ? 1800 : 3600);
            long d = 60L * (1 + r.nextInt(180));
            long from = tr.start().getEpochSecond() + r.nextInt(3600);
            long to = tr.end().getEpochSecond() - r.nextInt(3600);
            if (to - from < d + 60) {
                continue;
            }
            var choice = BestWindow.on(tr).best(Instant.ofEpochSecond(from), Instant.ofEpochSecond(to), Duration.ofSeconds(d));
            double best = Double.MAX_VALUE;
            long bestStart = -1;
            for (long s = Math.ceilDiv(from, 60) * 60; s + d <= to; s += 60) {
                double m = bruteMean(tr, s, d);
                if (m < best - 1e-9) {
                    best = m;
                    bestStart = s;
                }
            }
            assertEquals(best, choice.meanGramsPerKWh(), 1e-6, "trial " + trial);
            assertEquals(best, bruteMean(tr, choice.start().getEpochSecond(), d), 1e-6, "trial " + trial);
            assertEquals(0, choice.start().getEpochSecond() % 60);
            if (Math.abs(bruteMean(tr, bestStart, d) - choice.meanGramsPerKWh()) > 1e-6) {
                throw new AssertionError("trial " + trial);
            }
        }
    }

    @Test
    void best_windowShorterThanJobOrOutsideTrace_isRejected() {
        IntensityTrace tr = random(new Random(1), 10, 3600);
        var w = BestWindow.on(tr);
        assertThrows(IllegalArgumentException.class, () -> w.best(tr.start(), tr.start().plusSeconds(1800), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> w.best(tr.start().minusSeconds(3600), tr.end(), Duration.ofHours(1)));
    }

    @Test
    void lowest_severalZones_firstOfTheLowestMeans() {
        CarbonSignal sig = new CarbonSignal("XX", "average", "lifecycle", "actual", "test");
        Instant at = Instant.ofEpochSecond(T0);
        var a = new BestWindow.Choice("A", sig, at, 120);
        var b = new BestWindow.Choice("B", sig, at, 80);
        var c = new BestWindow.Choice("C", sig, at, 80);
        assertEquals(b, BestWindow.lowest(java.util.List.of(a, b, c)));
        assertThrows(IllegalArgumentException.class, () -> BestWindow.lowest(java.util.List.of()));
    }

    @Test
    void mean_spanOutsideTrace_isRejected_insideIsTheBruteMean() {
        IntensityTrace tr = random(new Random(3), 10, 3600);
        var w = BestWindow.on(tr);
        assertEquals(bruteMean(tr, T0 + 600, 7200), w.mean(Instant.ofEpochSecond(T0 + 600), Duration.ofHours(2)), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> w.mean(tr.start().minusSeconds(60), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> w.mean(tr.start(), Duration.ZERO));
    }
}
