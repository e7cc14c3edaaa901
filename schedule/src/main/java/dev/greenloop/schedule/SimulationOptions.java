package dev.greenloop.schedule;

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
 */
public record SimulationOptions(Policy policy, double forecastError, long seed, double thresholdGramsPerKWh, Coupling coupling) {

    /**
     * @throws IllegalArgumentException if the forecast error is negative or not finite, or the
     *     threshold policy has no threshold ≥ 0, or budgets are given with a policy other than optimal
     */
    public SimulationOptions {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(coupling, "coupling");
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

    /** Independent jobs: no capacity or power budget. */
    public SimulationOptions(Policy policy, double forecastError, long seed, double thresholdGramsPerKWh) {
        this(policy, forecastError, seed, thresholdGramsPerKWh, Coupling.NONE);
    }

    /** Perfect foresight with {@code policy} (not {@link Policy#THRESHOLD}). */
    public static SimulationOptions of(Policy policy) {
        return new SimulationOptions(policy, 0, 0, Double.NaN);
    }
}
