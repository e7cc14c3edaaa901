package dev.greenloop.schedule;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Replays jobs on real intensity traces: plans each job with a policy (on the trace, or on the
 * trace with forecast noise), then accounts every placement and its {@link Policy#AGNOSTIC}
 * baseline on the real trace. Without budgets jobs are planned independently; with a capacity or
 * power budget ({@link Coupling}) the optimal policy plans them together with CP-SAT. Precomputable
 * jobs ({@link Job#precompute()}) are planned, whatever the policy, by the information battery
 * within {@link SimulationOptions#batteryBudgetWatts()}, and also compared with computing them on
 * demand ({@link BatteryReport}).
 */
public final class Simulator {

    private Simulator() {
    }

    /**
     * @param jobs the jobs; ids need not be unique here; their zones match the traces' in any case ({@code es} is {@code ES})
     * @param traces one per zone, the first being the default zone of a job with no zones listed
     * @param options the policy, forecast noise, threshold and budgets
     * @return placements and infeasible jobs (a job whose window is too short, whose zone has no
     *     trace, whose window the trace does not cover, or, under budgets, that finds no room), in
     *     input order, with totals, under budgets the solver's report, and with precomputable jobs the battery's report
     * @throws IllegalArgumentException if no trace is given, two traces share a zone, or a budget
     *     (capacity, power or battery) names a zone without a trace
     * @throws InvalidJobException if a trace point is not on a whole minute
     */
    public static SimulationResult simulate(List<Job> jobs, List<IntensityTrace> traces, SimulationOptions options) {
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("no trace: give at least one zone's intensity trace");
        }
        Map<String, Integer> zoneIndex = new LinkedHashMap<>();
        // A job's zones match the traces' in any case: es is ES.
        Map<String, Integer> jobZoneIndex = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<Curve> real = new ArrayList<>();
        for (IntensityTrace t : traces) {
            if (zoneIndex.putIfAbsent(t.zone(), real.size()) != null) {
                throw new IllegalArgumentException("two traces for zone " + t.zone() + "; give one per zone");
            }
            jobZoneIndex.putIfAbsent(t.zone(), real.size());
            real.add(Curve.of(t));
        }
        List<Curve> planning = real;
        if (options.forecastError() > 0) {
            Random random = new Random(options.seed());
            planning = real.stream().map(c -> c.withNoise(options.forecastError(), random)).toList();
        }
        int n = jobs.size();
        int[][] zonesOf = new int[n][];
        Window[] windows = new Window[n];
        String[] problems = new String[n];
        for (int i = 0; i < n; i++) {
            Job job = jobs.get(i);
            windows[i] = Window.of(job);
            problems[i] = check(job, windows[i], zoneIndex, jobZoneIndex, real);
            if (problems[i] == null) {
                zonesOf[i] = job.zones().isEmpty() ? IntStream.range(0, real.size()).toArray()
                        : job.zones().stream().mapToInt(jobZoneIndex::get).toArray();
            }
        }
        double[] batteryBudgets = batteryBudgets(options, zoneIndex);
        int[] battery = IntStream.range(0, n).filter(i -> problems[i] == null && jobs.get(i).precompute()).toArray();
        Run[] runs = new Run[n];
        List<Curve> plan = planning;
        long t0 = System.nanoTime();
        SolverReport solver = null;
        if (options.coupling().coupled()) {
            checkBudgetZones(options.coupling(), zoneIndex);
            // Precomputable jobs draw on the battery's own budget, not on the coupled ones: hidden from the solver.
            String[] others = problems.clone();
            for (int i : battery) {
                others[i] = "planned by the information battery";
            }
            // Loads OR-Tools: only here, so that independent planning never pays for its native library.
            solver = CoupledPlanner.plan(jobs, windows, zonesOf, others, plan, options.coupling(), runs);
            for (int i = 0; i < n; i++) {
                if (!jobs.get(i).precompute()) {
                    problems[i] = others[i];
                }
            }
        } else {
            Planner planner = Planner.of(options.policy(), options.thresholdGramsPerKWh());
            IntStream.range(0, n).parallel().filter(i -> problems[i] == null && !jobs.get(i).precompute())
                    .forEach(i -> runs[i] = planner.plan(jobs.get(i), windows[i], pick(plan, zonesOf[i])));
        }
        BatteryFiller.Plan filled = null;
        if (battery.length > 0) {
            filled = BatteryFiller.fill(jobs, battery, windows, zonesOf, plan, batteryBudgets);
            for (int i : battery) {
                runs[i] = filled.runs()[i] != null ? filled.runs()[i] : BatteryFiller.onDemand(windows[i]);
            }
        }
        double planningSeconds = (System.nanoTime() - t0) / 1e9;
        BatteryReport batteryReport = null;
        if (battery.length > 0) {
            double[] unlimited = new double[real.size()];
            Arrays.fill(unlimited, Double.POSITIVE_INFINITY);
            BatteryFiller.Plan free = BatteryFiller.fill(jobs, battery, windows, zonesOf, plan, unlimited);
            batteryReport = BatteryAccount.report(jobs, battery, windows, zonesOf, real, filled, free, options.batteryBudgetWatts());
        }
        SimulationResult r = account(jobs, options, real, zonesOf, windows, problems, runs, planningSeconds, solver);
        return batteryReport == null ? r : r.withBattery(batteryReport);
    }

    /** @return per zone index the battery budget, {@link Double#POSITIVE_INFINITY} where none is given */
    private static double[] batteryBudgets(SimulationOptions options, Map<String, Integer> zoneIndex) {
        double[] out = new double[zoneIndex.size()];
        Arrays.fill(out, Double.POSITIVE_INFINITY);
        options.batteryBudgetWatts().forEach((z, w) -> {
            Integer idx = zoneIndex.get(z);
            if (idx == null) {
                throw new IllegalArgumentException("battery budget for zone %s, which has no trace; add --trace %s=FILE or drop the budget"
                        .formatted(z, z));
            }
            out[idx] = w;
        });
        return out;
    }

    private static void checkBudgetZones(Coupling coupling, Map<String, Integer> zoneIndex) {
        for (String z : coupling.capacity().keySet()) {
            if (!zoneIndex.containsKey(z)) {
                throw new IllegalArgumentException("capacity for zone %s, which has no trace; add --trace %s=FILE".formatted(z, z));
            }
        }
        for (String z : coupling.powerBudgetWatts().keySet()) {
            if (!zoneIndex.containsKey(z)) {
                throw new IllegalArgumentException("power budget for zone %s, which has no trace; add --trace %s=FILE".formatted(z, z));
            }
        }
    }

    private static SimulationResult account(List<Job> jobs, SimulationOptions options, List<Curve> real, int[][] zonesOf,
                                            Window[] windows, String[] problems, Run[] runs, double planningSeconds,
                                            SolverReport solver) {
        List<Placement> placements = new ArrayList<>();
        List<InfeasibleJob> infeasible = new ArrayList<>();
        double grams = 0;
        double baseline = 0;
        int missed = 0;
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            if (problems[i] != null) {
                infeasible.add(new InfeasibleJob(job, problems[i]));
                continue;
            }
            Curve zone = real.get(zonesOf[i][runs[i].zone()]);
            double g = runs[i].grams(zone, job.powerWatts());
            Window w = windows[i];
            double b = real.get(zonesOf[i][0]).grams(job.powerWatts(), w.lo(), w.lo() + w.durationSeconds());
            Placement p = new Placement(job, zone.zone, intervals(runs[i]), g, b);
            missed += p.missedDeadline() ? 1 : 0;
            placements.add(p);
            grams += g;
            baseline += b;
        }
        return new SimulationResult(options, jobs.size(), placements, infeasible, grams, baseline, missed, planningSeconds, solver);
    }

    private static List<Curve> pick(List<Curve> curves, int[] zones) {
        if (zones.length == 1) {
            return List.of(curves.get(zones[0]));
        }
        List<Curve> out = new ArrayList<>(zones.length);
        for (int z : zones) {
            out.add(curves.get(z));
        }
        return out;
    }

    private static List<Interval> intervals(Run run) {
        long[] b = run.bounds();
        List<Interval> out = new ArrayList<>(b.length / 2);
        for (int i = 0; i < b.length; i += 2) {
            out.add(new Interval(Instant.ofEpochSecond(b[i]), Instant.ofEpochSecond(b[i + 1])));
        }
        return out;
    }

    /** @return why the job cannot be placed, or null when it can */
    private static String check(Job job, Window w, Map<String, Integer> zoneIndex, Map<String, Integer> jobZoneIndex, List<Curve> real) {
        if (!w.fits()) {
            return "needs %d min but its window %s to %s holds %d whole minutes; move the deadline or shorten the job"
                    .formatted(job.durationMinutes(), job.submit(), job.deadline(), Math.max(0, (w.hiEnd() - w.lo()) / 60));
        }
        List<String> zones = job.zones().isEmpty() ? List.copyOf(zoneIndex.keySet()) : job.zones();
        for (String z : zones) {
            Integer idx = jobZoneIndex.get(z);
            if (idx == null) {
                return "zone %s has no trace; add --trace %s=FILE or remove the zone from the job".formatted(z, z);
            }
            Curve c = real.get(idx);
            if (w.lo() < c.start() || w.hiEnd() > c.end()) {
                return "window %s to %s is not inside the %s trace (%s to %s); give a longer trace or move the job"
                        .formatted(Instant.ofEpochSecond(w.lo()), Instant.ofEpochSecond(w.hiEnd()), z,
                                Instant.ofEpochSecond(c.start()), Instant.ofEpochSecond(c.end()));
            }
        }
        return null;
    }
}
