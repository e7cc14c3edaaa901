package dev.greenloop.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which database to use. Immutable.
 *
 * @param jdbcUrl the JDBC URL from {@code GREENLOOP_DB}; empty means the SQLite file {@code greenloop.db} in {@code home}
 * @param home the data directory, {@code GREENLOOP_HOME}, default {@code ~/.greenloop}; may be null when a JDBC URL
 *     is given (a PostgreSQL store needs no home)
 * @param lockWait how long a write keeps trying while another process holds the database's write lock before it
 *     fails: SQLite's busy timeout (at most {@link #BUSY_TIMEOUT_PER_ATTEMPT} per attempt), and the whole transaction
 *     attempted again after 0.1, 0.2, 0.4 ... s (at most 2 s apart) until {@code lockWait} has passed since the first
 *     attempt began; so a write gives up after at most {@code lockWait} + {@link #BUSY_TIMEOUT_PER_ATTEMPT}.
 *     Default {@link #DEFAULT_LOCK_WAIT}
 */
public record StoreConfig(Optional<String> jdbcUrl, Path home, Duration lockWait) {

    /** How long a write waits for a lock by default: 30 s. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(30);

    /** The longest SQLite's busy handler waits within one attempt: 5 s (less when {@code lockWait} is shorter). */
    public static final Duration BUSY_TIMEOUT_PER_ATTEMPT = Duration.ofSeconds(5);

    /**
     * A configuration with the default lock wait, {@link #DEFAULT_LOCK_WAIT}, unless the system property
     * {@code greenloop.store.lockWaitMillis} gives another (tests use it to fail fast).
     *
     * @throws UnsupportedStoreUrlException as the canonical constructor does
     */
    public StoreConfig(Optional<String> jdbcUrl, Path home) {
        this(jdbcUrl, home, Duration.ofMillis(Long.getLong("greenloop.store.lockWaitMillis", DEFAULT_LOCK_WAIT.toMillis())));
    }

    /**
     * Checks the URL at once, so that nothing runs on a store that could never be opened.
     *
     * @throws UnsupportedStoreUrlException if the URL starts neither with {@code jdbc:sqlite:} nor with
     *     {@code jdbc:postgresql:}, naming it (its password hidden) and the two that work
     * @throws NullPointerException if {@code jdbcUrl} or {@code lockWait} is null, or {@code home} is null without a URL
     * @throws IllegalArgumentException if {@code lockWait} is negative
     */
    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(lockWait, "lockWait");
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("lockWait must be >= 0, was " + lockWait);
        }
        if (jdbcUrl.isEmpty()) {
            Objects.requireNonNull(home, "home (the SQLite store's folder, as no JDBC URL is given)");
        }
        jdbcUrl.ifPresent(StoreConfig::checkSupported);
    }

    /** @return the configuration from the process environment */
    public static StoreConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** @return the configuration given by {@code GREENLOOP_DB} and {@code GREENLOOP_HOME} in {@code env} */
    public static StoreConfig fromEnvironment(Map<String, String> env) {
        String home = env.get("GREENLOOP_HOME");
        Path homePath = home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".greenloop") : Path.of(home);
        String db = env.get("GREENLOOP_DB");
        return new StoreConfig(db == null || db.isBlank() ? Optional.empty() : Optional.of(db), homePath);
    }

    private static void checkSupported(String url) {
        String u = url.strip();
        if (!u.startsWith(Stores.SQLITE_PREFIX) && !u.startsWith(Stores.POSTGRESQL_PREFIX)) {
            throw new UnsupportedStoreUrlException(("GREENLOOP_DB (or db= in the config file): '%s' is not a store Greenloop can"
                    + " use; give jdbc:sqlite:FILE (an SQLite file, such as jdbc:sqlite:/var/lib/greenloop/greenloop.db) or"
                    + " jdbc:postgresql://HOST[:PORT]/DATABASE (such as jdbc:postgresql://db.example.org:5432/greenloop?user=greenloop&password=...)")
                    .formatted(Connections.redact(u)));
        }
    }
}
