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
import java.util.concurrent.TimeUnit;
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
        // A lock wait of 8 s and a busy timeout of 1 s: the lock is held 3 s, three busy timeouts, so only the retry
        // of the whole transaction can get the write through.
        StoreConfig config = new StoreConfig(Optional.empty(), home, Duration.ofSeconds(8));
        try (Store store = Stores.open(config); Connection other = lockHolder(); Statement lock = other.createStatement()) {
            assertEquals(1000, Math.min(Connections.SQLITE_BUSY_TIMEOUT_MILLIS, 1000));
            lock.execute("PRAGMA busy_timeout = 0");
            lock.execute("BEGIN EXCLUSIVE");
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    lock.execute("COMMIT");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
            long started = System.nanoTime();
            long id = store.startRun(Fixtures.newRun("locked", Fixtures.T0));
            store.finishRun(id, Fixtures.outcome(Fixtures.T0.plusSeconds(1), 0));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            release.join();
            assertTrue(waitedMillis >= 2_500, "the write waited for the lock: " + waitedMillis + " ms");
            assertEquals(RunStatus.FINISHED, store.findRun(id).orElseThrow().status());
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
