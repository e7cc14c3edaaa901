package dev.greenloop.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A run as the store holds it. Immutable.
 *
 * @param id the store's identifier for the run, from 1
 * @param start what was known when it started
 * @param status running, finished, or interrupted (its measuring process ended without finishing it)
 * @param outcome how it ended; empty while {@link RunStatus#RUNNING}; for an {@link RunStatus#INTERRUPTED} run, what
 *     the samples stored until then add up to, ending at the last of them, with exit code
 *     {@link RunOutcome#UNKNOWN_EXIT_CODE}
 * @param interruption why it is interrupted; present exactly when the status is {@link RunStatus#INTERRUPTED}
 */
public record StoredRun(long id, NewRun start, RunStatus status, Optional<RunOutcome> outcome, Optional<Interruption> interruption) {

    /** @throws NullPointerException if any part is null */
    public StoredRun {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(interruption, "interruption");
    }

    /** A run that was not interrupted. */
    public StoredRun(long id, NewRun start, RunStatus status, Optional<RunOutcome> outcome) {
        this(id, start, status, outcome, Optional.empty());
    }
}
