package dev.greenloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings a database's schema up to the version this code knows, recording each step in the
 * {@code schema_version} table (version, description, applied_at, checksum).
 *
 * <p>Each migration runs in its own transaction with its {@code schema_version} row, so a crash
 * leaves the schema at a known version. Opening an up-to-date store costs one query and no write.
 * The migrator refuses a store whose schema is newer than the code, and one whose applied
 * migration no longer has the checksum it was applied with.
 */
final class Migrator {

    private static final String CREATE_VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
                version     INTEGER PRIMARY KEY,
                description TEXT    NOT NULL,
                applied_at  BIGINT  NOT NULL,
                checksum    TEXT    NOT NULL
            )""";

    private final Dialect dialect;
    private final String location;
    private final Clock clock;

    Migrator(Dialect dialect, String location, Clock clock) {
        this.dialect = dialect;
        this.location = location;
        this.clock = clock;
    }

    /**
     * Applies every migration not yet applied.
     *
     * @throws StoreException if the schema is newer than this code, an applied migration was changed,
     *     or a migration fails (that migration is rolled back)
     * @throws SQLException if the database cannot be read
     */
    void migrate(Connection connection) throws SQLException {
        List<Migration> known = Migration.all(dialect);
        if (pending(connection, known).isEmpty()) {
            return;
        }
        dialect.lockMigrations(connection);
        try {
            // Another process may have migrated while we waited for the lock: look again, and once more
            // inside each transaction, where SQLite's write lock is what keeps processes apart.
            for (Migration migration : pending(connection, known)) {
                Transactions.run(connection, () -> apply(connection, migration));
            }
        } finally {
            dialect.unlockMigrations(connection);
        }
    }

    /** @return the migrations of {@code known} not applied yet, after checking those that were */
    private List<Migration> pending(Connection connection, List<Migration> known) throws SQLException {
        Map<Integer, AppliedMigration> applied = applied(connection);
        check(applied, known);
        return known.stream().filter(m -> !applied.containsKey(m.version())).toList();
    }

    private void apply(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(CREATE_VERSION_TABLE);
        }
        if (applied(connection).containsKey(migration.version())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot apply migration V%d (%s) to %s: %s"
                    .formatted(migration.version(), migration.description(), location, e.getMessage()), e);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at, checksum) VALUES (?, ?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setLong(3, clock.millis());
            insert.setString(4, migration.checksum());
            insert.executeUpdate();
        }
    }

    private Map<Integer, AppliedMigration> applied(Connection connection) throws SQLException {
        Map<Integer, AppliedMigration> applied = new TreeMap<>();
        if (!dialect.tableExists(connection, "schema_version")) {
            return applied;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, description, checksum FROM schema_version")) {
            while (rows.next()) {
                applied.put(rows.getInt(1), new AppliedMigration(rows.getInt(1), rows.getString(2), rows.getString(3)));
            }
        }
        return applied;
    }

    private void check(Map<Integer, AppliedMigration> applied, List<Migration> known) {
        int newest = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        int latest = Migration.latestVersion();
        if (newest > latest) {
            throw new StoreException(("the store %s has schema version %d, newer than this Greenloop knows (%d):"
                    + " a newer Greenloop wrote it; upgrade Greenloop to use it").formatted(location, newest, latest));
        }
        for (Migration migration : known) {
            AppliedMigration done = applied.get(migration.version());
            if (done != null && !done.checksum().equals(migration.checksum())) {
                throw new StoreException(("migration V%d (%s) applied to %s has checksum %s, but this Greenloop's"
                        + " script has %s: the script was changed after it was applied; restore it, or restore"
                        + " the store from a backup").formatted(migration.version(), done.description(), location,
                        done.checksum(), migration.checksum()));
            }
        }
    }

    /** A row of {@code schema_version}. */
    private record AppliedMigration(int version, String description, String checksum) {
    }
}
