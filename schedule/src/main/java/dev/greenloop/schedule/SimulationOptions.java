package dev.greenloop.schedule;

import java.util.Map;
import java.util.Objects;

/**
 * How to simulate. Immutable.
 *
 * @param policy the policy to plan with
 * @param forecastError the standard deviation {@code S} of the multiplicative noise {@code N(1, S)}
 *     drawn per trace point for the planning trace (values below 0 clamp to 0); 0 plans on the real trace
 * @param seed the seed of that noise; the same seed gives the same planning trace
 * @param thresholdGramsPerKWh the level for {@link Policy#THRESHOLD}; NaN for the other policies
 * @param coupling capacity and power budgets per zone ({@link Coupling#NONE} for independent jobs);
 *     budgets apply to {@link Policy#OPTIMAL} only, which then plans with CP-SAT
 * @param batteryBudgetWatts per zone, the most watts that precomputable jobs ({@link Job#precompute()})
 *     may draw together there at any moment, ≥ 0: the spare capacity set aside for the information
 *     battery; a zone without an entry has no limit. Any policy; separate from {@code coupling}.
 */
public record SimulationOptions(Policy policy, double forecastError, long seed, double thresholdGramsPerKWh, Coupling coupling,
                                Map<String, Double> batteryBudgetWatts) {

    /**
     * @throws IllegalArgumentException if the forecast error is negative or not finite, or the
     *     threshold policy has no threshold ≥ 0, or budgets are given with a policy other than optimal,
     *     or a battery budget is negative or not finite (naming the zone)
     */
    public SimulationOptions {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(coupling, "coupling");
        batteryBudgetWatts = Map.copyOf(batteryBudgetWatts);
        batteryBudgetWatts.forEach((zone, w) -> {
            if (!Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("battery budget of zone %s is %s W; give watts ≥ 0".formatted(zone, w));
            }
        });
        if (coupling.coupled() && policy != Policy.OPTIMAL) {
            throw new IllegalArgumentException("capacity and power budgets apply to --policy optimal (solved with CP-SAT), not "
                    + policy.label());
        }
        if (!Double.isFinite(forecastError) || forecastError < 0) {
            throw new IllegalArgumentException("forecast error %s is not a number ≥ 0 (0.05 means 5 %%)".formatted(forecastError));
        }
        if (policy == Policy.THRESHOLD && !(thresholdGramsPerKWh >= 0)) {
            throw new IllegalArgumentException("the threshold policy needs a threshold in gCO2eq/kWh ≥ 0, such as --threshold 200");
        }
    }

    /** No battery budget: precomputable jobs are limited only by their windows. */
    public SimulationOptions(Policy policy, double forecastError, long seed, double thresholdGramsPerKWh, Coupling coupling) {
        this(policy, forecastError, seed, thresholdGramsPerKWh, coupling, Map.of());
    }

    /** Independent jobs: no capacity, power or battery budget. */
    public SimulationOptions(Policy policy, double forecastError, long seed, double thresholdGramsPerKWh) {
        this(policy, forecastError, seed, thresholdGramsPerKWh, Coupling.NONE);
    }

    /** Perfect foresight with {@code policy} (not {@link Policy#THRESHOLD}). */
    public static SimulationOptions of(Policy policy) {
        return new SimulationOptions(policy, 0, 0, Double.NaN);
    }
}
