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
 */
public record SimulationOptions(Policy policy, double forecastError, long seed, double thresholdGramsPerKWh) {

    /**
     * @throws IllegalArgumentException if the forecast error is negative or not finite, or the
     *     threshold policy has no threshold ≥ 0
     */
    public SimulationOptions {
        Objects.requireNonNull(policy, "policy");
        if (!Double.isFinite(forecastError) || forecastError < 0) {
            throw new IllegalArgumentException("forecast error %s is not a number ≥ 0 (0.05 means 5 %%)".formatted(forecastError));
        }
        if (policy == Policy.THRESHOLD && !(thresholdGramsPerKWh >= 0)) {
            throw new IllegalArgumentException("the threshold policy needs a threshold in gCO2eq/kWh ≥ 0, such as --threshold 200");
        }
    }

    /** Perfect foresight with {@code policy} (not {@link Policy#THRESHOLD}). */
    public static SimulationOptions of(Policy policy) {
        return new SimulationOptions(policy, 0, 0, Double.NaN);
    }
}
