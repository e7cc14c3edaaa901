package dev.greenloop.schedule;

import java.util.List;
import java.util.Map;

/**
 * What the information battery did with the precomputable jobs ({@link Job#precompute()}) of a
 * simulation: their emissions as planned against computing each on demand, just before its result
 * is needed. Immutable. Emissions are on the real trace, gCO2eq; jobs that cannot be placed at all
 * (infeasible) are not counted here.
 *
 * @param jobs the precomputable jobs simulated (precomputed or on demand)
 * @param precomputed those placed by the battery filler within the budgets, at a time cleaner than on demand
 * @param onDemandGrams all {@code jobs} computed on demand: each over {@code [deadline − duration, deadline)}
 *     (the deadline rounded down to a whole minute) in its first zone
 * @param grams the {@code precomputed} jobs as planned plus the others on demand
 * @param unlimitedGrams the same jobs planned by the same filler with no battery budget: what the
 *     budget costs; under perfect foresight, a lower bound on {@code grams} for jobs in one piece or
 *     freely splittable
 * @param kWhShifted the energy of the {@code precomputed} jobs, kWh
 * @param budgetWatts the battery budget per zone, for zones that have one (others have no limit)
 * @param peakWatts per zone used by a precomputed job, the most watts they drew there at once,
 *     computed from the planned runs
 * @param unplaced the jobs computed on demand, each with the reason: no room within the budgets, or
 *     on demand already as clean as any placement left (a job is precomputed only where that is
 *     cleaner); in input order
 */
public record BatteryReport(int jobs, int precomputed, double onDemandGrams, double grams, double unlimitedGrams, double kWhShifted,
                            Map<String, Double> budgetWatts, Map<String, Double> peakWatts, List<InfeasibleJob> unplaced) {

    /** Copies the maps and the list. */
    public BatteryReport {
        budgetWatts = Map.copyOf(budgetWatts);
        peakWatts = Map.copyOf(peakWatts);
        unplaced = List.copyOf(unplaced);
    }

    /** @return {@code 100 × (onDemand − grams) / onDemand}, or 0 when computing on demand emits nothing */
    public double savingsPercent() {
        return onDemandGrams > 0 ? 100.0 * ((onDemandGrams - grams) / onDemandGrams) : 0;
    }
}
