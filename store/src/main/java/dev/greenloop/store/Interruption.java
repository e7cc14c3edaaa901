package dev.greenloop.store;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Why a run is {@link RunStatus#INTERRUPTED}. Immutable.
 *
 * @param detectedAt when it was found: the first time a store was opened after the measuring process ended
 * @param note what is known, for people: which process ended, and what happened to the measured command
 * @param orphanPid the measured command's process id when it was still running as the run was found interrupted:
 *     Greenloop leaves it running (it may be doing work someone waits for) and names it, so that it can be ended by hand
 */
public record Interruption(Instant detectedAt, String note, OptionalLong orphanPid) {

    /** @throws NullPointerException if any part is null */
    public Interruption {
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(orphanPid, "orphanPid");
    }
}
