package dev.greenloop.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accounts the information battery's plan on the real trace: against on demand, without budget, and its peak draw per zone. */
final class BatteryAccount {

    private BatteryAccount() {
    }

    /**
     * @param ids the precomputable jobs, in input order
     * @param filled the plan within the budgets
     * @param free the plan of the same jobs with no budget
     */
    static BatteryReport report(List<Job> jobs, int[] ids, Window[] windows, int[][] zonesOf, List<Curve> real,
                                BatteryFiller.Plan filled, BatteryFiller.Plan free, Map<String, Double> budgetWatts) {
        double onDemand = 0;
        double grams = 0;
        double unlimited = 0;
        double kWh = 0;
        int precomputed = 0;
        List<InfeasibleJob> unplaced = new ArrayList<>();
        Map<String, List<double[]>> steps = new LinkedHashMap<>();
        for (int i : ids) {
            Job job = jobs.get(i);
            double od = BatteryFiller.onDemand(windows[i]).grams(real.get(zonesOf[i][0]), job.powerWatts());
            onDemand += od;
            Run r = filled.runs()[i];
            if (r == null) {
                grams += od;
                unplaced.add(new InfeasibleJob(job, filled.unplaced()[i]));
            } else {
                Curve zone = real.get(zonesOf[i][r.zone()]);
                grams += r.grams(zone, job.powerWatts());
                precomputed++;
                kWh += job.powerWatts() * job.durationMinutes() / 60.0 / 1000.0;
                List<double[]> zoneSteps = steps.computeIfAbsent(zone.zone, z -> new ArrayList<>());
                long[] b = r.bounds();
                for (int k = 0; k < b.length; k += 2) {
                    zoneSteps.add(new double[] {b[k], job.powerWatts()});
                    zoneSteps.add(new double[] {b[k + 1], -job.powerWatts()});
                }
            }
            Run u = free.runs()[i];
            unlimited += u == null ? od : u.grams(real.get(zonesOf[i][u.zone()]), job.powerWatts());
        }
        Map<String, Double> peaks = new LinkedHashMap<>();
        steps.forEach((zone, s) -> peaks.put(zone, peak(s)));
        return new BatteryReport(ids.length, precomputed, onDemand, grams, unlimited, kWh, budgetWatts, peaks, unplaced);
    }

    /** @return the highest sum of the steps {@code [time, watts]} over time, runs ending at an instant before those starting there */
    private static double peak(List<double[]> steps) {
        steps.sort(Comparator.<double[]>comparingDouble(s -> s[0]).thenComparingDouble(s -> s[1]));
        double now = 0;
        double peak = 0;
        for (double[] s : steps) {
            now += s[1];
            peak = Math.max(peak, now);
        }
        return peak;
    }
}
