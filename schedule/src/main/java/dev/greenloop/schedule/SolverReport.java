package dev.greenloop.schedule;

/**
 * How the CP-SAT solver fared on a plan coupled by capacity or power budgets. Immutable. The
 * objective and bound are in grams on the <em>planning</em> trace (the real one unless forecast
 * noise is simulated), as the model sees them: start times on the model's grid, emissions rounded
 * to the model's integer units (see docs/schedule.md). A job the model leaves out counts with a
 * penalty larger than all emissions together, so {@code objectiveGrams} is then dominated by it.
 *
 * @param status the solver's status: {@code OPTIMAL}, {@code FEASIBLE}, or {@code HINT} when the
 *     solver found no solution in time and the greedy starting plan is used
 * @param objectiveGrams the objective of the plan returned, grams
 * @param bestBoundGrams the best lower bound the solver proved, grams; no plan on the grid is cheaper
 * @param gapPercent {@code 100 × (objective − bound) / objective}, 0 when optimality is proven
 * @param gridMinutes the step of the start-time grid of the model, minutes
 * @param wallSeconds the time spent building and solving the model
 */
public record SolverReport(String status, double objectiveGrams, double bestBoundGrams, double gapPercent,
                           long gridMinutes, double wallSeconds) {

    /** @return whether the plan is proven optimal on the model's grid */
    public boolean optimal() {
        return "OPTIMAL".equals(status);
    }
}
