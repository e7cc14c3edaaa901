package dev.greenloop.schedule;

/**
 * How the planner fared on a plan coupled by capacity or power budgets. Immutable. The
 * objective and bound are in grams on the <em>planning</em> trace (the real one unless forecast
 * noise is simulated), as the model sees them: start times on the model's grid, emissions rounded
 * to the model's integer units (see docs/schedule.md). A job the model leaves out counts with a
 * penalty larger than all emissions together, so {@code objectiveGrams} is then dominated by it.
 *
 * @param status {@code OPTIMAL} when the plan is proven optimal on the grid, else {@code FEASIBLE}
 * @param objectiveGrams the objective of the plan returned, grams
 * @param bestBoundGrams the best lower bound proved, grams; no plan on the grid is cheaper
 * @param gapPercent {@code 100 × (objective − bound) / objective}, 0 when optimality is proven
 * @param gridMinutes the step of the start-time grid of the model, minutes
 * @param wallSeconds the time spent building the model and planning
 * @param boundMethod what proved the bound: {@code lagrangian} (the Lagrangian relaxation of the
 *     budgets), {@code cp-sat} (the CP-SAT search), or {@code none} when there was nothing to plan
 * @param iterations the subgradient iterations of the Lagrangian relaxation
 */
public record SolverReport(String status, double objectiveGrams, double bestBoundGrams, double gapPercent,
                           long gridMinutes, double wallSeconds, String boundMethod, long iterations) {

    /** @return whether the plan is proven optimal on the model's grid */
    public boolean optimal() {
        return "OPTIMAL".equals(status);
    }
}
