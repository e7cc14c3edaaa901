package dev.greenloop.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where runs, their components and their samples are kept: an SQLite file by default, or any
 * PostgreSQL. Open one with {@link Stores#open(StoreConfig)}; the schema is migrated on open.
 *
 * <p>Every write is committed before the method returns, so a crash never loses what was written
 * before it. Implementations are safe for use by one thread at a time.
 */
public interface Store extends AutoCloseable {

    /**
     * Stores a run as started.
     *
     * @return the run's new id
     * @throws StoreException if the store cannot be written
     */
    long startRun(NewRun run);

    /**
     * Appends samples to a run, or to the node's own series ({@code monitor}) when {@code runId} is empty.
     *
     * @param node the node that took them
     * @throws StoreException if the store cannot be written
     */
    void appendSamples(NodeInfo node, Optional<Long> runId, List<SampleRow> samples);

    /**
     * Marks a run finished with its outcome.
     *
     * @throws StoreException if no run has that id, or the store cannot be written
     */
    void finishRun(long runId, RunOutcome outcome);

    /**
     * @param since only runs started at or after this instant; empty for all
     * @return runs, newest first
     */
    List<StoredRun> listRuns(Optional<Instant> since);

    /** @return the run with that id, if any */
    Optional<StoredRun> findRun(long runId);

    /**
     * @return the samples of a run in time order, or of the node's own series when {@code runId} is empty
     */
    List<SampleRow> samples(String nodeName, Optional<Long> runId);

    /** @return a description of where the store is, such as {@code sqlite:/home/me/.greenloop/greenloop.db} */
    String location();

    /** Closes the connection. Never throws. */
    @Override
    void close();
}
