package dev.greenloop.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which database to use. Immutable.
 *
 * @param jdbcUrl the JDBC URL from {@code GREENLOOP_DB}; empty means the SQLite file {@code greenloop.db} in {@code home}
 * @param home the data directory, {@code GREENLOOP_HOME}, default {@code ~/.greenloop}
 */
public record StoreConfig(Optional<String> jdbcUrl, Path home) {

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
}
