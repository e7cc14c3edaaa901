package dev.greenloop.carbon.live;

import java.util.List;

/**
 * Receives every forecast a {@link LiveProvider} fetches, so that it can be archived with its issue time
 * (the store's {@code IntensityArchive} is the usual one; the application wires the two, since this module
 * does not depend on the store). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface ArchiveSink {

    /** A sink that keeps nothing. */
    ArchiveSink NONE = points -> { };

    /**
     * Keeps one fetched forecast. Called once per fetch, on the calling thread, before the forecast is
     * returned or cached; the same forecast may arrive twice (after its cache entry expired), so keeping
     * it must be idempotent.
     *
     * @param points the forecast, non-empty, all of one zone, source and issue time
     * @throws RuntimeException if it cannot be kept; the provider's {@code forecast} call then fails with it as the cause
     */
    void archive(List<LivePoint> points);
}
