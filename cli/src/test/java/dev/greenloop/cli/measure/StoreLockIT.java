package dev.greenloop.cli.measure;

import static dev.greenloop.cli.Json.flatten;
import static dev.greenloop.cli.Json.jsonPart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * {@code measure} while another process holds the store's write lock ({@code BEGIN EXCLUSIVE} on a second connection,
 * as the sqlite3 shell or another program would): the run waits for it, or is spooled and stored by the next command.
 */
class StoreLockIT {

    @TempDir
    Path home;

    private Connection connect() throws Exception {
        String url = "jdbc:sqlite:" + home.resolve("greenloop.db");
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        return new JDBC4Connection(url, url.substring("jdbc:sqlite:".length()), config.toProperties());
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void measure_lockHeld12sThenReleased_runStoredWholeWithItsSamples() throws Exception {
        Cli cli = new Cli(home);
        assertEquals(0, cli.run("runs", "list").exitCode()); // creates the store
        try (Connection other = connect(); Statement lock = other.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");
            // Longer than SQLite's busy timeout (10 s before, 5 s per attempt now): only retrying the transaction waits it out.
            // A thread of its own: the common pool's may all be busy reading the child's output.
            CompletableFuture<Void> release = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(12_000);
                    lock.execute("COMMIT");
                    release.complete(null);
                } catch (Exception e) {
                    release.completeExceptionally(e);
                }
            });
            var r = cli.run("measure", "--json", "--interval", "100ms", "--", "sleep", "14");
            release.join();
            assertEquals(0, r.exitCode(), r.stderr());
            assertFalse(r.stderr().contains("not stored"), r.stderr());
            Map<String, Object> j = flatten(jsonPart(r.stdout()));
            assertEquals(1.0, j.get("runId"), r.stdout());
            var shown = flatten(jsonPart(cli.run("runs", "show", "--json", "1").stdout()));
            assertEquals("finished", shown.get("status"));
            assertEquals(j.get("energy.totalJoules"), shown.get("energy.totalJoules"));
            assertTrue(count(other, "SELECT count(*) FROM sample WHERE run_id = 1") >= 100,
                    "the samples of 14 s at 100 ms are stored");
        }
    }

    @Test
    void measure_lockNeverReleased_spooledWithExit75_thenTheNextCommandStoresIt() throws Exception {
        Cli cli = new Cli(home).env("JAVA_TOOL_OPTIONS", "-Dgreenloop.store.lockWaitMillis=1500");
        assertEquals(0, cli.run("runs", "list").exitCode());
        Path spool = home.resolve("spool");
        try (Connection other = connect(); Statement lock = other.createStatement()) {
            lock.execute("BEGIN EXCLUSIVE");
            var r = cli.run("measure", "--json", "--name", "kept", "--", "sh", "-c", "sleep 1; exit 3");
            assertEquals(75, r.exitCode(), "exit 75 (EX_TEMPFAIL) instead of the command's 3: " + r.stderr());
            assertEquals(3.0, flatten(jsonPart(r.stdout())).get("exitCode"), "the report still has the command's own code");
            List<Path> files;
            try (Stream<Path> s = Files.list(spool)) {
                files = s.toList();
            }
            assertEquals(1, files.size(), files.toString());
            Path file = files.getFirst();
            assertTrue(file.getFileName().toString().endsWith(".json"), file.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(r.stderr().contains("the run was measured but not stored") && r.stderr().contains("write lock")
                    && r.stderr().contains("the run is kept in " + file), r.stderr());
            lock.execute("ROLLBACK");
        }
        var listed = cli.run("runs", "list", "--json");
        assertEquals(0, listed.exitCode(), listed.stderr());
        assertTrue(listed.stderr().contains("stored the run 'kept' spooled in"), listed.stderr());
        Map<String, Object> run = flatten(listed.stdout());
        assertEquals("kept", run.get("[0].name"));
        assertEquals("finished", run.get("[0].status"));
        assertEquals(3.0, run.get("[0].exitCode"));
        assertTrue((double) run.get("[0].energy.totalJoules") > 0, listed.stdout());
        try (Stream<Path> s = Files.list(spool)) {
            assertEquals(0, s.count(), "the spool file is deleted once stored");
        }
        var again = cli.run("runs", "list", "--json");
        assertEquals(1, (int) flatten(again.stdout()).get(".length"), "stored once: " + again.stdout());
    }
}
