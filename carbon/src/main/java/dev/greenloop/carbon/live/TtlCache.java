package dev.greenloop.carbon.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers kept in memory by request key, each with the time it was fetched; an answer is reused while it is
 * younger than the lifetime the caller asks with. Thread-safe; two threads that miss the same key at once may
 * both load it (the later one wins), which costs one extra request and nothing else.
 */
final class TtlCache<V> {

    /** Beyond this many entries, the oldest-fetched ones beyond an hour are dropped on the next insert. */
    private static final int PRUNE_ABOVE = 256;

    /**
     * A value with the time it was fetched (which may be before it was loaded here, when it came from a shared
     * cache).
     */
    record Timed<V>(V value, Instant fetchedAt) {
    }

    private final ConcurrentHashMap<String, Timed<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    TtlCache(Clock clock) {
        this.clock = clock;
    }

    /** @return whether an answer fetched at {@code fetchedAt} is younger than {@code ttl} at {@code now} */
    static boolean fresh(Instant fetchedAt, Duration ttl, Instant now) {
        return !ttl.isZero() && now.isBefore(fetchedAt.plus(ttl));
    }

    /**
     * @return the value cached under {@code key} if it is younger than {@code ttl}, otherwise what {@code loader}
     *     returns, kept with its fetch time (not at all for a zero ttl); a loader's exception is not cached
     */
    V get(String key, Duration ttl, Supplier<Timed<V>> loader) {
        Instant now = clock.instant();
        Timed<V> entry = entries.get(key);
        if (entry != null && fresh(entry.fetchedAt(), ttl, now)) {
            return entry.value();
        }
        Timed<V> loaded = loader.get();
        if (!ttl.isZero()) {
            if (entries.size() > PRUNE_ABOVE) {
                Instant old = now.minus(Duration.ofHours(1));
                entries.values().removeIf(e -> e.fetchedAt().isBefore(old));
            }
            entries.put(key, loaded);
        }
        return loaded.value();
    }
}
