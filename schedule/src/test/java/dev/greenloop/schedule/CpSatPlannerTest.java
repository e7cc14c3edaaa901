package dev.greenloop.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The optimal policy under capacity and power budgets (CP-SAT) against brute force over every
 * grid-aligned start on tiny instances, and the budgets checked on the plan it returns.
 */
class CpSatPlannerTest {

    private static final Duration LIMIT = Duration.ofSeconds(5);

    private static SimulationResult simulate(List<Job> jobs, List<IntensityTrace> traces, Map<String, Integer> capacity,
                                             Map<String, Double> power) {
        return Simulator.simulate(jobs, traces, new SimulationOptions(Policy.OPTIMAL, 0, 0, Double.NaN,
                new Coupling(capacity, power, LIMIT)));
    }

    static IntensityTrace randomTrace(Random rnd, String zone, int points) {
        double[] v = new double[points];
        for (int i = 0; i < points; i++) {
            v[i] = 20 + rnd.nextInt(500) + rnd.nextDouble();
        }
        return Traces.of(zone, 60, v);
    }

    /** Smallest total over every combination of zone and hour-aligned start, under the budgets; +inf when none fits. */
    static double bruteForce(List<Job> jobs, List<Curve> curves, Map<String, Integer> capacity, Map<String, Double> power) {
        List<List<long[]>> choices = new ArrayList<>();   // per job: {zone, start, end}
        for (Job job : jobs) {
            Window w = Window.of(job);
            List<long[]> mine = new ArrayList<>();
            for (int z = 0; z < curves.size(); z++) {
                for (long s = Math.ceilDiv(w.lo(), 3600) * 3600; s <= w.latestStart(); s += 3600) {
                    mine.add(new long[] {z, s, s + w.durationSeconds()});
                }
            }
            choices.add(mine);
        }
        return search(jobs, curves, capacity, power, choices, 0, new long[jobs.size()][], 0);
    }

    private static double search(List<Job> jobs, List<Curve> curves, Map<String, Integer> capacity, Map<String, Double> power,
                                 List<List<long[]>> choices, int j, long[][] picked, double sofar) {
        if (j == jobs.size()) {
            return sofar;
        }
        double best = Double.POSITIVE_INFINITY;
        for (long[] c : choices.get(j)) {
            picked[j] = c;
            if (fits(jobs, curves, capacity, power, picked, j)) {
                Curve curve = curves.get((int) c[0]);
                best = Math.min(best, search(jobs, curves, capacity, power, choices, j + 1, picked,
                        sofar + curve.grams(jobs.get(j).powerWatts(), c[1], c[2])));
            }
        }
        return best;
    }

    /** Whether job {@code j}'s pick keeps every zone within its budgets at every instant where a run starts. */
    private static boolean fits(List<Job> jobs, List<Curve> curves, Map<String, Integer> capacity, Map<String, Double> power,
                                long[][] picked, int j) {
        for (int a = 0; a <= j; a++) {
            long t = picked[a][1];
            int count = 0;
            double watts = 0;
            for (int b = 0; b <= j; b++) {
                if (picked[b][0] == picked[a][0] && picked[b][1] <= t && t < picked[b][2]) {
                    count++;
                    watts += jobs.get(b).powerWatts();
                }
            }
            String zone = curves.get((int) picked[a][0]).zone;
            if (count > capacity.getOrDefault(zone, Integer.MAX_VALUE) || watts > power.getOrDefault(zone, Double.MAX_VALUE) + 1e-9) {
                return false;
            }
        }
        return true;
    }

    /** Checks the plan itself, not the solver's claim: at every segment start, per zone, count and draw within budget. */
    private static void assertWithinBudgets(SimulationResult r, Map<String, Integer> capacity, Map<String, Double> power) {
        for (Placement p : r.placements()) {
            for (Interval at : p.segments()) {
                Instant t = at.start();
                int count = 0;
                double watts = 0;
                for (Placement q : r.placements()) {
                    for (Interval s : q.segments()) {
                        if (q.zone().equals(p.zone()) && !s.start().isAfter(t) && s.end().isAfter(t)) {
                            count++;
                            watts += q.job().powerWatts();
                        }
                    }
                }
                assertTrue(count <= capacity.getOrDefault(p.zone(), Integer.MAX_VALUE), "capacity of " + p.zone() + " exceeded at " + t);
                assertTrue(watts <= power.getOrDefault(p.zone(), Double.MAX_VALUE) + 1e-9, "power budget of " + p.zone() + " exceeded at " + t);
            }
            assertFalse(p.missedDeadline(), p.toString());
        }
    }

    /** A tiny instance: 2–4 jobs on one or two hourly zones, capacity 1 in A and, with B, a power budget there. */
    record Tiny(List<IntensityTrace> traces, List<Job> jobs, Map<String, Integer> capacity, Map<String, Double> power) {
    }

    static Tiny tiny(Random rnd) {
        List<IntensityTrace> traces = new ArrayList<>(List.of(randomTrace(rnd, "A", 10)));
        if (rnd.nextBoolean()) {
            traces.add(randomTrace(rnd, "B", 10));
        }
        List<Job> jobs = new ArrayList<>();
        int count = 2 + rnd.nextInt(3);
        for (int i = 0; i < count; i++) {
            int submit = rnd.nextInt(4) * 60 + (rnd.nextInt(3) == 0 ? 7 : 0);
            int duration = 30 + rnd.nextInt(150);
            int deadline = Math.min(600, submit + duration + 60 + rnd.nextInt(240));
            jobs.add(Traces.job("j" + i, submit, duration, deadline, 100 + rnd.nextInt(900)));
        }
        return new Tiny(traces, jobs, Map.of("A", 1), traces.size() > 1 ? Map.of("B", 1200.0) : Map.of());
    }

    @Test
    void plan_tinyInstances_matchesBruteForceOverGridStarts() {
        Random rnd = new Random(7);
        for (int round = 0; round < 25; round++) {
            Tiny tiny = tiny(rnd);
            List<IntensityTrace> traces = tiny.traces();
            List<Job> jobs = tiny.jobs();
            Map<String, Integer> capacity = tiny.capacity();
            Map<String, Double> power = tiny.power();
            double expected = bruteForce(jobs, traces.stream().map(Curve::of).toList(), capacity, power);
            SimulationResult r = simulate(jobs, traces, capacity, power);
            if (Double.isInfinite(expected)) {
                assertFalse(r.infeasible().isEmpty(), "round " + round + ": no plan fits all jobs, yet all were placed");
                continue;
            }
            assertTrue(r.infeasible().isEmpty(), "round " + round + ": " + r.infeasible());
            assertEquals(expected, r.grams(), 1e-5 * expected, "round " + round);
            assertTrue(r.solver().optimal(), "round " + round + ": " + r.solver());
            assertEquals(0, r.solver().gapPercent(), 1e-9);
            assertWithinBudgets(r, capacity, power);
        }
    }

    @Test
    void plan_manyJobsTightBudgets_neverExceedsBudgetsAndReportsGap() {
        Random rnd = new Random(11);
        List<IntensityTrace> traces = List.of(randomTrace(rnd, "A", 48), randomTrace(rnd, "B", 48));
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int submit = rnd.nextInt(24) * 60 + rnd.nextInt(60);
            int duration = 20 + rnd.nextInt(300);
            jobs.add(Traces.job("j" + i, submit, duration, submit + duration + 600, 50 + rnd.nextInt(500)));
        }
        Map<String, Integer> capacity = Map.of("A", 3);
        Map<String, Double> power = Map.of("B", 900.0);
        SimulationResult r = Simulator.simulate(jobs, traces, new SimulationOptions(Policy.OPTIMAL, 0, 0, Double.NaN,
                new Coupling(capacity, power, Duration.ofSeconds(2))));
        assertWithinBudgets(r, capacity, power);
        SolverReport s = r.solver();
        assertNotNull(s);
        assertTrue(s.gapPercent() >= 0 && s.bestBoundGrams() <= s.objectiveGrams() + 1e-9, s.toString());
        assertEquals(60, r.placements().size() + r.infeasible().size());
        SimulationResult independent = Traces.simulate(Policy.OPTIMAL, jobs, traces.toArray(IntensityTrace[]::new));
        assertTrue(r.grams() >= independent.grams() - 1e-6 * independent.grams(), "budgets cannot make it cleaner");
    }

    @Test
    void plan_jobOverPowerBudgetOrWithoutRoom_reportedPerJob() {
        IntensityTrace a = Traces.of("A", 60, 100, 200, 300, 400);
        List<Job> jobs = List.of(Traces.job("big", 0, 60, 240, 2000),
                Traces.job("x", 0, 120, 120, 100), Traces.job("y", 0, 120, 120, 100), Traces.job("z", 0, 60, 240, 100));
        SimulationResult r = simulate(jobs, List.of(a), Map.of("A", 1), Map.of("A", 1000.0));
        assertEquals(2, r.infeasible().size(), r.infeasible().toString());
        assertEquals("big", r.infeasible().get(0).job().id());
        assertTrue(r.infeasible().get(0).reason().contains("more than the 1000.0 W power budget of zone A"), r.infeasible().toString());
        assertTrue(r.infeasible().get(1).reason().contains("no room left"), r.infeasible().toString());
        List<String> placed = r.placements().stream().map(p -> p.job().id()).sorted().toList();
        assertTrue(placed.equals(List.of("x", "z")) || placed.equals(List.of("y", "z")), placed.toString());
    }

    @Test
    void plan_interruptibleJobUnderBudget_runsInOnePiece() {
        IntensityTrace a = Traces.of("A", 60, 100, 900, 100, 900, 100);
        Job j = new Job("i", Traces.at(0), 120, Traces.at(300), 100, true, 0, 0, List.of());
        SimulationResult r = simulate(List.of(j), List.of(a), Map.of("A", 1), Map.of());
        assertEquals(1, r.placements().getFirst().segments().size());
    }

    @Test
    void options_budgetWithOtherPolicy_rejected() {
        Coupling c = new Coupling(Map.of("A", 1), Map.of(), LIMIT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SimulationOptions(Policy.LWA, 0, 0, Double.NaN, c));
        assertTrue(e.getMessage().contains("--policy optimal"), e.getMessage());
    }

    @Test
    void simulate_budgetForZoneWithoutTrace_rejectedNamingZone() {
        IntensityTrace a = Traces.of("A", 60, 100, 200);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> simulate(List.of(Traces.job("j", 0, 30, 120, 10)), List.of(a), Map.of("B", 1), Map.of()));
        assertTrue(e.getMessage().contains("zone B"), e.getMessage());
    }

    @Test
    void coupling_negativeCapacity_rejectedNamingZone() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Coupling(Map.of("DE", -1), Map.of(), LIMIT));
        assertTrue(e.getMessage().contains("DE"), e.getMessage());
    }
}
