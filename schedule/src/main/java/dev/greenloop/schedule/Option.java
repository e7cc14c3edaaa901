package dev.greenloop.schedule;

/**
 * One way to run a job under budgets: one allowed zone and every start on the grid in the job's
 * window, with the emissions of each on the planning curve. A job runs in one piece here.
 *
 * @param job the job's index in the input
 * @param choice the zone's index in the job's list of candidate curves (what {@link Run#zone} holds)
 * @param zone the zone's index among all curves
 * @param span the slots the run touches
 * @param starts the first slot of each possible start, ascending
 * @param grams the emissions of each start on the planning curve, grams
 */
record Option(int job, int choice, int zone, int span, long[] starts, double[] grams) {
}
