/**
 * Carbon-aware scheduling of deferrable jobs: job specs, planners (exact, greedy, published baselines, budgets
 * through CP-SAT), the simulator, and the live scheduler with its executors.
 */
module dev.greenloop.schedule {
    requires transitive dev.greenloop.core;
    requires transitive dev.greenloop.carbon;
    requires ortools.java;

    exports dev.greenloop.schedule;
    exports dev.greenloop.schedule.live;
}
