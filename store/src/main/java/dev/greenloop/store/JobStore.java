package dev.greenloop.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The queue of live-scheduled jobs and their history, in the store's {@code job}, {@code job_arg} and
 * {@code job_event} tables. Open one with {@link Stores#openJobs(StoreConfig)}.
 *
 * <p>Every write is one transaction that also writes its {@code job_event} row, committed before the
 * method returns, so a process killed at any moment leaves each job in a state it was written in.
 * Updates compare the job's version, so two processes never both move one job. Implementations are
 * safe for use by several threads.
 */
public interface JobStore extends AutoCloseable {

    /**
     * Adds a job in state {@code queued}, with the event {@code submitted}.
     *
     * @param at the time written on the event and as {@code updatedAt}
     * @return false, writing nothing, if a job with this id exists
     * @throws StoreException if the store cannot be written
     */
    boolean submit(JobSpec spec, Instant at);

    /** @return the job with this id, if any */
    Optional<StoredJob> find(String id);

    /** @return every job, by submission time then id; an immutable list */
    List<StoredJob> list();

    /**
     * Writes {@code next} as the job's progress if its version is still {@code expectedVersion}, and an
     * event from the old to the new state with {@code detail}, in one transaction; the version grows by one.
     *
     * @return the job as written, or empty, writing nothing, if the job is absent or another writer moved it first
     * @throws StoreException if the store cannot be written (a missing run for {@code runId} included)
     */
    Optional<StoredJob> update(String id, long expectedVersion, JobProgress next, Instant at, String detail);

    /** @return the job's events, oldest first; empty for an unknown job */
    List<JobEvent> events(String id);

    /** @return a description of where the store is, such as {@code sqlite:/home/me/.greenloop/greenloop.db} */
    String location();

    /** Closes the connection. */
    @Override
    void close();
}
