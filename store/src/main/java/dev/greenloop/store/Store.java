package dev.greenloop.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where runs, their components and their samples are kept: an SQLite file by default, or any
 * PostgreSQL. Open one with {@link Stores#open(StoreConfig)}; the schema is migrated on open.
 *
 * <p>Every write is committed before the method returns, so a crash never loses what was written
 * before it. Implementations are safe for use by one thread at a time.
 *
 * <p>Values read back equal those written, with two documented exceptions: times are kept to the
 * millisecond (anything finer is dropped), and a node's description is the one last written for
 * its name. A NaN double reads back as NaN; collections keep their order.
 */
public interface Store extends AutoCloseable {

    /**
     * Stores a run as started, with this process as the one measuring it (its id, host and start time): if this
     * process ends without finishing the run, the next {@link Stores#open} on this host marks it
     * {@link RunStatus#INTERRUPTED}, and until then it is read as such.
     *
     * @return the run's new id
     * @throws StoreException if the store cannot be written
     */
    long startRun(NewRun run);

    /**
     * Appends samples to a run, or to the node's own series ({@code monitor}) when {@code runId} is empty.
     * The samples of one call are committed together (batched); an empty list writes nothing.
     *
     * @param node the node that took them
     * @throws StoreException if {@code runId} names no run, or the store cannot be written
     */
    void appendSamples(NodeInfo node, Optional<Long> runId, List<SampleRow> samples);

    /**
     * Appends samples to a running run and records what the run has used so far, in one transaction: should the run be
     * interrupted, {@code soFar} is its outcome (its exit code is not kept). An empty list still records {@code soFar}.
     *
     * @param soFar the run's components, energy and carbon up to the last of these samples, ending at it
     * @throws StoreException if {@code runId} names no run, the run is not running, or the store cannot be written
     */
    void appendSamples(NodeInfo node, long runId, List<SampleRow> samples, RunOutcome soFar);

    /**
     * Marks a run finished with its outcome, its components and the outcome in one transaction.
     *
     * A run found {@link RunStatus#INTERRUPTED} may still be finished (its outcome was kept elsewhere meanwhile).
     *
     * @throws StoreException if no run has that id, the run is already finished, or the store cannot be written
     */
    void finishRun(long runId, RunOutcome outcome);

    /**
     * @param since only runs started at or after this instant; empty for all
     * @return runs, newest first
     */
    List<StoredRun> listRuns(Optional<Instant> since);

    /** @return the run with that id, if any, with its components in the order they were written */
    Optional<StoredRun> findRun(long runId);

    /**
     * @return the samples of a run in time order, or of the node's own series when {@code runId} is empty
     */
    List<SampleRow> samples(String nodeName, Optional<Long> runId);

    /**
     * Adds up the selected runs in the database: their counted components per node, component, scope and provenance;
     * per bucket of run start and scope; their totals per carbon zone; and their intensity sources. A few rows per
     * node, component, zone and bucket come back, whatever the number of runs.
     *
     * @param bucketOrigin where bucket 0 starts (a run that started at {@code t} is in bucket (t − origin) / width)
     * @param bucketWidth each bucket's length, at least a millisecond
     * @throws StoreException if the store cannot be read
     */
    RunSums sumRuns(RunSelection selection, Instant bucketOrigin, Duration bucketWidth);

    /**
     * Streams the selected runs, oldest first (by start, then id), a few columns each, without holding them: memory
     * does not grow with their number. {@code each} must not use this store.
     *
     * @param tagKey the tag whose value each {@link RunFact} carries; null for none (then every {@link RunFact#tagValue()} is null)
     * @throws StoreException if the store cannot be read
     */
    void forEachRun(RunSelection selection, String tagKey, Consumer<RunFact> each);

    /**
     * @return the ids of the selected runs whose command holds {@code first} followed by {@code second} (such as
     *     {@code lab distill}), oldest first
     * @throws StoreException if the store cannot be read
     */
    List<Long> runsWithArguments(RunSelection selection, String first, String second);

    /**
     * @return the names of the nodes that have at least one run, in name order
     * @throws StoreException if the store cannot be read
     */
    Set<String> nodesWithRuns();

    /** @return a description of where the store is, such as {@code sqlite:/home/me/.greenloop/greenloop.db} */
    String location();

    /** Closes the connection. Never throws. */
    @Override
    void close();
}
