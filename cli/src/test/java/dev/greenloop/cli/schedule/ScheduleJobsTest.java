package dev.greenloop.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import dev.greenloop.testfixtures.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop schedule jobs}: the Let's Wait Awhile ML-training job file, in process (Main.run). */
class ScheduleJobsTest {

    @TempDir
    Path home;

    @Test
    void jobs_lwaMl_writesTheJobFile_thatSimulateReadsWholly() throws IOException {
        Path file = home.resolve("ml.csv");
        Cli.Result r = Cli.inProcess(home).run("schedule", "jobs", "--scenario", "lwa-ml", "--interruptible", "--seed", "3", "--out", file.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> rows = Files.readAllLines(file);
        assertEquals("id,submit,duration_minutes,deadline,power_watts,interruptible,zones", rows.getFirst());
        assertEquals(3388, rows.size());
        assertTrue(rows.stream().skip(1).allMatch(row -> row.startsWith("ml-") && row.endsWith(",1000,true,")), rows.get(1));

        Cli.Result again = Cli.inProcess(home).run("schedule", "jobs", "--scenario", "lwa-ml", "--interruptible", "--seed", "3");
        assertEquals(0, again.exitCode(), again.stderr());
        assertEquals(String.join("\n", rows) + "\n", again.stdout(), "same seed, same jobs, on standard output");

        Cli.Result sim = Cli.inProcess(home).run("schedule", "simulate", "--trace", "FR=" + SharedData.carbon("lwa_fr_2020_ci.csv"),
                "--jobs", file.toString(), "--json");
        assertEquals(0, sim.exitCode(), sim.stderr());
        Map<String, Object> j = Json.flatten(sim.stdout());
        assertEquals(3387.0, j.get("placedJobs"));
        assertEquals(0.0, j.get("infeasibleJobs"));
        assertTrue((Double) j.get("savingsPercent") > 3, sim.stdout());
    }

    @Test
    void jobs_unknownScenario_exits2NamingTheScenarios() {
        Cli.Result r = Cli.inProcess(home).run("schedule", "jobs", "--scenario", "nightly");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("unknown scenario 'nightly'; use lwa-ml"), r.stderr());
    }

    @Test
    void jobs_outInMissingDirectory_exits2NamingIt() {
        Path out = home.resolve("no/such/dir/ml.csv");
        Cli.Result r = Cli.inProcess(home).run("schedule", "jobs", "--scenario", "lwa-ml", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--out: cannot create " + out), r.stderr());
    }
}
