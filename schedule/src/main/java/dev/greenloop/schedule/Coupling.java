package dev.greenloop.schedule;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Budgets that couple jobs within a zone, and how long the solver may search for the best plan
 * under them. Immutable. With no budget, jobs are planned independently and the solver is not used.
 *
 * @param capacity per zone, the most jobs running at the same time there, ≥ 0
 * @param powerBudgetWatts per zone, the most watts that the jobs running at the same time there
 *     may draw together, ≥ 0
 * @param timeLimit how long CP-SAT may search; positive
 */
public record Coupling(Map<String, Integer> capacity, Map<String, Double> powerBudgetWatts, Duration timeLimit) {

    /** The solver's default time limit: 30 s. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);

    /** No budget: jobs are independent. */
    public static final Coupling NONE = new Coupling(Map.of(), Map.of(), DEFAULT_TIME_LIMIT);

    /**
     * Copies the maps.
     *
     * @throws IllegalArgumentException naming the zone, if a capacity is negative or a power budget
     *     is negative or not finite, or if the time limit is not positive
     */
    public Coupling {
        capacity = Map.copyOf(capacity);
        powerBudgetWatts = Map.copyOf(powerBudgetWatts);
        Objects.requireNonNull(timeLimit, "timeLimit");
        capacity.forEach((zone, n) -> {
            if (n < 0) {
                throw new IllegalArgumentException("capacity of zone %s is %d; give a number of concurrent jobs ≥ 0".formatted(zone, n));
            }
        });
        powerBudgetWatts.forEach((zone, w) -> {
            if (!Double.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("power budget of zone %s is %s W; give watts ≥ 0".formatted(zone, w));
            }
        });
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("solver time limit %s is not positive; give for example 30 s".formatted(timeLimit));
        }
    }

    /** @return whether any zone has a capacity or power budget */
    public boolean coupled() {
        return !capacity.isEmpty() || !powerBudgetWatts.isEmpty();
    }
}
