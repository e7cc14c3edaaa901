package dev.greenloop.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lab's profiles — every {@code lab profile} and {@code lab sweep} result, one row per variant ×
 * settings — kept in the store's {@code profile} table. Open one with {@link Stores#openProfiles(StoreConfig)}.
 *
 * <p>Every write is committed before the method returns. Implementations are safe for use by several threads.
 */
public interface ProfileStore extends AutoCloseable {

    /**
     * Keeps the rows of one result, in one transaction, in the order given.
     *
     * @param command the command that measured them, such as {@code lab sweep}
     * @param rows the result's rows, at least one
     * @return the new result's identifier, from 1
     * @throws IllegalArgumentException if {@code rows} is empty
     * @throws StoreException if the store cannot be written (nothing is kept)
     */
    long save(String command, List<NewProfile> rows);

    /**
     * @param model only this model's rows; empty for every model
     * @param since only rows measured at or after this time
     * @param limit the most rows returned, at least 1
     * @return the newest rows: newest result first, a result's rows in the order saved; an immutable list
     * @throws IllegalArgumentException if {@code limit} is below 1
     * @throws StoreException if the store cannot be read
     */
    List<StoredProfile> list(Optional<String> model, Instant since, int limit);

    /**
     * @return the rows of result {@code resultId} in the order saved; empty if there is no such result; an
     *     immutable list
     * @throws StoreException if the store cannot be read
     */
    List<StoredProfile> result(long resultId);

    /** @return a description of where the store is, such as {@code sqlite:/home/me/.greenloop/greenloop.db} */
    String location();

    /** Closes the store's connection. */
    @Override
    void close();
}
