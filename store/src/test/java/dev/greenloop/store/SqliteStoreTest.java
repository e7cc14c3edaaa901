package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on an SQLite file in a fresh directory, plus what is SQLite's own. */
class SqliteStoreTest extends StoreContract {

    @TempDir
    Path home;

    @Override
    protected StoreConfig config() {
        return new StoreConfig(Optional.empty(), home);
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return Connections.sqlite("jdbc:sqlite:" + home.resolve(Stores.DEFAULT_FILE_NAME));
    }

    @Test
    void open_defaultFile_usesWalAndEnforcesForeignKeys() throws SQLException {
        open();
        try (Connection connection = rawConnection(); Statement statement = connection.createStatement()) {
            assertEquals("wal", pragma(statement, "journal_mode"));
            assertEquals("1", pragma(statement, "foreign_keys"));
            assertEquals(String.valueOf(Connections.SQLITE_BUSY_TIMEOUT_MILLIS), pragma(statement, "busy_timeout"));
        }
    }

    @Test
    void open_newHome_homeIsPrivateAndDatabaseFileOwnerOnly() throws Exception {
        Path fresh = home.resolve("fresh-home");
        try (Store store = Stores.open(new StoreConfig(Optional.empty(), fresh))) {
            store.startRun(Fixtures.newRun("private", Fixtures.T0));
        }
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(fresh)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(fresh.resolve(Stores.DEFAULT_FILE_NAME))));
        // SQLite gives its write-ahead log the database file's permissions: the commands and names in it stay private too.
        Path wal = fresh.resolve(Stores.DEFAULT_FILE_NAME + "-wal");
        if (java.nio.file.Files.exists(wal)) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(wal)));
        }
    }

    @Test
    void open_zeroByteStoreFile_isDamagedNotSilentlyANewEmptyStore() throws Exception {
        Path file = home.resolve(Stores.DEFAULT_FILE_NAME);
        java.nio.file.Files.createFile(file);
        StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class, () -> Stores.open(config()));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("empty"), e.getMessage());
        assertEquals(0, java.nio.file.Files.size(file), "the damaged file is left as it was");
        // The same through an explicit jdbc:sqlite: URL.
        StoreException viaUrl = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                () -> Stores.open(new StoreConfig(Optional.of("jdbc:sqlite:" + file), home)));
        org.junit.jupiter.api.Assertions.assertTrue(viaUrl.getMessage().contains("empty"), viaUrl.getMessage());
    }

    @Test
    void open_existingDatabaseFile_keepsItsPermissions() throws Exception {
        open().close();
        Path file = home.resolve(Stores.DEFAULT_FILE_NAME);
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        open().close();
        assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file)));
    }

    @Test
    void location_defaultFile_namesSqliteAndPath() {
        assertEquals("sqlite:" + home.toAbsolutePath().resolve("greenloop.db"), open().location());
    }

    @Test
    void appendSamples_twoStoresOnOneFileAtOnce_bothCommitEverything() throws Exception {
        open().close();
        int batches = 40;
        java.util.concurrent.Callable<Long> writer = () -> {
            try (Store store = Stores.open(config())) {
                long id = store.startRun(Fixtures.newRun("concurrent", Fixtures.T0));
                for (int i = 0; i < batches; i++) {
                    store.appendSamples(Fixtures.NODE, Optional.of(id), Fixtures.samples(Fixtures.T0.plusSeconds(i), "gpu-0", 10));
                }
                store.finishRun(id, Fixtures.outcome(Fixtures.T0.plusSeconds(batches), 0));
                return id;
            }
        };
        try (var executor = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first = executor.submit(writer);
            var second = executor.submit(writer);
            Store store = open();
            for (long id : new long[] {first.get(), second.get()}) {
                assertEquals(RunStatus.FINISHED, store.findRun(id).orElseThrow().status());
                assertEquals(batches * 10, store.samples(Fixtures.NODE.name(), Optional.of(id)).size());
            }
        }
    }

    private static String pragma(Statement statement, String name) throws SQLException {
        try (ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
