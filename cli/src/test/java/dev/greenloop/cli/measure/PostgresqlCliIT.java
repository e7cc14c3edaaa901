package dev.greenloop.cli.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI against a real PostgreSQL through GREENLOOP_DB: measure stores there, runs reads from there. */
class PostgresqlCliIT {

    private static EmbeddedPostgres postgres;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void measureAndRuns_withGreenloopDb_useThePostgresqlStore() throws Exception {
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres";
        Cli cli = Cli.inProcess(home).env("GREENLOOP_DB", url);
        var r = cli.run("measure", "--json", "--name", "on-postgres", "--", "sh", "-c", "exit 0");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(Json.jsonPart(r.stdout()));
        double runId = (double) j.get("runId");
        var list = cli.run("runs", "list");
        assertEquals(0, list.exitCode(), list.stderr());
        assertTrue(list.stdout().contains("on-postgres"), list.stdout());
        var show = cli.run("runs", "show", Long.toString((long) runId), "--json");
        assertEquals("on-postgres", Json.flatten(show.stdout()).get("name"));
        assertEquals(j.get("energy.totalJoules"), Json.flatten(show.stdout()).get("energy.totalJoules"));
        assertTrue(!java.nio.file.Files.exists(home.resolve("greenloop.db")), "no SQLite file when GREENLOOP_DB is set");
    }

    @Test
    void measure_unreachableDatabase_warnsReportsSpoolsAndExits75() throws Exception {
        Cli cli = Cli.inProcess(home).env("GREENLOOP_DB", "jdbc:postgresql://127.0.0.1:1/none?user=x&password=secret");
        var r = cli.run("measure", "--json", "--", "sh", "-c", "exit 5");
        // The run is not in the store: 75 (EX_TEMPFAIL) says so, where the command's own 5 would not; the report keeps the 5.
        assertEquals(75, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("not stored") && r.stderr().contains("the run is kept in " + home.toAbsolutePath().resolve("spool")),
                r.stderr());
        assertTrue(!r.stderr().contains("secret"), "no password in messages: " + r.stderr());
        assertEquals(null, Json.flatten(Json.jsonPart(r.stdout())).get("runId"));
        assertEquals(5.0, Json.flatten(Json.jsonPart(r.stdout())).get("exitCode"));
        try (var spooled = java.nio.file.Files.list(home.resolve("spool"))) {
            String text = java.nio.file.Files.readString(spooled.findFirst().orElseThrow());
            assertTrue(!text.contains("secret"), "no password in the spool file: " + text);
        }
    }
}
