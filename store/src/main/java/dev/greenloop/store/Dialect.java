package dev.greenloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between the database engines the store runs on: where their migration scripts are,
 * how to ask whether a table exists, and how to keep two processes from migrating at once.
 * Everything else is plain SQL that both engines accept.
 */
enum Dialect {
    /** An SQLite file, one machine. */
    SQLITE("sqlite", "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"),
    /** A PostgreSQL database, a fleet. */
    POSTGRESQL("postgresql", "SELECT 1 WHERE to_regclass(?) IS NOT NULL");

    /** Key of the PostgreSQL advisory lock held while migrating: "grnloop" in ASCII. */
    private static final long MIGRATION_LOCK_KEY = 0x67726e6c6f6f70L;

    private final String folder;
    private final String tableExistsSql;

    Dialect(String folder, String tableExistsSql) {
        this.folder = folder;
        this.tableExistsSql = tableExistsSql;
    }

    /** @return the classpath folder of this dialect's migration scripts */
    String migrationFolder() {
        return "/dev/greenloop/store/migration/" + folder + "/";
    }

    /** @return true if {@code table} exists (in the current schema, for PostgreSQL) */
    boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(tableExistsSql)) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Blocks until no other process is migrating this database, for the session. SQLite needs
     * nothing here: the store opens its transactions {@code IMMEDIATE}, so migrations serialise
     * on the write lock.
     */
    void lockMigrations(Connection connection) throws SQLException {
        if (this == POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK_KEY + ")");
            }
        }
    }

    /** Releases what {@link #lockMigrations(Connection)} took. */
    void unlockMigrations(Connection connection) throws SQLException {
        if (this == POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK_KEY + ")");
            }
        }
    }
}
