package dev.greenloop.schedule;

/**
 * A job that could not be placed, and why. Immutable.
 *
 * @param job the job
 * @param reason a sentence naming the problem and the fix, such as a window shorter than the run
 */
public record InfeasibleJob(Job job, String reason) {
}
