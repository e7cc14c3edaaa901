package dev.greenloop.carbon.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Answers kept in memory for a time to live, by request key. Thread-safe; two threads that miss the same
 * key at once may both load it (the later one wins), which costs one extra request and nothing else.
 */
final class TtlCache<V> {

    /** Beyond this many entries, expired ones are dropped on the next insert. */
    private static final int PRUNE_ABOVE = 256;

    private record Entry<V>(V value, Instant expires) {
    }

    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    TtlCache(Clock clock) {
        this.clock = clock;
    }

    /**
     * @return the value cached under {@code key} if it has not expired, otherwise what {@code loader}
     *     returns, cached for {@code ttl} (not at all for a zero ttl); a loader's exception is not cached
     */
    V get(String key, Duration ttl, Supplier<V> loader) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.value();
        }
        V value = loader.get();
        if (!ttl.isZero()) {
            if (entries.size() > PRUNE_ABOVE) {
                entries.values().removeIf(e -> !now.isBefore(e.expires()));
            }
            entries.put(key, new Entry<>(value, now.plus(ttl)));
        }
        return value;
    }
}
