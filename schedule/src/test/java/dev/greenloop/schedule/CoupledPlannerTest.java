package dev.greenloop.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The Lagrangian bound and the plans of local search and ruin and recreate, without CP-SAT, against
 * brute force over every grid start on tiny instances; budgets checked on the runs returned.
 */
class CoupledPlannerTest {

    /** One planning problem, as the simulator hands it to the planner. */
    private record Instance(List<Job> jobs, List<Curve> curves, Map<String, Integer> capacity, Map<String, Double> power) {

        Window[] windows() {
            return jobs.stream().map(Window::of).toArray(Window[]::new);
        }

        int[][] zonesOf() {
            return jobs.stream().map(j -> IntStream.range(0, curves.size()).toArray()).toArray(int[][]::new);
        }

        double bruteForce() {
            return CpSatPlannerTest.bruteForce(jobs, curves, capacity, power);
        }

        /** Plans with the given CP-SAT threshold (0: never CP-SAT) and checks the runs against the budgets. */
        SolverReport plan(Duration limit, int cpSatMostStarts, Run[] runs) {
            String[] problems = new String[jobs.size()];
            SolverReport r = CoupledPlanner.plan(jobs, windows(), zonesOf(), problems, curves,
                    new Coupling(capacity, power, limit), runs, cpSatMostStarts);
            assertWithinBudgets(runs);
            return r;
        }

        /** At every run's start, per zone, the runs covering it stay within the capacity and power budget. */
        void assertWithinBudgets(Run[] runs) {
            for (int a = 0; a < runs.length; a++) {
                if (runs[a] == null) {
                    continue;
                }
                long t = runs[a].bounds()[0];
                int count = 0;
                double watts = 0;
                for (int b = 0; b < runs.length; b++) {
                    if (runs[b] != null && runs[b].zone() == runs[a].zone() && runs[b].bounds()[0] <= t && t < runs[b].end()) {
                        count++;
                        watts += jobs.get(b).powerWatts();
                    }
                }
                String zone = curves.get(runs[a].zone()).zone;
                assertTrue(count <= capacity.getOrDefault(zone, Integer.MAX_VALUE), "capacity of " + zone + " exceeded at " + t);
                assertTrue(watts <= power.getOrDefault(zone, Double.MAX_VALUE) + 1e-9, "power budget of " + zone + " exceeded at " + t);
                Window w = Window.of(jobs.get(a));
                assertTrue(runs[a].bounds()[0] >= w.lo() && runs[a].end() <= w.hiEnd(), "job " + a + " outside its window");
            }
        }

        double grams(Run[] runs) {
            double g = 0;
            for (int j = 0; j < runs.length; j++) {
                g += runs[j].grams(curves.get(runs[j].zone()), jobs.get(j).powerWatts());
            }
            return g;
        }
    }

    private static Instance tiny(Random rnd) {
        CpSatPlannerTest.Tiny t = CpSatPlannerTest.tiny(rnd);
        return new Instance(t.jobs(), t.traces().stream().map(Curve::of).toList(), t.capacity(), t.power());
    }

    private static BudgetProblem problem(Instance in) {
        return BudgetProblem.of(in.jobs(), in.windows(), in.zonesOf(), new String[in.jobs().size()], in.curves(),
                new Coupling(in.capacity(), in.power(), Duration.ofSeconds(1)), Grid.of(in.curves()));
    }

    private static double unitGrams(BudgetProblem p) {
        return p.options().stream().flatMapToDouble(o -> Arrays.stream(o.grams())).max().orElseThrow() / CpSatPlanner.UNITS;
    }

    @Test
    void lagrangian_anyPrices_neverAboveBruteForceOptimum() {
        Random rnd = new Random(3);
        int checked = 0;
        for (int round = 0; round < 40; round++) {
            Instance in = tiny(rnd);
            double optimum = in.bruteForce();
            if (Double.isInfinite(optimum)) {
                continue;
            }
            BudgetProblem p = problem(in);
            Lagrangian l = new Lagrangian(p);
            // In units, each start's cost rounded by at most half a unit.
            double optimumUnits = optimum / unitGrams(p) + 0.5 * in.jobs().size();
            for (int k = 0; k < 200; k++) {
                double value = l.evaluate();
                assertTrue(value <= optimumUnits + 1e-6, "round " + round + " step " + k + ": bound " + value + " > optimum " + optimumUnits);
                if (k % 2 == 0) {
                    l.step(1, optimumUnits * 1.1, value);
                } else {
                    for (double[] row : l.price) {
                        for (int t = 0; t < row.length; t++) {
                            row[t] = rnd.nextInt(4) == 0 ? rnd.nextDouble() * CpSatPlanner.UNITS : 0;
                        }
                    }
                }
            }
            checked++;
        }
        assertTrue(checked >= 20, "only " + checked + " feasible rounds");
    }

    @Test
    void plan_withoutCpSat_tinyInstances_findsBruteForceOptimumAndBoundBelowIt() {
        Random rnd = new Random(7);
        for (int round = 0; round < 25; round++) {
            Instance in = tiny(rnd);
            double optimum = in.bruteForce();
            if (Double.isInfinite(optimum)) {
                continue;
            }
            Run[] runs = new Run[in.jobs().size()];
            SolverReport r = in.plan(Duration.ofMillis(300), 0, runs);
            assertTrue(Arrays.stream(runs).allMatch(run -> run != null), "round " + round + ": a job left out");
            assertEquals(optimum, in.grams(runs), 1e-5 * optimum, "round " + round + ": " + r);
            assertTrue(r.bestBoundGrams() <= optimum * (1 + 1e-5), "round " + round + ": bound above the optimum: " + r);
            assertTrue(r.bestBoundGrams() <= r.objectiveGrams() && r.gapPercent() >= 0, r.toString());
            assertEquals("lagrangian", r.boundMethod());
        }
    }

    /** Jobs of one grid step on one zone: an assignment of jobs to slots, whose LP is integral. */
    @Test
    void lagrangian_unitJobsIntegralLp_boundReachesOptimum() {
        Random rnd = new Random(5);
        for (int round = 0; round < 10; round++) {
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int submit = rnd.nextInt(6) * 60;
                jobs.add(Traces.job("j" + i, submit, 60, submit + 60 * (1 + rnd.nextInt(4)), 100));
            }
            Instance in = new Instance(jobs, List.of(Curve.of(CpSatPlannerTest.randomTrace(rnd, "A", 10))), Map.of("A", 2), Map.of());
            double optimum = in.bruteForce();
            if (Double.isInfinite(optimum)) {
                continue;
            }
            SolverReport r = in.plan(Duration.ofSeconds(2), 0, new Run[jobs.size()]);
            assertEquals(optimum, r.objectiveGrams(), 1e-5 * optimum, "round " + round + ": " + r);
            assertEquals(optimum, r.bestBoundGrams(), 1e-3 * optimum, "round " + round + ": " + r);
            assertTrue(r.bestBoundGrams() <= optimum * (1 + 1e-5), "round " + round + ": " + r);
        }
    }

    /** 400 jobs over two days, three zones, capacity 4 and a power budget: too big for CP-SAT, so local search. */
    private static Instance crowded(Random rnd) {
        List<IntensityTrace> traces = List.of(CpSatPlannerTest.randomTrace(rnd, "A", 60), CpSatPlannerTest.randomTrace(rnd, "B", 60),
                CpSatPlannerTest.randomTrace(rnd, "C", 60));
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int submit = rnd.nextInt(40 * 60);
            int duration = 15 + rnd.nextInt(240);
            jobs.add(Traces.job("j" + i, submit, duration, Math.min(60 * 60, submit + duration + 360), 50 + rnd.nextInt(500)));
        }
        return new Instance(jobs, traces.stream().map(Curve::of).toList(), Map.of("A", 4, "B", 6, "C", 5), Map.of("B", 1500.0));
    }

    @Test
    void plan_manyJobs_withinBudgetsGapAboveZeroAndTimeLimitHonoured() {
        Instance in = crowded(new Random(13));
        Run[] runs = new Run[in.jobs().size()];
        long t0 = System.nanoTime();
        SolverReport r = in.plan(Duration.ofSeconds(2), CoupledPlanner.CP_SAT_MOST_STARTS, runs);
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Slack for a loaded machine; the point is that the limit, not the default 30 s, bounds it.
        assertTrue(seconds < 3, "took " + seconds + " s for a 2 s limit: " + r);
        assertTrue(r.wallSeconds() <= seconds, r.toString());
        assertTrue(r.bestBoundGrams() > 0 && r.bestBoundGrams() <= r.objectiveGrams() + 1e-9, r.toString());
        assertTrue(r.iterations() > 0, r.toString());
        long placed = Arrays.stream(runs).filter(run -> run != null).count();
        double grams = 0;
        for (int j = 0; j < runs.length; j++) {
            if (runs[j] != null) {
                grams += runs[j].grams(in.curves().get(runs[j].zone()), in.jobs().get(j).powerWatts());
            }
        }
        if (placed == runs.length) {
            // The report's objective is the plan's emissions, up to the rounding to units.
            assertEquals(grams, r.objectiveGrams(), 1e-4 * grams, r.toString());
        }
    }
}
