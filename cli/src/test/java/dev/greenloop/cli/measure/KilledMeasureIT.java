package dev.greenloop.cli.measure;

import static dev.greenloop.cli.Json.flatten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.jdbc4.JDBC4Connection;

/** {@code measure} killed with SIGKILL mid-run: the next command shows its run interrupted, with its totals so far. */
class KilledMeasureIT {

    @TempDir
    Path home;

    private OptionalLong orphan = OptionalLong.empty();

    @AfterEach
    void killTheOrphan() {
        orphan.ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** @return the energy stored so far with run 1, once it has some, or -1 */
    private double storedJoules() throws Exception {
        Path db = home.resolve("greenloop.db");
        if (!Files.exists(db)) {
            return -1;
        }
        String url = "jdbc:sqlite:" + db;
        try (Connection c = new JDBC4Connection(url, db.toString(), new java.util.Properties()); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT total_joules FROM run WHERE id = 1"
                        + " AND EXISTS (SELECT 1 FROM sample WHERE run_id = 1)")) {
            return rows.next() && rows.getObject(1) != null ? rows.getDouble(1) : -1;
        } catch (java.sql.SQLException e) {
            return -1; // the schema is being created
        }
    }

    @Test
    void measure_killedWithSigkill_runShownInterruptedWithItsEnergy_commandLeftRunningAndNamed() throws Exception {
        Cli cli = new Cli(home);
        Process measure = cli.start("measure", "--interval", "100ms", "--", "sleep", "30");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (storedJoules() <= 0 && System.nanoTime() < deadline && measure.isAlive()) {
                Thread.sleep(100);
            }
            assertTrue(storedJoules() > 0, "samples and totals were stored while the command ran");
            long sleepPid = measure.toHandle().children().filter(p -> p.info().command().orElse("").endsWith("sleep"))
                    .findFirst().orElseThrow().pid();
            orphan = OptionalLong.of(sleepPid);
            measure.destroyForcibly(); // SIGKILL: no shutdown hook, no report
            assertTrue(measure.waitFor(30, TimeUnit.SECONDS));
        } finally {
            measure.destroyForcibly();
        }

        var list = cli.run("runs", "list");
        assertEquals(0, list.exitCode(), list.stderr());
        assertTrue(list.stdout().contains("interrupted"), list.stdout());
        assertFalse(list.stdout().contains("running"), list.stdout());

        var shown = cli.run("runs", "show", "--json", "1");
        assertEquals(0, shown.exitCode(), shown.stderr());
        Map<String, Object> j = flatten(shown.stdout());
        assertEquals("interrupted", j.get("status"));
        assertNull(j.get("exitCode"), "its end was not seen");
        assertNotNull(j.get("endedAt"), "it ends at its last stored sample");
        assertTrue((double) j.get("energy.totalJoules") > 0, shown.stdout());
        assertTrue((double) j.get("carbon.grams") > 0, shown.stdout());
        assertEquals((double) orphan.getAsLong(), j.get("orphanPid"), "the command is left running and named");
        assertTrue(ProcessHandle.of(orphan.getAsLong()).map(ProcessHandle::isAlive).orElse(false), "left running");
        assertTrue(((String) j.get("note")).contains("kill " + orphan.getAsLong()), (String) j.get("note"));

        var text = cli.run("runs", "show", "1");
        assertTrue(text.stdout().contains("status    interrupted") && text.stdout().contains("orphan    pid " + orphan.getAsLong()),
                text.stdout());
    }
}
