package dev.greenloop.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A feasible plan under budgets, found greedily, to start the solver from: jobs with the fewest
 * possible starts first (longest first among equals), each at its cheapest start that still fits
 * under the budgets of the slots it touches; a job that fits nowhere is left out.
 */
final class GreedyFit {

    /** A chosen start: an option's index and the index of the start in it. */
    record Pick(int option, int start) {
    }

    private GreedyFit() {
    }

    /**
     * @param options all options, grouped by job in {@code byJob}
     * @param byJob the indices of each job's options; empty for a job not planned
     * @param capacity per zone, the most concurrent jobs, or -1 for none
     * @param budgetMilliwatts per zone, the power budget, or -1 for none
     * @param demandMilliwatts per job, its draw
     * @param slots the number of slots of the grid any run may touch
     * @return per job, its pick, or null where nothing fits
     */
    static Pick[] fit(List<Option> options, int[][] byJob, long[] capacity, long[] budgetMilliwatts,
                      long[] demandMilliwatts, int slots) {
        int zones = capacity.length;
        long[][] count = new long[zones][];
        long[][] power = new long[zones][];
        for (int z = 0; z < zones; z++) {
            count[z] = capacity[z] >= 0 ? new long[slots] : null;
            power[z] = budgetMilliwatts[z] >= 0 ? new long[slots] : null;
        }
        List<Integer> order = new ArrayList<>();
        int[] choices = new int[byJob.length];
        long[] longest = new long[byJob.length];
        for (int j = 0; j < byJob.length; j++) {
            if (byJob[j].length > 0) {
                order.add(j);
                for (int o : byJob[j]) {
                    choices[j] += options.get(o).starts().length;
                    longest[j] = Math.max(longest[j], options.get(o).span());
                }
            }
        }
        order.sort(Comparator.<Integer>comparingInt(j -> choices[j]).thenComparingLong(j -> -longest[j]));
        Pick[] picks = new Pick[byJob.length];
        for (int j : order) {
            List<Pick> all = new ArrayList<>(choices[j]);
            for (int o : byJob[j]) {
                for (int k = 0; k < options.get(o).starts().length; k++) {
                    all.add(new Pick(o, k));
                }
            }
            all.sort(Comparator.comparingDouble(p -> options.get(p.option()).grams()[p.start()]));
            for (Pick p : all) {
                Option o = options.get(p.option());
                int z = o.zone();
                int from = (int) o.starts()[p.start()];
                if (fits(count[z], capacity[z], 1, from, o.span()) && fits(power[z], budgetMilliwatts[z], demandMilliwatts[j], from, o.span())) {
                    add(count[z], 1, from, o.span());
                    add(power[z], demandMilliwatts[j], from, o.span());
                    picks[j] = p;
                    break;
                }
            }
        }
        return picks;
    }

    private static boolean fits(long[] load, long limit, long demand, int from, int span) {
        if (load == null) {
            return true;
        }
        for (int s = from; s < from + span; s++) {
            if (load[s] + demand > limit) {
                return false;
            }
        }
        return true;
    }

    private static void add(long[] load, long demand, int from, int span) {
        if (load != null) {
            for (int s = from; s < from + span; s++) {
                load[s] += demand;
            }
        }
    }
}
