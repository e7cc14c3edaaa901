package dev.greenloop.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The archive of carbon-intensity values as providers issued them — actuals, and every forecast with its
 * issue time — so that real forecasts can be backtested against the actuals that followed. Kept in the
 * store's {@code intensity_point} table; open one with {@link Stores#openArchive(StoreConfig)}.
 *
 * <p>It also keeps the live providers' newest answer to each request with its fetch time
 * ({@link #answer}, {@link #keepAnswer}), the cache that lets one command reuse what another fetched.
 *
 * <p>A row is identified by zone, source, signal, kind, issue time and start. Every write is committed
 * before the method returns. Implementations are safe for use by several threads.
 */
public interface IntensityArchive extends AutoCloseable {

    /**
     * Keeps {@code points}, in one transaction. Idempotent: a point whose identity is already stored is
     * skipped and the stored one kept (a forecast, once issued, does not change).
     *
     * @return how many points were new
     * @throws StoreException if the store cannot be written
     */
    int save(Collection<ArchivedIntensity> points);

    /**
     * @param issuedFrom the first issue time wanted
     * @param issuedTo the issue time after the last one wanted
     * @return the forecast points for {@code zone} issued in {@code [issuedFrom, issuedTo)}, by issue time, then
     *     start, then source and signal; an immutable list
     * @throws IllegalArgumentException if {@code issuedTo} is before {@code issuedFrom}
     * @throws StoreException if the store cannot be read
     */
    List<ArchivedIntensity> forecastsIssued(String zone, Instant issuedFrom, Instant issuedTo);

    /**
     * @param from the first start wanted
     * @param to the start after the last one wanted
     * @return the actual points for {@code zone} that start in {@code [from, to)}, by start, then issue time,
     *     source and signal; an immutable list
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     * @throws StoreException if the store cannot be read
     */
    List<ArchivedIntensity> actuals(String zone, Instant from, Instant to);

    /**
     * A live provider's fetched answer as the archive keeps it for other commands.
     *
     * @param fetchedAt when it was fetched (to the millisecond, as stored)
     * @param body the answer as the provider encoded it
     */
    record Answer(Instant fetchedAt, String body) {

        /** @throws NullPointerException if an argument is null */
        public Answer {
            java.util.Objects.requireNonNull(fetchedAt, "fetchedAt");
            java.util.Objects.requireNonNull(body, "body");
        }
    }

    /**
     * @param key the request's key, as the provider wrote it
     * @return the newest answer kept under {@code key}, if any, whatever its age
     * @throws StoreException if the store cannot be read
     */
    Optional<Answer> answer(String key);

    /** Answers fetched this long before the one being kept are deleted then: no refresh reuses them. */
    java.time.Duration ANSWERS_KEPT = java.time.Duration.ofDays(2);

    /**
     * Keeps {@code answer} under {@code key} in the {@code provider_answer} table, replacing an older one; if the
     * one kept is as new or newer (another process fetched meanwhile), it is kept instead. In the same
     * transaction, answers fetched more than {@link #ANSWERS_KEPT} before {@code answer} are deleted (history
     * requests name their range, so their keys are many). Committed before it returns.
     *
     * @throws StoreException if the store cannot be written
     */
    void keepAnswer(String key, Answer answer);

    /** @return a description of where the archive is, such as {@code sqlite:/home/me/.greenloop/greenloop.db} */
    String location();

    /** Closes the archive's connection. */
    @Override
    void close();
}
