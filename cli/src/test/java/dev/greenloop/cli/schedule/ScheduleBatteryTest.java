package dev.greenloop.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import dev.greenloop.testfixtures.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop schedule simulate} with precomputable jobs and {@code --battery-budget}, end to end on the shared Spanish 2022 trace. */
class ScheduleBatteryTest {

    private static final String HEADER = "id,submit,duration_minutes,deadline,power_watts,interruptible,zones,precompute";

    @TempDir
    Path home;

    private static Path spain() {
        return SharedData.carbon("em_ES_2022_hourly.csv");
    }

    private Path jobs(String header, String... rows) throws IOException {
        Path f = home.resolve("jobs.csv");
        Files.writeString(f, header + "\n" + String.join("\n", rows) + "\n");
        return f;
    }

    /** Three 2-hour shards of a nightly re-embedding, ready at 18:00 and needed at 08:00; one draws more than the budget; one ordinary job. */
    private Path nightly() throws IOException {
        return jobs(HEADER,
                "s0,2022-01-09T18:00:00Z,120,2022-01-10T08:00:00Z,1000,false,,true",
                "s1,2022-01-09T18:00:00Z,120,2022-01-10T08:00:00Z,1000,true,ES,true",
                "big,2022-01-09T18:00:00Z,60,2022-01-10T08:00:00Z,5000,false,,true",
                "train,2022-01-09T08:00:00Z,120,2022-01-10T08:00:00Z,1000,false,,false");
    }

    @Test
    void simulate_batteryJson_reportsAgainstOnDemandAndKeepsTheBudget() throws IOException {
        Path plan = home.resolve("plan.csv");
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", nightly().toString(),
                "--battery-budget", "ES=1000", "--out", plan.toString(), "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        for (String key : List.of("policy", "jobs", "grams", "baselineGrams", "savingsPercent", "missedDeadlines", "infeasibleJobs", "planningSeconds")) {
            assertTrue(j.containsKey(key), key + " missing: " + r.stdout());
        }
        assertEquals(4.0, j.get("jobs"));
        assertEquals(0.0, j.get("infeasibleJobs"));
        assertEquals(3.0, j.get("battery.jobs"), r.stdout());
        assertEquals(2.0, j.get("battery.precomputedJobs"), r.stdout());
        assertEquals(1.0, j.get("battery.unplacedJobs"), r.stdout());
        assertEquals("big", j.get("battery.unplaced[0].id"), r.stdout());
        assertTrue(j.get("battery.unplaced[0].reason").toString().contains("more than the 1000 W battery budget of zone ES"), r.stdout());
        assertEquals(1000.0, j.get("battery.budget.ES"), r.stdout());
        assertEquals(1000.0, j.get("battery.peakWatts.ES"), r.stdout());
        assertEquals(4.0, j.get("battery.kWh"), r.stdout());
        double onDemand = (Double) j.get("battery.onDemandGrams");
        double grams = (Double) j.get("battery.grams");
        assertTrue(grams < onDemand, r.stdout());
        assertEquals(100 * (onDemand - grams) / onDemand, (Double) j.get("battery.savingsPercent"), 1e-9);
        assertTrue((Double) j.get("battery.unlimitedGrams") <= grams + 1e-9, r.stdout());
        // The plan: s0 and s1 never overlap (1000 W each, budget 1000 W); big runs on demand, 07:00-08:00.
        List<String> rows = Files.readAllLines(plan);
        assertTrue(rows.contains("big,ES,2022-01-10T07:00:00Z,2022-01-10T08:00:00Z"), rows.toString());
        List<Instant[]> shards = rows.stream().filter(row -> row.startsWith("s")).map(row -> row.split(","))
                .map(c -> new Instant[] {Instant.parse(c[2]), Instant.parse(c[3])}).toList();
        for (Instant[] a : shards) {
            long running = shards.stream().filter(b -> !b[0].isAfter(a[0]) && b[1].isAfter(a[0])).count();
            assertEquals(1, running, "more than 1000 W at " + a[0] + ": " + rows);
        }
    }

    @Test
    void simulate_batteryText_printsLineAndOnDemandJobs() throws IOException {
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", nightly().toString(),
                "--battery-budget", "ES=1000");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("information battery: 2 of 3 precomputable jobs precomputed"), r.stdout());
        assertTrue(r.stdout().contains("on demand: job big: it draws 5000 W"), r.stdout());
    }

    @Test
    void simulate_withoutPrecomputeColumn_noBatteryKeyAndBudgetNoted() throws IOException {
        Path f = jobs("id,submit,duration_minutes,deadline,power_watts,interruptible,zones",
                "a,2022-01-09T08:00:00Z,120,2022-01-10T08:00:00Z,1000,false,");
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", f.toString(), "--json",
                "--battery-budget", "ES=1000");
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stdout().contains("\"battery\""), r.stdout());
        assertTrue(r.stderr().contains("--battery-budget has no effect"), r.stderr());
    }

    @Test
    void simulate_batteryWithPowerBudget_precomputableJobsLeftToTheBattery() throws IOException {
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", nightly().toString(),
                "--power-budget", "ES=1000", "--battery-budget", "ES=6000", "--time-limit", "5", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        assertEquals(0.0, j.get("infeasibleJobs"), r.stdout());
        assertEquals(3.0, j.get("battery.precomputedJobs"), r.stdout());
        assertTrue(j.containsKey("optimalityGap.status"), r.stdout());
    }

    @Test
    void simulate_badPrecompute_exits2NamingLineAndColumn() throws IOException {
        Path f = jobs(HEADER, "a,2022-01-09T18:00:00Z,120,2022-01-10T08:00:00Z,1000,false,,maybe");
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", f.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("line 2 column 8 (precompute): 'maybe' is not true or false"), r.stderr());
    }

    @Test
    void simulate_batteryBudgetWithoutTrace_exits2() throws IOException {
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", nightly().toString(),
                "--battery-budget", "DE=1000");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("battery budget for zone DE, which has no trace"), r.stderr());
    }

    @Test
    void simulate_badBatteryBudget_exits2NamingValue() throws IOException {
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", nightly().toString(),
                "--battery-budget", "ES=lots");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--battery-budget: 'lots' is not a number of watts"), r.stderr());
        Cli.Result negative = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", nightly().toString(),
                "--battery-budget", "ES=-5");
        assertEquals(2, negative.exitCode(), negative.stderr());
        assertTrue(negative.stderr().contains("battery budget of zone ES is -5.0 W"), negative.stderr());
    }
}
