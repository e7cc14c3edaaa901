package dev.greenloop.server;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Requests per second per caller, as a token bucket per key (a token's hash): each key may make {@code burst}
 * requests at once and {@code rate} a second after that. Kept in this process's memory, so it limits what one
 * server process serves; several replicas behind a load balancer each allow the rate.
 */
final class RateLimiter {

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param requestsPerSecond 0 for no limit */
    RateLimiter(double requestsPerSecond, int burst, LongSupplier nanoTime) {
        this.ratePerNano = requestsPerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** @return empty if the key may make a request now (and it is counted), else how long until it may */
    java.util.Optional<Duration> acquire(String key) {
        if (ratePerNano == 0) {
            return java.util.Optional.empty();
        }
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, nanoTime.getAsLong()));
        synchronized (b) {
            long now = nanoTime.getAsLong();
            b.tokens = Math.min(burst, b.tokens + (now - b.at) * ratePerNano);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Duration.ofNanos((long) Math.ceil((1 - b.tokens) / ratePerNano)));
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
