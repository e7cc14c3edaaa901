package dev.greenloop.schedule;

import java.util.List;

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
}
