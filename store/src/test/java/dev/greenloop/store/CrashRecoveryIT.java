package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed with SIGKILL while writing loses nothing committed before, and its run is listed as interrupted, never as running. */
class CrashRecoveryIT {

    @TempDir
    Path home;

    @Test
    void kill_midRun_keepsEarlierRunsAndListsCrashedRunAsInterrupted() throws Exception {
        StoreConfig config = new StoreConfig(Optional.empty(), home);
        StoredRun first;
        StoredRun second;
        try (Store store = Stores.open(config)) {
            first = finishedRun(store, "first", 0);
            second = finishedRun(store, "second", 60);
        }

        long crashedId = runAndKill(5);

        try (Store store = Stores.open(config)) {
            assertEquals(Optional.of(first), store.findRun(first.id()));
            assertEquals(Optional.of(second), store.findRun(second.id()));
            StoredRun crashed = store.findRun(crashedId).orElseThrow();
            assertEquals(RunStatus.INTERRUPTED, crashed.status());
            assertTrue(crashed.interruption().orElseThrow().note().contains("ended without finishing it"), crashed.toString());
            assertEquals(RunOutcome.UNKNOWN_EXIT_CODE, crashed.outcome().orElseThrow().exitCode());
            assertEquals(List.of(crashedId, second.id(), first.id()),
                    store.listRuns(Optional.empty()).stream().map(StoredRun::id).toList());
            int samples = store.samples(Fixtures.NODE.name(), Optional.of(crashedId)).size();
            assertTrue(samples >= 5 * CrashingWriterMain.BATCH, "samples: " + samples);
            assertEquals(0, samples % CrashingWriterMain.BATCH, "a batch was half written: " + samples);
        }
        assertEquals("ok", integrityCheck());
    }

    private static StoredRun finishedRun(Store store, String name, long offsetSeconds) {
        long id = store.startRun(Fixtures.newRun(name, Fixtures.T0.plusSeconds(offsetSeconds)));
        store.appendSamples(Fixtures.NODE, Optional.of(id), Fixtures.samples(Fixtures.T0, "psys", 10));
        store.finishRun(id, Fixtures.outcome(Fixtures.T0.plusSeconds(offsetSeconds + 30), 0));
        return store.findRun(id).orElseThrow();
    }

    /** Starts the writer, waits for {@code batches} committed batches, kills it with SIGKILL; returns its run id. */
    private long runAndKill(int batches) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process writer = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                CrashingWriterMain.class.getName(), home.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String runLine = out.readLine();
            assertTrue(runLine != null && runLine.startsWith("RUN "), "writer said: " + runLine);
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("BATCH " + batches));
            assertEquals("BATCH " + batches, line, "the writer stopped early");
            writer.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
            assertFalse(writer.exitValue() == 0);
            return Long.parseLong(runLine.substring("RUN ".length()));
        } finally {
            writer.destroyForcibly();
        }
    }

    private String integrityCheck() throws SQLException {
        try (Connection connection = Connections.sqlite("jdbc:sqlite:" + home.resolve(Stores.DEFAULT_FILE_NAME));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
