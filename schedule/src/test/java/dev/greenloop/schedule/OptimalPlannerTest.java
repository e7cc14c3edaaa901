package dev.greenloop.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.Interval;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The optimal policy against brute force over every whole-minute start, and against the other policies. */
class OptimalPlannerTest {

    private static final int CASES = 300;

    /** A random small instance: one trace and one job that fits inside it. */
    private record Instance(IntensityTrace trace, Job job) {
    }

    private static Instance random(Random rnd, boolean interruptible, int checkpoint, int minSegment) {
        int step = new int[] {15, 30, 60}[rnd.nextInt(3)];
        double[] v = new double[4 + rnd.nextInt(12)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextInt(5) == 0 ? 100 : 20 + rnd.nextInt(500) + rnd.nextDouble();
        }
        IntensityTrace trace = Traces.of("X", step, v);
        int total = v.length * step;
        int submit = rnd.nextInt(total / 2);
        int deadline = submit + 1 + rnd.nextInt(total - submit);
        int offset = rnd.nextInt(3) == 0 && deadline - submit > 1 ? 17 : 0;
        int duration = 1 + rnd.nextInt(deadline - submit - (offset > 0 ? 1 : 0));
        Job job = new Job("j", Traces.at(submit).plusSeconds(offset), duration, Traces.at(deadline),
                1 + rnd.nextInt(3000), interruptible, checkpoint, minSegment, List.of());
        return new Instance(trace, job);
    }

    /** Grams of one minute starting at minute {@code m} after T0, by direct lookup. */
    private static double minuteGrams(IntensityTrace trace, Job job, int m) {
        return job.powerWatts() / 1000.0 / 60.0 * trace.value(trace.indexAt(Traces.at(m)));
    }

    private static double bruteOnePiece(IntensityTrace trace, Job job) {
        int lo = (int) Math.ceilDiv(Duration.between(Traces.T0, job.submit()).toSeconds(), 60);
        int hi = (int) (Duration.between(Traces.T0, job.deadline()).toMinutes()) - job.durationMinutes();
        double best = Double.POSITIVE_INFINITY;
        for (int s = lo; s <= hi; s++) {
            double g = 0;
            for (int m = s; m < s + job.durationMinutes(); m++) {
                g += minuteGrams(trace, job, m);
            }
            best = Math.min(best, g);
        }
        return best;
    }

    private static double bruteFreeSplit(IntensityTrace trace, Job job) {
        int lo = (int) Math.ceilDiv(Duration.between(Traces.T0, job.submit()).toSeconds(), 60);
        int hi = (int) (Duration.between(Traces.T0, job.deadline()).toMinutes());
        double[] g = new double[hi - lo];
        for (int m = lo; m < hi; m++) {
            g[m - lo] = minuteGrams(trace, job, m);
        }
        Arrays.sort(g);
        double sum = 0;
        for (int i = 0; i < job.durationMinutes(); i++) {
            sum += g[i];
        }
        return sum;
    }

    private static SimulationResult run(Policy policy, Instance in) {
        SimulationOptions o = policy == Policy.THRESHOLD ? new SimulationOptions(policy, 0, 0, 250) : SimulationOptions.of(policy);
        return Simulator.simulate(List.of(in.job()), List.of(in.trace()), o);
    }

    @Test
    void optimal_randomOnePieceJobs_equalsBruteForceOverEveryMinute() {
        Random rnd = new Random(42);
        for (int i = 0; i < CASES; i++) {
            Instance in = random(rnd, false, 0, 0);
            double expected = bruteOnePiece(in.trace(), in.job());
            assertEquals(expected, run(Policy.OPTIMAL, in).grams(), 1e-9 * Math.max(1, expected), "case " + i + ": " + in);
        }
    }

    @Test
    void optimal_randomInterruptibleJobs_equalsCheapestMinutes() {
        Random rnd = new Random(7);
        for (int i = 0; i < CASES; i++) {
            Instance in = random(rnd, true, 0, 0);
            double expected = bruteFreeSplit(in.trace(), in.job());
            assertEquals(expected, run(Policy.OPTIMAL, in).grams(), 1e-9 * Math.max(1, expected), "case " + i + ": " + in);
        }
    }

    @Test
    void optimal_randomJobs_beatsOrEqualsEveryOtherPolicy() {
        Random rnd = new Random(11);
        for (int i = 0; i < CASES; i++) {
            Instance in = random(rnd, rnd.nextBoolean(), 0, 0);
            double optimal = run(Policy.OPTIMAL, in).grams();
            for (Policy p : Policy.values()) {
                double other = run(p, in).grams();
                assertTrue(optimal <= other + 1e-9 * Math.max(1, other), "case %d: optimal %s > %s %s for %s".formatted(i, optimal, p, other, in));
            }
        }
    }

    @Test
    void everyPolicy_randomJobs_neverMissesDeadline() {
        Random rnd = new Random(5);
        for (int i = 0; i < CASES; i++) {
            Instance in = random(rnd, rnd.nextBoolean(), 0, 0);
            for (Policy p : Policy.values()) {
                SimulationResult r = run(p, in);
                assertEquals(0, r.missedDeadlines(), p + " case " + i);
                Placement pl = r.placements().getFirst();
                assertFalse(pl.segments().getFirst().start().isBefore(in.job().submit()), p + " starts before submit, case " + i);
                long ran = pl.segments().stream().mapToLong(s -> s.duration().toMinutes()).sum();
                assertEquals(in.job().durationMinutes(), ran, p + " run time, case " + i);
            }
        }
    }

    @Test
    void optimal_checkpointAndMinimumSegment_segmentsLongEnoughAndOverheadCounted() {
        Random rnd = new Random(3);
        int split = 0;
        for (int i = 0; i < CASES; i++) {
            int minSegment = 5 + rnd.nextInt(40);
            int checkpoint = rnd.nextInt(10);
            Instance in = random(rnd, true, checkpoint, minSegment);
            Placement p = run(Policy.OPTIMAL, in).placements().getFirst();
            List<Interval> segs = p.segments();
            long ran = 0;
            for (Interval s : segs) {
                // A job shorter than its minimum segment runs in one piece.
                assertTrue(segs.size() == 1 || s.duration().toMinutes() >= minSegment, "case %d: segment %s shorter than %d min".formatted(i, s, minSegment));
                ran += s.duration().toMinutes();
            }
            split += segs.size() > 1 ? 1 : 0;
            assertEquals(in.job().durationMinutes() + (long) checkpoint * (segs.size() - 1), ran, "case " + i);
            assertFalse(p.missedDeadline(), "case " + i);
            double onePiece = bruteOnePiece(in.trace(), in.job());
            assertTrue(p.grams() <= onePiece + 1e-9 * Math.max(1, onePiece), "case " + i + " worse than one piece");
        }
        assertTrue(split > 0, "no case was split, so the heuristic was not exercised");
    }

    @Test
    void lwa_oneZoneJobs_startsOnTracePoints() {
        Random rnd = new Random(9);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Instance in = random(rnd, false, 0, 0);
            Placement p = run(Policy.LWA, in).placements().getFirst();
            long s = p.segments().getFirst().start().getEpochSecond();
            int k = in.trace().indexAt(p.segments().getFirst().start());
            if (s != in.trace().epochSecond(k)) {
                starts.add(s); // allowed only when no trace point lies in the window
                assertEquals(Math.ceilDiv(in.job().submit().getEpochSecond(), 60) * 60, s);
            }
        }
    }
}
