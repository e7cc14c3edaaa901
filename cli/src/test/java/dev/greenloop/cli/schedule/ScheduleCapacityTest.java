package dev.greenloop.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import dev.greenloop.testfixtures.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop schedule simulate --capacity/--power-budget} end to end (CP-SAT) on the shared Spanish 2022 trace, in process (Main.run). */
class ScheduleCapacityTest {

    private static final String HEADER = "id,submit,duration_minutes,deadline,power_watts,interruptible,zones";

    @TempDir
    Path home;

    private static Path spain() {
        return SharedData.carbon("em_ES_2022_hourly.csv");
    }


    /** Ten 3-hour jobs of 400 W submitted together with a day to finish: all want the same clean hours. */
    private Path crowd() throws IOException {
        List<String> rows = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < 10; i++) {
            rows.add("j%d,2022-03-01T08:00:00Z,180,2022-03-02T08:00:00Z,400,false,".formatted(i));
        }
        rows.add("huge,2022-03-01T08:00:00Z,60,2022-03-02T08:00:00Z,5000,false,");
        Path f = home.resolve("jobs.csv");
        Files.write(f, rows);
        return f;
    }

    @Test
    void simulate_capacityAndPowerBudget_planWithinBothAndGapReported() throws IOException {
        Path plan = home.resolve("plan.csv");
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", crowd().toString(),
                "--capacity", "ES=3", "--power-budget", "ES=1000", "--time-limit", "5", "--out", plan.toString(), "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        assertEquals(10.0, j.get("placedJobs"), r.stdout());
        assertEquals("huge", j.get("infeasible[0].id"), r.stdout());
        assertTrue(j.get("infeasible[0].reason").toString().contains("power budget"), r.stdout());
        assertTrue(j.containsKey("optimalityGap.gapPercent") && j.containsKey("optimalityGap.bestBound")
                && j.containsKey("optimalityGap.objective") && j.containsKey("optimalityGap.boundMethod")
                && j.containsKey("optimalityGap.iterations"), r.stdout());
        assertTrue((Double) j.get("optimalityGap.gapPercent") <= 1.0, r.stdout());
        // The plan itself: at most 2 jobs of 400 W (power) and 3 jobs (capacity) at every start.
        List<Instant[]> runs = new ArrayList<>();
        for (String row : Files.readAllLines(plan).subList(1, 11)) {
            String[] c = row.split(",");
            runs.add(new Instant[] {Instant.parse(c[2]), Instant.parse(c[3])});
        }
        for (Instant[] a : runs) {
            long running = runs.stream().filter(b -> !b[0].isAfter(a[0]) && b[1].isAfter(a[0])).count();
            assertTrue(running <= 2, "more than 1000 W at " + a[0] + ": " + Files.readAllLines(plan));
        }
    }

    @Test
    void simulate_capacityText_printsOptimalityGap() throws IOException {
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", crowd().toString(),
                "--capacity", "ES=2", "--time-limit", "5");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("optimality gap:"), r.stdout());
    }

    @Test
    void simulate_badCapacity_exits2NamingValue() throws IOException {
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", crowd().toString(),
                "--capacity", "ES=lots");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("'lots' is not a whole number of jobs"), r.stderr());
    }

    @Test
    void simulate_capacityForZoneWithoutTrace_exits2() throws IOException {
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", crowd().toString(),
                "--capacity", "DE=2");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("zone DE, which has no trace"), r.stderr());
    }
}
