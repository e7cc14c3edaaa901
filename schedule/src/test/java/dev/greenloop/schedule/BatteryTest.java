package dev.greenloop.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The information battery: the on-demand reference, the budget on the returned plan, and the filler against brute force. */
class BatteryTest {

    /** 100, 200, ..., 600 gCO2eq/kWh, one hour each. */
    private final IntensityTrace rising = Traces.of("A", 60, 100, 200, 300, 400, 500, 600);

    private static SimulationResult simulate(List<Job> jobs, Map<String, Double> budgets, IntensityTrace... traces) {
        return Simulator.simulate(jobs, List.of(traces), new SimulationOptions(Policy.OPTIMAL, 0, 0, Double.NaN, Coupling.NONE, budgets));
    }

    private static Job pre(String id, int submitMinute, int duration, int deadlineMinute, double watts) {
        return Job.precomputable(id, Traces.at(submitMinute), duration, Traces.at(deadlineMinute), watts, List.of());
    }

    @Test
    void onDemand_handMadeTrace_justBeforeTheDeadline() {
        // Needed at 04:50: on demand runs 03:50-04:50, 10 min at 400 and 50 min at 500 g/kWh, 1 kW.
        SimulationResult r = simulate(List.of(pre("p", 0, 60, 290, 1000)), Map.of(), rising);
        BatteryReport b = r.battery();
        assertNotNull(b);
        assertEquals(1, b.jobs());
        assertEquals(1, b.precomputed());
        assertEquals(10 / 60.0 * 400 + 50 / 60.0 * 500, b.onDemandGrams(), 1e-9);
        assertEquals(100, b.grams(), 1e-9);
        assertEquals(100, b.unlimitedGrams(), 1e-9);
        assertEquals(100 * (b.onDemandGrams() - 100) / b.onDemandGrams(), b.savingsPercent(), 1e-9);
        assertEquals(1.0, b.kWhShifted(), 1e-12);
        assertEquals(Map.of("A", 1000.0), b.peakWatts());
        // The ordinary baseline stays agnostic: at submit, 00:00-01:00.
        assertEquals(100, r.baselineGrams(), 1e-9);
        assertEquals(100, r.grams(), 1e-9);
    }

    @Test
    void battery_onlyOrdinaryJobs_noReport() {
        SimulationResult r = simulate(List.of(Traces.job("j", 0, 60, 300, 1000)), Map.of("A", 10.0), rising);
        assertNull(r.battery());
    }

    @Test
    void battery_anyPolicy_precomputableJobsFilledOrdinaryJobsByPolicy() {
        List<Job> jobs = List.of(pre("p", 0, 60, 300, 1000), Traces.job("j", 0, 60, 300, 1000));
        SimulationResult r = Simulator.simulate(jobs, List.of(rising), SimulationOptions.of(Policy.AGNOSTIC));
        assertEquals(100, r.battery().grams(), 1e-9);
        assertEquals(500, r.battery().onDemandGrams(), 1e-9);
        assertEquals(200, r.grams(), 1e-9);
    }

    @Test
    void budget_jobOverBudget_onDemandWithReason() {
        SimulationResult r = simulate(List.of(pre("big", 0, 60, 300, 500), pre("small", 0, 60, 300, 200)), Map.of("A", 300.0), rising);
        BatteryReport b = r.battery();
        assertEquals(1, b.precomputed());
        assertEquals(1, b.unplaced().size());
        assertEquals("big", b.unplaced().getFirst().job().id());
        String why = b.unplaced().getFirst().reason();
        assertTrue(why.contains("it draws 500 W, more than the 300 W battery budget of zone A") && why.contains("computed on demand"), why);
        Placement big = r.placements().getFirst();
        assertEquals(List.of(new Interval(Traces.at(240), Traces.at(300))), big.segments());
        assertEquals(0.5 * 500 + 0.2 * 100, b.grams(), 1e-9);
        assertEquals(0.5 * 500 + 0.2 * 500, b.onDemandGrams(), 1e-9);
        assertEquals(Map.of("A", 300.0), b.budgetWatts());
        assertEquals(Map.of("A", 200.0), b.peakWatts());
    }

    @Test
    void budget_crowded_firstJobTakesCleanestHourOthersStayOnDemand() {
        // 1 kW budget over two hours at 100 and 200 g/kWh: a takes the first hour; b's only room left is its
        // on-demand hour (no gain), c needs 90 min in a row and finds no room.
        List<Job> jobs = List.of(pre("a", 0, 60, 120, 1000), pre("b", 0, 60, 120, 1000), pre("c", 0, 90, 120, 1000));
        BatteryReport b = simulate(jobs, Map.of("A", 1000.0), rising).battery();
        assertEquals(1, b.precomputed());
        assertEquals(200 + 200 + 250, b.onDemandGrams(), 1e-9);
        assertEquals(100 + 200 + 250, b.grams(), 1e-9);
        assertEquals(100 + 100 + 200, b.unlimitedGrams(), 1e-9);
        assertEquals(List.of("b", "c"), b.unplaced().stream().map(u -> u.job().id()).toList());
        assertTrue(b.unplaced().get(0).reason().contains("already as clean as the cleanest placement left within the battery budget"),
                b.unplaced().toString());
        assertTrue(b.unplaced().get(1).reason().contains("no room left under the 1000 W battery budget of zone A"), b.unplaced().toString());
    }

    @Test
    void onDemand_alreadyCleanest_notPrecomputed() {
        IntensityTrace falling = Traces.of("A", 60, 600, 500, 400, 300, 200, 100);
        BatteryReport b = simulate(List.of(pre("p", 0, 60, 360, 1000)), Map.of(), falling).battery();
        assertEquals(0, b.precomputed());
        assertEquals(0, b.kWhShifted(), 0);
        assertEquals(100, b.grams(), 1e-9);
        assertEquals(0, b.savingsPercent(), 1e-12);
        assertTrue(b.unplaced().getFirst().reason().contains("in its window"), b.unplaced().toString());
    }

    @Test
    void budget_zoneWithoutTrace_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> simulate(List.of(pre("p", 0, 60, 300, 1000)), Map.of("B", 100.0), rising));
        assertTrue(e.getMessage().contains("battery budget for zone B, which has no trace"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SimulationOptions(Policy.OPTIMAL, 0, 0, Double.NaN, Coupling.NONE,
                Map.of("A", -1.0)));
    }

    @Test
    void budget_loose_sameAsUnlimitedAndAsOptimalPolicy() {
        Random rnd = new Random(3);
        IntensityTrace a = randomTrace(rnd, "A", 15, 96);
        IntensityTrace b = randomTrace(rnd, "B", 30, 48);
        List<Job> jobs = randomJobs(rnd, 30, 24 * 60, true);
        double total = jobs.stream().mapToDouble(Job::powerWatts).sum();
        BatteryReport r = simulate(jobs, Map.of("A", total, "B", total), a, b).battery();
        assertTrue(r.precomputed() > 20, r.toString());
        assertTrue(r.unplaced().stream().allMatch(u -> u.reason().contains("already as clean")), r.unplaced().toString());
        assertEquals(r.unlimitedGrams(), r.grams(), 1e-6);
        List<Job> ordinary = jobs.stream().map(j -> new Job(j.id(), j.submit(), j.durationMinutes(), j.deadline(), j.powerWatts(),
                j.interruptible(), 0, 0, j.zones())).toList();
        assertEquals(Traces.simulate(Policy.OPTIMAL, ordinary, a, b).grams(), r.grams(), 1e-6);
    }

    @Test
    void budget_neverExceeded_onReturnedRuns() {
        for (long seed = 0; seed < 10; seed++) {
            Random rnd = new Random(seed);
            IntensityTrace a = randomTrace(rnd, "A", 15, 192);
            IntensityTrace b = randomTrace(rnd, "B", 60, 48);
            List<Job> jobs = randomJobs(rnd, 60, 48 * 60, true);
            Map<String, Double> budgets = Map.of("A", 500.0 + rnd.nextInt(1500), "B", 300.0 + rnd.nextInt(1000));
            SimulationResult r = simulate(jobs, budgets, a, b);
            BatteryReport br = r.battery();
            assertEquals(60, br.jobs());
            assertTrue(br.grams() <= br.onDemandGrams() + 1e-9, "the battery emitted more than on demand, seed " + seed);
            assertTrue(br.grams() >= br.unlimitedGrams() - 1e-9, "the budget helped, seed " + seed);
            List<String> unplaced = br.unplaced().stream().map(u -> u.job().id()).toList();
            for (String zone : List.of("A", "B")) {
                List<Placement> mine = r.placements().stream().filter(p -> p.zone().equals(zone) && !unplaced.contains(p.job().id())).toList();
                // Watts per minute of the two days, from the placements alone.
                double[] watts = new double[48 * 60];
                for (Placement p : mine) {
                    for (Interval s : p.segments()) {
                        for (long m = minute(s.start()); m < minute(s.end()); m++) {
                            watts[(int) m] += p.job().powerWatts();
                        }
                    }
                }
                double peak = java.util.Arrays.stream(watts).max().orElse(0);
                assertTrue(peak <= budgets.get(zone) + 1e-6, "zone %s draws %s W over its budget %s, seed %d".formatted(zone, peak, budgets.get(zone), seed));
                assertEquals(peak, br.peakWatts().getOrDefault(zone, 0.0), 1e-6);
            }
            for (Placement p : r.placements()) {
                long minutes = p.segments().stream().mapToLong(s -> s.duration().toMinutes()).sum();
                assertEquals(p.job().durationMinutes(), minutes, p.toString());
                assertTrue(!p.segments().getFirst().start().isBefore(p.job().submit()) && !p.missedDeadline(), p.toString());
                if (unplaced.contains(p.job().id())) {
                    assertEquals(List.of(new Interval(p.job().deadline().minus(p.job().duration()), p.job().deadline())), p.segments());
                }
            }
        }
    }

    /**
     * Tiny cases, one zone, jobs in one piece: the filler never beats the optimum found by brute force
     * over every minute start (or on demand) of every job (a check on its budget and its accounting),
     * equals it with a single job, and stays close. Prints how often it is optimal and its largest gap.
     */
    @Test
    void filler_tinyCases_againstBruteForce() {
        int cases = 500;
        int optimal = 0;
        double worst = 0;
        double sumGap = 0;
        for (long seed = 0; seed < cases; seed++) {
            Random rnd = new Random(1000 + seed);
            double[] v = new double[8];
            for (int i = 0; i < v.length; i++) {
                v[i] = 50 + rnd.nextInt(450);
            }
            IntensityTrace trace = Traces.of("A", 5, v);
            int n = 1 + rnd.nextInt(4);
            List<Job> jobs = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                int duration = 5 + rnd.nextInt(16);
                int submit = rnd.nextInt(40 - duration);
                int deadline = submit + duration + rnd.nextInt(40 - duration - submit + 1);
                jobs.add(pre("j" + j, submit, duration, Math.max(deadline, submit + duration), 100 * (1 + rnd.nextInt(3))));
            }
            double budget = 100 * (1 + rnd.nextInt(4));
            BatteryReport r = simulate(jobs, Map.of("A", budget), trace).battery();
            double best = bruteForce(jobs, Curve.of(trace), budget);
            assertTrue(r.grams() >= best - 1e-9, "the filler beat brute force, seed %d: %s < %s".formatted(seed, r.grams(), best));
            double gap = best > 0 ? 100 * (r.grams() - best) / best : 0;
            if (n == 1) {
                assertEquals(best, r.grams(), 1e-9, "one job, seed " + seed);
            }
            optimal += gap < 1e-9 ? 1 : 0;
            worst = Math.max(worst, gap);
            sumGap += gap;
        }
        System.out.printf(Locale.ROOT, "battery filler vs brute force: optimal in %d of %d tiny cases, mean gap %.3f %%, largest %.3f %%%n",
                optimal, cases, sumGap / cases, worst);
        assertTrue(optimal >= cases * 9 / 10, optimal + " of " + cases + " optimal");
    }

    /** Least total over every minute start or on demand of each job, with the budget on the precomputed ones per minute. */
    private static double bruteForce(List<Job> jobs, Curve c, double budget) {
        return search(jobs, c, budget, 0, new double[(int) ((c.end() - c.start()) / 60)]);
    }

    private static double search(List<Job> jobs, Curve c, double budget, int j, double[] watts) {
        if (j == jobs.size()) {
            return 0;
        }
        Job job = jobs.get(j);
        Window w = Window.of(job);
        long d = w.durationSeconds();
        double best = c.grams(job.powerWatts(), w.latestStart(), w.hiEnd()) + search(jobs, c, budget, j + 1, watts);
        for (long s = w.lo(); s <= w.latestStart(); s += 60) {
            int from = (int) ((s - c.start()) / 60);
            int to = from + (int) (d / 60);
            boolean fits = true;
            for (int m = from; m < to; m++) {
                watts[m] += job.powerWatts();
                fits &= watts[m] <= budget + 1e-9;
            }
            if (fits) {
                best = Math.min(best, c.grams(job.powerWatts(), s, s + d) + search(jobs, c, budget, j + 1, watts));
            }
            for (int m = from; m < to; m++) {
                watts[m] -= job.powerWatts();
            }
        }
        return best;
    }

    private static long minute(java.time.Instant t) {
        return java.time.Duration.between(Traces.T0, t).toMinutes();
    }

    private static IntensityTrace randomTrace(Random rnd, String zone, int stepMinutes, int points) {
        double[] v = new double[points];
        for (int i = 0; i < points; i++) {
            v[i] = 20 + rnd.nextInt(500) + rnd.nextDouble();
        }
        return Traces.of(zone, stepMinutes, v);
    }

    /** Precomputable jobs within {@code [0, horizon)} minutes, some interruptible, some limited to one zone. */
    private static List<Job> randomJobs(Random rnd, int n, int horizon, boolean twoZones) {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int duration = 10 + rnd.nextInt(180);
            int submit = rnd.nextInt(horizon - duration);
            int deadline = submit + duration + rnd.nextInt(horizon - duration - submit + 1);
            List<String> zones = !twoZones ? List.of() : switch (rnd.nextInt(3)) {
                case 0 -> List.of("A");
                case 1 -> List.of("B");
                default -> List.of("B", "A");
            };
            jobs.add(new Job("p" + i, Traces.at(submit), duration, Traces.at(Math.max(deadline, submit + duration)),
                    100 + rnd.nextInt(400), rnd.nextBoolean(), 0, 0, zones, true));
        }
        return jobs;
    }
}
