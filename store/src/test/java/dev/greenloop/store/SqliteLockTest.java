package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes while another connection holds SQLite's write lock ({@code BEGIN EXCLUSIVE}), as another process would. */
class SqliteLockTest {

    @TempDir
    Path home;

    private Connection lockHolder() throws Exception {
        return Connections.sqlite("jdbc:sqlite:" + home.resolve(Stores.DEFAULT_FILE_NAME));
    }

    @Test
    void write_lockHeldLongerThanTheBusyTimeout_waitsAndCommitsOnceReleased() throws Exception {
        // The lock is held 7 s, longer than SQLite's busy timeout of 5 s per attempt: only attempting the whole
        // transaction again gets the write through (and the attempt after a failed BEGIN must have a transaction).
        StoreConfig config = new StoreConfig(Optional.empty(), home, Duration.ofSeconds(12));
        try (Store store = Stores.open(config); Connection other = lockHolder(); Statement lock = other.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");
            CompletableFuture<Void> release = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(7_000);
                    lock.execute("COMMIT");
                    release.complete(null);
                } catch (Exception e) {
                    release.completeExceptionally(e);
                }
            });
            long started = System.nanoTime();
            long id = store.startRun(Fixtures.newRun("locked", Fixtures.T0));
            store.appendSamples(Fixtures.NODE, Optional.of(id), Fixtures.samples(Fixtures.T0, "gpu-0", 10));
            store.finishRun(id, Fixtures.outcome(Fixtures.T0.plusSeconds(1), 0));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            release.join();
            assertTrue(waitedMillis >= 6_500, "the write waited for the lock: " + waitedMillis + " ms");
            assertEquals(RunStatus.FINISHED, store.findRun(id).orElseThrow().status());
            assertEquals(10, store.samples(Fixtures.NODE.name(), Optional.of(id)).size());
            try (Statement check = other.createStatement();
                    java.sql.ResultSet rows = check.executeQuery("SELECT count(*) FROM run_arg WHERE run_id = " + id)) {
                rows.next();
                assertEquals(Fixtures.newRun("x", Fixtures.T0).command().size(), rows.getInt(1), "the run was written whole, once");
            }
        }
    }

    @Test
    void write_lockNeverReleased_failsAfterTheLockWaitNamingTheLock() throws Exception {
        StoreConfig config = new StoreConfig(Optional.empty(), home, Duration.ofMillis(1500));
        try (Store store = Stores.open(config); Connection other = lockHolder(); Statement lock = other.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");
            long started = System.nanoTime();
            StoreException e = assertThrows(StoreException.class, () -> store.startRun(Fixtures.newRun("locked", Fixtures.T0)));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waitedMillis >= 1_000 && waitedMillis < 1_500 + StoreConfig.BUSY_TIMEOUT_PER_ATTEMPT.toMillis() + 1_000,
                    "bounded by the lock wait and one busy timeout: " + waitedMillis + " ms");
            assertTrue(e.getMessage().contains("write lock") && e.getMessage().contains("SQLITE_BUSY"), e.getMessage());
            lock.execute("ROLLBACK");
        }
    }

    @Test
    void write_diskFull_messageNamesTheFileTheFolderAndItsFileSystem() throws Exception {
        // No small tmpfs without root privileges to mount it: SQLite's page limit gives the same SQLITE_FULL.
        Path file = home.resolve(Stores.DEFAULT_FILE_NAME);
        Stores.open(new StoreConfig(Optional.empty(), home)).close();
        // sqlite-jdbc applies pragmas given in the URL; a limit below the file's size holds it at its size.
        try (Store store = Stores.open(new StoreConfig(Optional.of("jdbc:sqlite:" + file + "?max_page_count=1"), home))) {
            long id = store.startRun(Fixtures.newRun("full", Fixtures.T0));
            StoreException e = assertThrows(StoreException.class, () -> {
                for (int i = 0; i < 1000; i++) {
                    store.appendSamples(Fixtures.NODE, Optional.of(id), Fixtures.samples(Fixtures.T0.plusSeconds(i), "gpu-0", 500));
                }
            });
            String m = e.getMessage();
            assertTrue(m.contains("disk is full") && m.contains(file.toString()) && m.contains(home.toAbsolutePath().toString())
                    && m.contains("mounted as"), m);
            assertTrue(!m.contains("no transaction is active"), m);
        }
    }
}
