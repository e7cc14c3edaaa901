package dev.greenloop.store;

import java.time.Instant;
import java.util.List;

/**
 * The traffic that served model variants answered ({@code greenloop serve}, {@code greenloop server --model}), kept in
 * the store's {@code served_traffic} table; the report's savings from model variants read it. Open one with
 * {@link Stores#openServedTraffic(StoreConfig)}.
 *
 * <p>Every write is committed before the method returns. Implementations are safe for use by several threads.
 */
public interface ServedTrafficStore extends AutoCloseable {

    /**
     * Keeps rows in one transaction.
     *
     * @throws StoreException if the store cannot be written (nothing is kept)
     */
    void record(List<ServedTraffic> rows);

    /**
     * @param from only stretches that started at or after this time
     * @param to only stretches that started before this time
     * @return the stretches, oldest first; an immutable list
     * @throws StoreException if the store cannot be read
     */
    List<ServedTraffic> list(Instant from, Instant to);

    /** @return a description of where the store is */
    String location();

    /** Closes the store's connection. */
    @Override
    void close();
}
