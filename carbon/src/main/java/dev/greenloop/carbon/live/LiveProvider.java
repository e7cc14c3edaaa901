package dev.greenloop.carbon.live;

import java.time.Instant;
import java.util.List;

/**
 * A live source of grid carbon intensity. Implementations are thread-safe, reuse an answer while it is younger
 * than its lifetime in {@link LiveOptions} (from memory, or from the {@link AnswerCache} they were opened with,
 * where other processes' answers are too), and never return a value without its label (see {@link LivePoint}).
 *
 * <p>Every method may throw {@link LiveProviderException} when the provider cannot be reached in time,
 * refuses the request (its message is included, never a credential), keeps answering "too many requests"
 * after the bounded retries, or answers something that cannot be read.
 */
public interface LiveProvider {

    /** @return a short name of the provider, such as {@code neso} */
    String name();

    /**
     * @param zone a zone this provider knows (each implementation documents its zone codes)
     * @return the newest value for the zone's current interval
     * @throws IllegalArgumentException if the provider cannot serve the zone (the message says which codes it takes)
     * @throws LiveProviderException if the provider fails, as above
     */
    LivePoint current(String zone);

    /**
     * Fetches the provider's newest forecast and, on a fetch (not a cache hit), hands it to the provider's
     * {@link ArchiveSink}.
     *
     * @return the forecast's points in time order, all labelled {@link LivePoint#FORECAST}, as an immutable list
     * @throws IllegalArgumentException if the provider cannot serve the zone
     * @throws LiveProviderException if the provider fails, as above, or the archive sink fails (as the cause)
     */
    List<LivePoint> forecast(String zone);

    /**
     * @param from the first instant wanted
     * @param to the instant after the last one wanted, after {@code from}
     * @return the points that start in {@code [from, to)} in time order, as an immutable list; actuals where
     *     the provider has them (some providers have only forecasts for some zones, labelled so)
     * @throws IllegalArgumentException if {@code to} is not after {@code from}, or the zone cannot be served
     * @throws LiveProviderException if the provider fails, as above
     */
    List<LivePoint> history(String zone, Instant from, Instant to);
}
