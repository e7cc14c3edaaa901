package dev.greenloop.schedule.live;

import java.util.Locale;

/**
 * Where a live job is in its life: {@code queued → planned → running → done | failed}, with
 * {@code running ⇄ suspended} for interruptible jobs, and {@code cancelled} from any state before an end.
 */
public enum JobState {
    /** Submitted, not planned yet. */
    QUEUED,
    /** Has a plan; not started (for Slurm: may be pending in Slurm with a begin time). */
    PLANNED,
    /** Its command is running. */
    RUNNING,
    /** An interruptible job stopped between two planned segments. */
    SUSPENDED,
    /** Its command exited 0. */
    DONE,
    /** Its command exited non-zero, could not start, or was lost. */
    FAILED,
    /** Cancelled by a user. */
    CANCELLED;

    /** @return the name stored and shown, such as {@code planned} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return whether the job has ended and will not change again */
    public boolean ended() {
        return this == DONE || this == FAILED || this == CANCELLED;
    }

    /**
     * @throws IllegalArgumentException naming the text if it is no state's label
     */
    public static JobState parse(String label) {
        for (JobState s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown job state '" + label + "'");
    }
}
