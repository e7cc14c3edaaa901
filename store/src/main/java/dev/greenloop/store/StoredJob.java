package dev.greenloop.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A job as stored. Immutable.
 *
 * @param spec what was submitted
 * @param progress its state, plan and execution
 * @param version grows by one on every update; {@link JobStore#update} compares it
 * @param updatedAt when it was last written
 */
public record StoredJob(JobSpec spec, JobProgress progress, long version, Instant updatedAt) {

    /** @throws NullPointerException if a reference is null */
    public StoredJob {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** @return the job's id */
    public String id() {
        return spec.id();
    }

    /** @return its state */
    public String state() {
        return progress.state();
    }
}
