package dev.greenloop.carbon.live;

import java.time.Duration;
import java.util.Objects;

/**
 * How a live provider talks to its service: timeouts, retries and cache lifetimes. Immutable; start from
 * {@link #defaults()} and change what differs with the {@code with...} methods.
 *
 * @param connectTimeout longest wait to open a connection
 * @param requestTimeout longest wait for a whole answer, per attempt
 * @param maxRetries how many times a request answered with HTTP 429 or 503 is tried again (0 for never)
 * @param initialBackoff the wait before the first retry when the answer has no {@code Retry-After}; doubled for
 *     each further retry
 * @param maxRetryWait the longest single wait accepted: a longer {@code Retry-After} fails at once (saying how
 *     long the provider asked to wait), and exponential waits are capped at it
 * @param currentTtl how long an answer to {@link LiveProvider#current} is reused
 * @param forecastTtl how long an answer to {@link LiveProvider#forecast} is reused
 * @param historyTtl how long an answer to {@link LiveProvider#history} is reused
 */
public record LiveOptions(Duration connectTimeout, Duration requestTimeout, int maxRetries, Duration initialBackoff,
        Duration maxRetryWait, Duration currentTtl, Duration forecastTtl, Duration historyTtl) {

    /**
     * @throws NullPointerException if a duration is null
     * @throws IllegalArgumentException if a timeout is not positive, a wait or lifetime is negative, or
     *     {@code maxRetries} is negative (the message names the value)
     */
    public LiveOptions {
        positive("connectTimeout", connectTimeout);
        positive("requestTimeout", requestTimeout);
        notNegative("initialBackoff", initialBackoff);
        notNegative("maxRetryWait", maxRetryWait);
        notNegative("currentTtl", currentTtl);
        notNegative("forecastTtl", forecastTtl);
        notNegative("historyTtl", historyTtl);
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
        }
    }

    /**
     * @return connect 5 s, request 20 s, 3 retries from 1 s doubling, waits up to 60 s, cache current values
     *     5 min, forecasts 30 min, history 1 h
     */
    public static LiveOptions defaults() {
        return new LiveOptions(Duration.ofSeconds(5), Duration.ofSeconds(20), 3, Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1));
    }

    /** @return these options with other timeouts */
    public LiveOptions withTimeouts(Duration connect, Duration request) {
        return new LiveOptions(connect, request, maxRetries, initialBackoff, maxRetryWait, currentTtl, forecastTtl,
                historyTtl);
    }

    /** @return these options with another retry policy */
    public LiveOptions withRetries(int retries, Duration initial, Duration maxWait) {
        return new LiveOptions(connectTimeout, requestTimeout, retries, initial, maxWait, currentTtl, forecastTtl,
                historyTtl);
    }

    /** @return these options with other cache lifetimes ({@link Duration#ZERO} disables caching) */
    public LiveOptions withCacheTtls(Duration current, Duration forecast, Duration history) {
        return new LiveOptions(connectTimeout, requestTimeout, maxRetries, initialBackoff, maxRetryWait, current,
                forecast, history);
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
