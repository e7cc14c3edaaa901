package dev.greenloop.store;

import java.util.Optional;

/**
 * A run as the store holds it. Immutable.
 *
 * @param id the store's identifier for the run, from 1
 * @param start what was known when it started
 * @param status running (or crashed) or finished
 * @param outcome how it ended; empty while {@link RunStatus#RUNNING}
 */
public record StoredRun(long id, NewRun start, RunStatus status, Optional<RunOutcome> outcome) {
}
