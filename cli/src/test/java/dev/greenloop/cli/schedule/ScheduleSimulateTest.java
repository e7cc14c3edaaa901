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

/** {@code greenloop schedule simulate} on the shared Spanish 2022 trace, in process (Main.run). */
class ScheduleSimulateTest {

    private static final String HEADER = "id,submit,duration_minutes,deadline,power_watts,interruptible,zones";

    @TempDir
    Path home;

    private static Path spain() {
        return SharedData.carbon("em_ES_2022_hourly.csv");
    }


    private Path jobs(String... rows) throws IOException {
        Path f = home.resolve("jobs.csv");
        Files.writeString(f, HEADER + "\n" + String.join("\n", rows) + "\n");
        return f;
    }

    @Test
    void simulate_json_reportsSavingsAndInfeasibleJobs() throws IOException {
        Path jobs = jobs("a,2022-03-01T08:00:00Z,120,2022-03-02T08:00:00Z,1000,false,",
                "b,2022-06-01T12:00:00Z,240,2022-06-03T00:00:00Z,500,true,ES",
                "c,2022-06-01T12:00:00Z,240,2022-06-01T13:00:00Z,500,false,",
                "d,2022-06-01T12:00:00Z,60,2022-06-01T20:00:00Z,500,false,DE");
        Path plan = home.resolve("plan.csv");
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", jobs.toString(),
                "--policy", "optimal", "--out", plan.toString(), "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(r.stdout());
        assertEquals("optimal", j.get("policy"));
        assertEquals(4.0, j.get("jobs"));
        assertEquals(2.0, j.get("infeasibleJobs"));
        assertEquals(0.0, j.get("missedDeadlines"));
        assertTrue((Double) j.get("savingsPercent") > 0, r.stdout());
        assertTrue((Double) j.get("grams") < (Double) j.get("baselineGrams"), r.stdout());
        assertTrue(j.get("infeasible[1].reason").toString().contains("zone DE has no trace"), r.stdout());
        List<String> rows = Files.readAllLines(plan);
        assertEquals("id,zone,start,end", rows.getFirst());
        assertTrue(rows.size() >= 3 && rows.get(1).startsWith("a,ES,2022-03-0"), rows.toString());
    }

    @Test
    void simulate_outOnAFullDisk_exits1NamingTheFile() throws IOException {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full));
        Path jobs = jobs("a,2022-03-01T08:00:00Z,120,2022-03-02T08:00:00Z,1000,false,");
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", jobs.toString(),
                "--out", full.toString(), "--json");
        assertEquals(1, r.exitCode(), r.stderr());
        assertEquals("greenloop: write error: /dev/full: No space left on device\n", r.stderr());
    }

    @Test
    void simulate_outAndPlotInAnUnwritableDirectory_exit1LeavingNothing() throws IOException {
        // Root may write wherever a mode allows; /sys refuses new files even to root.
        Path dir = Path.of("/sys");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir) && !Files.exists(dir.resolve("plan.csv")));
        Path jobs = jobs("a,2022-03-01T08:00:00Z,120,2022-03-02T08:00:00Z,1000,false,");
        for (String flag : List.of("--out", "--plot")) {
            String file = dir.resolve(flag.equals("--out") ? "plan.csv" : "plan.svg").toString();
            Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", jobs.toString(), flag, file);
            assertEquals(1, r.exitCode(), r.stderr());
            assertEquals("greenloop: write error: " + file + ": Permission denied\n", r.stderr());
            assertTrue(Files.notExists(Path.of(file)));
        }
    }

    @Test
    void simulate_text_printsSummaryTable() throws IOException {
        Path jobs = jobs("a,2022-03-01T08:00:00Z,120,2022-03-02T08:00:00Z,1000,false,");
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", jobs.toString(),
                "--policy", "threshold", "--threshold", "150");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("threshold") && r.stdout().contains("savings"), r.stdout());
    }

    @Test
    void simulate_badRow_exits2NamingLineAndColumn() throws IOException {
        Path jobs = jobs("a,2022-03-01T08:00:00Z,lots,2022-03-02T08:00:00Z,1000,false,");
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", jobs.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("line 2 column 3 (duration_minutes): 'lots'"), r.stderr());
    }

    @Test
    void simulate_capacityWithLwa_exits2NamingOptimal() throws IOException {
        Path jobs = jobs("a,2022-03-01T08:00:00Z,120,2022-03-02T08:00:00Z,1000,false,");
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", jobs.toString(), "--capacity", "ES=2",
                "--policy", "lwa");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("apply to --policy optimal"), r.stderr());
    }

    @Test
    void simulate_unknownPolicy_exits2ListingPolicies() throws IOException {
        Path jobs = jobs("a,2022-03-01T08:00:00Z,120,2022-03-02T08:00:00Z,1000,false,");
        Cli.Result r = Cli.inProcess(home).run("schedule", "simulate", "--trace", "ES=" + spain(), "--jobs", jobs.toString(), "--policy", "fast");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("unknown policy 'fast'; use one of agnostic, optimal, greedy, threshold, lwa"), r.stderr());
    }
}
