package dev.greenloop.schedule;

/**
 * Per zone and grid slot, how many jobs run and how many milliwatts they draw, against the
 * capacity and power budget of the zone. Mutable; a zone without a budget keeps no array.
 */
final class Loads {

    private final long[] capacity;
    private final long[] budgetMilliwatts;
    private final long[][] count;
    private final long[][] power;

    /**
     * @param capacity per zone, the most concurrent jobs, or -1 for none
     * @param budgetMilliwatts per zone, the power budget, or -1 for none
     * @param slots the number of slots of the grid any run may touch
     */
    Loads(long[] capacity, long[] budgetMilliwatts, int slots) {
        this.capacity = capacity;
        this.budgetMilliwatts = budgetMilliwatts;
        count = new long[capacity.length][];
        power = new long[capacity.length][];
        for (int z = 0; z < capacity.length; z++) {
            count[z] = capacity[z] >= 0 ? new long[slots] : null;
            power[z] = budgetMilliwatts[z] >= 0 ? new long[slots] : null;
        }
    }

    /** @return whether a run of {@code span} slots from {@code from} in {@code zone} drawing {@code demand} mW fits */
    boolean fits(int zone, long demandMilliwatts, int from, int span) {
        return fits(count[zone], capacity[zone], 1, from, span) && fits(power[zone], budgetMilliwatts[zone], demandMilliwatts, from, span);
    }

    /**
     * @return the first ({@code step} 1) or last ({@code step} -1) slot of the run where it does
     *     not fit, or -1 when it fits
     */
    int blocked(int zone, long demandMilliwatts, int from, int span, int step) {
        for (int k = 0; k < span; k++) {
            int s = step > 0 ? from + k : from + span - 1 - k;
            if (count[zone] != null && count[zone][s] + 1 > capacity[zone]
                    || power[zone] != null && power[zone][s] + demandMilliwatts > budgetMilliwatts[zone]) {
                return s;
            }
        }
        return -1;
    }

    /** Adds ({@code sign} 1) or removes ({@code sign} -1) a run. */
    void add(int zone, long demandMilliwatts, int from, int span, int sign) {
        add(count[zone], sign, from, span);
        add(power[zone], sign * demandMilliwatts, from, span);
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
