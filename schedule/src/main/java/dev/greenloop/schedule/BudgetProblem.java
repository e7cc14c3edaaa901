package dev.greenloop.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The coupled planning problem on the {@link Grid}, as every method that plans or bounds it sees
 * it: per job its options, the cost of every start in integer units, the budgets per zone and
 * each job's draw. Arrays are shared, not copied: nobody writes them after construction.
 *
 * @param options all options, grouped by job in {@code byJob}
 * @param byJob per job, the indices of its options; empty for a job not planned
 * @param cost per option and start, the emissions in units (see {@link CpSatPlanner#UNITS})
 * @param capacity per zone, the most concurrent jobs, or -1 for none
 * @param budgetMilliwatts per zone, the power budget, or -1 for none
 * @param demandMilliwatts per job, its draw
 * @param slots the number of grid slots any run may touch
 * @param leaveOutPenalty the cost of leaving a job out, above all emissions together; -1 when
 *     every job with an option must be placed
 */
record BudgetProblem(List<Option> options, int[][] byJob, long[][] cost, long[] capacity, long[] budgetMilliwatts,
                     long[] demandMilliwatts, int slots, long leaveOutPenalty) {

    int jobs() {
        return byJob.length;
    }

    int zones() {
        return capacity.length;
    }

    /** @return the cost of a plan: its starts' costs, plus the penalty for every job with options left out */
    long objective(int[] option, int[] start) {
        long sum = 0;
        for (int j = 0; j < byJob.length; j++) {
            if (option[j] >= 0) {
                sum += cost[option[j]][start[j]];
            } else if (byJob[j].length > 0) {
                sum += leaveOutPenalty;
            }
        }
        return sum;
    }

    /** @return this problem where leaving a job out costs one unit more than the dearest start of every job together */
    BudgetProblem withLeaveOut() {
        long penalty = 1;
        for (int[] js : byJob) {
            long dearest = 0;
            for (int i : js) {
                for (long c : cost[i]) {
                    dearest = Math.max(dearest, c);
                }
            }
            penalty += dearest;
        }
        return new BudgetProblem(options, byJob, cost, capacity, budgetMilliwatts, demandMilliwatts, slots, penalty);
    }

    /**
     * @return this problem with only the starts whose reduced cost is at most {@code slack}, and those of
     *     the plan {@code option}/{@code start}, which is rewritten in the new indices; options left
     *     without a start are dropped
     */
    BudgetProblem keeping(double[][] reducedCost, double slack, int[] option, int[] start) {
        List<Option> kept = new ArrayList<>();
        List<long[]> costs = new ArrayList<>();
        int[][] keptByJob = new int[jobs()][];
        for (int j = 0; j < jobs(); j++) {
            List<Integer> mine = new ArrayList<>();
            int newOption = -1;
            int newStart = -1;
            for (int i : byJob[j]) {
                Option o = options.get(i);
                int planned = option[j] == i ? start[j] : -1;
                int[] keep = IntStream.range(0, o.starts().length).filter(s -> reducedCost[i][s] <= slack || s == planned).toArray();
                if (keep.length == 0) {
                    continue;
                }
                long[] starts = new long[keep.length];
                double[] grams = new double[keep.length];
                long[] keptCost = new long[keep.length];
                for (int k = 0; k < keep.length; k++) {
                    starts[k] = o.starts()[keep[k]];
                    grams[k] = o.grams()[keep[k]];
                    keptCost[k] = cost[i][keep[k]];
                    if (option[j] == i && start[j] == keep[k]) {
                        newOption = kept.size();
                        newStart = k;
                    }
                }
                mine.add(kept.size());
                kept.add(new Option(o.job(), o.choice(), o.zone(), o.span(), starts, grams));
                costs.add(keptCost);
            }
            keptByJob[j] = mine.stream().mapToInt(Integer::intValue).toArray();
            option[j] = newOption;
            start[j] = newStart;
        }
        return new BudgetProblem(kept, keptByJob, costs.toArray(long[][]::new), capacity, budgetMilliwatts, demandMilliwatts,
                slots, leaveOutPenalty);
    }

    /** @return grams per unit of cost: the dearest start's emissions / {@link CpSatPlanner#UNITS} */
    double unitGrams() {
        return unitGrams(options);
    }

    /**
     * Builds the options of every job without a problem, on {@code grid}; a job with none gets its
     * reasons in {@code problems}. Every job must be placed ({@code leaveOutPenalty} -1).
     */
    static BudgetProblem of(List<Job> jobs, Window[] windows, int[][] zonesOf, String[] problems, List<Curve> curves,
                            Coupling coupling, Grid grid) {
        int zones = curves.size();
        long[] capacity = new long[zones];
        long[] budget = new long[zones];
        for (int z = 0; z < zones; z++) {
            String name = curves.get(z).zone;
            capacity[z] = coupling.capacity().getOrDefault(name, -1);
            Double watts = coupling.powerBudgetWatts().get(name);
            budget[z] = watts == null ? -1 : (long) Math.floor(watts * 1000 + 1e-6);
        }
        int n = jobs.size();
        long[] demand = new long[n];
        List<Option> options = new ArrayList<>();
        int[][] byJob = new int[n][];
        int slots = 0;
        for (int j = 0; j < n; j++) {
            byJob[j] = new int[0];
            if (problems[j] != null) {
                continue;
            }
            Job job = jobs.get(j);
            demand[j] = (long) Math.ceil(job.powerWatts() * 1000 - 1e-6);
            List<Integer> mine = new ArrayList<>();
            List<String> why = new ArrayList<>();
            for (int c = 0; c < zonesOf[j].length; c++) {
                int z = zonesOf[j][c];
                String name = curves.get(z).zone;
                if (capacity[z] == 0) {
                    why.add("zone %s has capacity 0".formatted(name));
                } else if (budget[z] >= 0 && demand[j] > budget[z]) {
                    why.add("it draws %s W, more than the %s W power budget of zone %s"
                            .formatted(job.powerWatts(), coupling.powerBudgetWatts().get(name), name));
                } else {
                    Option o = option(j, c, z, job, windows[j], grid, curves.get(z));
                    if (o == null) {
                        why.add("no start on the %d-minute grid of the model fits its window in zone %s".formatted(grid.minutes(), name));
                    } else {
                        mine.add(options.size());
                        options.add(o);
                        slots = (int) Math.max(slots, o.starts()[o.starts().length - 1] + o.span());
                    }
                }
            }
            if (mine.isEmpty()) {
                problems[j] = "cannot run under the budgets: " + String.join("; ", why);
            }
            byJob[j] = mine.stream().mapToInt(Integer::intValue).toArray();
        }
        double unitGrams = unitGrams(options);
        long[][] cost = new long[options.size()][];
        for (int i = 0; i < cost.length; i++) {
            double[] grams = options.get(i).grams();
            cost[i] = new long[grams.length];
            for (int s = 0; s < grams.length; s++) {
                cost[i][s] = Math.round(grams[s] / unitGrams);
            }
        }
        return new BudgetProblem(options, byJob, cost, capacity, budget, demand, slots, -1);
    }

    private static double unitGrams(List<Option> options) {
        double dearest = 0;
        for (Option o : options) {
            for (double g : o.grams()) {
                dearest = Math.max(dearest, g);
            }
        }
        return dearest > 0 ? dearest / CpSatPlanner.UNITS : 1;
    }

    private static Option option(int j, int c, int z, Job job, Window w, Grid grid, Curve curve) {
        long first = grid.slotAtOrAfter(w.lo());
        long last = grid.slotAtOrBefore(w.latestStart());
        if (first > last) {
            return null;
        }
        long[] starts = new long[(int) (last - first + 1)];
        double[] grams = new double[starts.length];
        for (int k = 0; k < starts.length; k++) {
            starts[k] = first + k;
            long s = grid.at(starts[k]);
            grams[k] = curve.grams(job.powerWatts(), s, s + w.durationSeconds());
        }
        return new Option(j, c, z, grid.span(w.durationSeconds()), starts, grams);
    }
}
