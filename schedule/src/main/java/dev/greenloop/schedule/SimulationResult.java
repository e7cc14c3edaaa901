package dev.greenloop.schedule;

import java.util.List;

/**
 * What a simulation found. Immutable. Emissions count placed jobs only; infeasible jobs are listed
 * apart and count in neither figure.
 *
 * @param options how it was simulated
 * @param jobs the number of jobs read
 * @param placements the placed jobs, in input order
 * @param infeasible the jobs that could not be placed, in input order
 * @param grams emissions of the placements on the real trace, gCO2eq
 * @param baselineGrams emissions of the same jobs placed by {@link Policy#AGNOSTIC}
 * @param missedDeadlines placements that end after their deadline (none by construction; counted as a check)
 * @param planningSeconds wall time spent planning with the policy, excluding reading files and the baseline
 * @param solver how CP-SAT fared when budgets coupled the jobs; null when they were independent
 * @param battery what the information battery did with the precomputable jobs, against computing
 *     them on demand; null when there were none. Their placements are among {@code placements}
 *     (precomputed, or on demand where the budget left no room) and count in {@code grams} and
 *     {@code baselineGrams} like any other job.
 */
public record SimulationResult(SimulationOptions options, int jobs, List<Placement> placements, List<InfeasibleJob> infeasible,
                               double grams, double baselineGrams, int missedDeadlines, double planningSeconds, SolverReport solver,
                               BatteryReport battery) {

    /** Copies the lists. */
    public SimulationResult {
        placements = List.copyOf(placements);
        infeasible = List.copyOf(infeasible);
    }

    /** A result without precomputable jobs. */
    public SimulationResult(SimulationOptions options, int jobs, List<Placement> placements, List<InfeasibleJob> infeasible,
                            double grams, double baselineGrams, int missedDeadlines, double planningSeconds, SolverReport solver) {
        this(options, jobs, placements, infeasible, grams, baselineGrams, missedDeadlines, planningSeconds, solver, null);
    }

    /** A result of independent planning, without a solver report. */
    public SimulationResult(SimulationOptions options, int jobs, List<Placement> placements, List<InfeasibleJob> infeasible,
                            double grams, double baselineGrams, int missedDeadlines, double planningSeconds) {
        this(options, jobs, placements, infeasible, grams, baselineGrams, missedDeadlines, planningSeconds, null);
    }

    /** @return this result with {@code battery} as its battery report */
    public SimulationResult withBattery(BatteryReport battery) {
        return new SimulationResult(options, jobs, placements, infeasible, grams, baselineGrams, missedDeadlines, planningSeconds, solver, battery);
    }

    /** @return {@code 100 × (baseline − grams) / baseline}, or 0 when the baseline is 0 */
    public double savingsPercent() {
        return baselineGrams > 0 ? 100.0 * ((baselineGrams - grams) / baselineGrams) : 0;
    }
}
