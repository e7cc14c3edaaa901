package dev.greenloop.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.TraceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The filler at the scale of the worked example (docs/information-battery.md) against the exact
 * optimum: a year of nights on the real Spanish 2022 trace, four identical 90-minute shards of
 * 1.5 kW a night, ready at 18:00 and needed at 08:00 UTC. With identical jobs and a budget of m
 * shards, any plan splits into m lanes of non-overlapping runs (interval graphs are perfect), so the
 * optimum is the best split of the precomputed shards over m lanes, each lane solved exactly by a
 * dynamic program over minute starts; the rest run on demand.
 */
class BatteryYearTest {

    private static final int SHARDS = 4;
    private static final int MINUTES = 90;
    private static final double WATTS = 1500;

    @Test
    void filler_yearOfNights_withinAFractionOfAPercentOfTheExactOptimum() throws IOException {
        IntensityTrace spain = TraceFiles.read(sharedCarbon("em_ES_2022_hourly.csv"), "ES", TraceFiles.Basis.LIFECYCLE);
        Curve curve = Curve.of(spain);
        List<Job> jobs = new ArrayList<>();
        Instant day0 = Instant.parse("2022-01-01T00:00:00Z");
        int nights = 364;
        for (int d = 1; d <= nights; d++) {
            Instant ready = day0.plusSeconds((d - 1) * 86_400L + 18 * 3600);
            Instant needed = day0.plusSeconds(d * 86_400L + 8 * 3600);
            for (int s = 0; s < SHARDS; s++) {
                jobs.add(Job.precomputable("d%d-s%d".formatted(d, s), ready, MINUTES, needed, WATTS, List.of()));
            }
        }
        StringBuilder line = new StringBuilder("battery filler vs exact optimum, ES 2022, 364 nights:");
        for (int lanes = 1; lanes <= 2; lanes++) {
            BatteryReport r = Simulator.simulate(jobs, List.of(spain), new SimulationOptions(Policy.OPTIMAL, 0, 0, Double.NaN,
                    Coupling.NONE, Map.of("ES", lanes * WATTS))).battery();
            double exact = 0;
            for (int d = 1; d <= nights; d++) {
                exact += optimum(curve, Window.of(jobs.get((d - 1) * SHARDS)), lanes);
            }
            assertTrue(r.grams() >= exact - 1e-6, "the filler beat the exact optimum with %d lanes: %s < %s".formatted(lanes, r.grams(), exact));
            double gap = 100 * (r.grams() - exact) / exact;
            line.append(String.format(Locale.ROOT, " budget %.0f W: %.3f kg vs %.3f kg optimal (+%.3f %%);", lanes * WATTS,
                    r.grams() / 1000, exact / 1000, gap));
            assertTrue(gap < 0.5, line.toString());
        }
        System.out.println(line);
    }

    /** The least grams of the night's shards with at most {@code lanes} running at once, the rest on demand. */
    private static double optimum(Curve c, Window w, int lanes) {
        double onDemand = c.grams(WATTS, w.latestStart(), w.hiEnd());
        double[] lane = oneLane(c, w);
        // best[k]: the least grams of k precomputed shards over the lanes so far.
        double[] best = new double[SHARDS + 1];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        best[0] = 0;
        for (int l = 0; l < lanes; l++) {
            double[] next = best.clone();
            for (int k = 0; k <= SHARDS; k++) {
                for (int more = 1; k + more <= SHARDS; more++) {
                    next[k + more] = Math.min(next[k + more], best[k] + lane[more]);
                }
            }
            best = next;
        }
        double out = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= SHARDS; k++) {
            out = Math.min(out, best[k] + (SHARDS - k) * onDemand);
        }
        return out;
    }

    /** @return per k, the least grams of k shards in one lane (never overlapping), by dynamic programming over minutes */
    private static double[] oneLane(Curve c, Window w) {
        int t = (int) ((w.hiEnd() - w.lo()) / 60);
        double[][] f = new double[t + 1][SHARDS + 1];
        for (double[] row : f) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        f[0][0] = 0;
        for (int m = 0; m < t; m++) {
            for (int k = 0; k <= SHARDS; k++) {
                if (f[m][k] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                f[m + 1][k] = Math.min(f[m + 1][k], f[m][k]);
                if (k < SHARDS && m + MINUTES <= t) {
                    long s = w.lo() + m * 60L;
                    f[m + MINUTES][k + 1] = Math.min(f[m + MINUTES][k + 1], f[m][k] + c.grams(WATTS, s, s + MINUTES * 60L));
                }
            }
        }
        return f[t];
    }

    /** The project's shared data (../shared/data/carbon), found above the working directory; fails clearly when missing. */
    private static Path sharedCarbon(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("shared/data/carbon").resolve(name), dir.resolve("../shared/data/carbon").resolve(name))) {
                if (Files.isRegularFile(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        return fail("shared data file shared/data/carbon/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void optimum_handMade_matchesHandCount() {
        // 4 h at 100, 200, 300, 400 g/kWh: two 90-minute shards per lane fit in 3 h, on demand is the last 90 minutes.
        Curve c = Curve.of(Traces.of("A", 60, 100, 200, 300, 400));
        Window w = Window.of(Job.precomputable("x", Traces.at(0), MINUTES, Traces.at(240), WATTS, List.of()));
        double first = 1.5 * (100 + 0.5 * 200);       // 00:00-01:30
        double second = 1.5 * (0.5 * 200 + 300);      // 01:30-03:00
        double onDemand = 1.5 * (0.5 * 300 + 400);    // 02:30-04:00
        assertEquals(first + second + 2 * onDemand, optimum(c, w, 1), 1e-9);
        assertEquals(2 * first + 2 * second, optimum(c, w, 2), 1e-9);
    }
}
