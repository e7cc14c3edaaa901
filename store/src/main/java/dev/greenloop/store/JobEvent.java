package dev.greenloop.store;

import java.time.Instant;

/**
 * One state transition of a job, or a note on it (then {@code fromState} equals {@code toState}). Immutable.
 *
 * @param jobId the job
 * @param at when it happened
 * @param fromState the state before; null for the submission
 * @param toState the state after
 * @param detail why, in words
 */
public record JobEvent(String jobId, Instant at, String fromState, String toState, String detail) {
}
