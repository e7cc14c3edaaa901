package dev.greenloop.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The anomalies that the server's online detection found, in the store's {@code anomaly} table. Open one with
 * {@link Stores#openAnomalies(StoreConfig)}.
 *
 * <p>Writes are idempotent upserts by id, so several server replicas on one database that see the same anomaly keep
 * one row. Every write is committed before the method returns. Safe for use by several threads (calls take turns on
 * one connection, which is opened again after a failure, such as a restarted database).
 */
public interface AnomalyStore extends AutoCloseable {

    /** The most rows one {@link #list} returns. */
    int MAX_LIST = 1000;

    /**
     * Inserts the anomaly, or updates the stored one with that id: its end, kind, score, evidence and whether it is
     * open. A write never reopens a closed anomaly, nor moves its end back (a replica that saw less does not undo
     * another's).
     *
     * @throws StoreException if the store cannot be written
     */
    void save(StoredAnomaly anomaly);

    /** @return the anomaly with that id, if stored */
    Optional<StoredAnomaly> find(String id);

    /**
     * @param node only this node's, if given
     * @param from only those that end at or after this, if given
     * @param to only those that start before this, if given
     * @param open only open (true) or closed (false) ones, if given
     * @param limit at most this many, from 1 to {@value #MAX_LIST}
     * @return newest start first (then id)
     * @throws IllegalArgumentException if {@code limit} is out of range or {@code to} is before {@code from}
     * @throws StoreException if the store cannot be read
     */
    List<StoredAnomaly> list(Optional<String> node, Optional<Instant> from, Optional<Instant> to, Optional<Boolean> open, int limit);

    /** @return where the store is, without passwords */
    String location();

    /** Closes the connection. Never throws. */
    @Override
    void close();
}
