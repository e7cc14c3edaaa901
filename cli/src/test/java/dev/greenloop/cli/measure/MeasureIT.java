package dev.greenloop.cli.measure;

import static dev.greenloop.cli.Json.flatten;
import static dev.greenloop.cli.Json.jsonPart;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenloop measure} on real commands: output, exit codes, signals and standard input passed through, and the
 * monitor, end to end in a child JVM; flag and config errors, stored runs and sources in process (Main.run).
 */
class MeasureIT {

    @TempDir
    Path home;

    @Test
    void measureJson_commandOutputThenReport_componentsAddUpAndExitCodePassesThrough() throws IOException {
        var r = new Cli(home).run("measure", "--json", "--name", "demo", "--tag", "team=search", "--", "sh", "-c",
                "echo hello-from-command; i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; exit 3");
        assertEquals(3, r.exitCode(), r.stderr());
        assertTrue(r.stdout().startsWith("hello-from-command\n"), r.stdout());
        Map<String, Object> j = flatten(jsonPart(r.stdout()));
        assertEquals(3.0, j.get("exitCode"));
        assertEquals("demo", j.get("name"));
        assertEquals("search", j.get("tags.team"));
        assertEquals("sh", j.get("command[0]"));
        assertTrue(((String) j.get("startedAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), (String) j.get("startedAt"));
        assertTrue(((String) j.get("endedAt")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertTrue((double) j.get("durationSeconds") > 0);
        assertTrue(j.get("runId") instanceof Double, "runId should be a number: " + j.get("runId") + " / " + r.stderr());
        int n = ((Integer) j.get("energy.components.length"));
        assertTrue(n >= 1);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            String c = "energy.components[" + i + "].";
            assertTrue(List.of("cpu-package", "dram", "psys", "cpu", "memory", "gpu").contains(j.get(c + "scope")), "scope " + j.get(c + "scope"));
            assertTrue(List.of("measured", "derived", "modelled").contains(j.get(c + "provenance")));
            if ("modelled".equals(j.get(c + "provenance"))) {
                String range = c + " min " + j.get(c + "minJoules") + " energy " + j.get(c + "joules") + " max " + j.get(c + "maxJoules");
                assertTrue((double) j.get(c + "minJoules") <= (double) j.get(c + "joules"), range);
                assertTrue((double) j.get(c + "maxJoules") >= (double) j.get(c + "joules"), range);
            }
            sum += (double) j.get(c + "joules");
        }
        double total = (double) j.get("energy.totalJoules");
        assertEquals(total, sum, 1e-9 * Math.max(1, total));
        assertTrue(total > 0, "a busy shell loop uses energy");
        double process = (double) j.get("process.joules");
        assertTrue(process > 0 && process <= total + 1e-9, "process " + process + " of " + total);
        assertEquals(total, process + (double) j.get("process.unattributedJoules"), 1e-9 * Math.max(1, total));
        assertEquals("DE", j.get("carbon.zone"));
        assertTrue((double) j.get("carbon.gramsPerKWh") > 0);
        assertEquals(1.0, j.get("carbon.pue"));
        double grams = (double) j.get("carbon.grams");
        assertEquals(total / 3.6e6 * (double) j.get("carbon.gramsPerKWh"), grams, 1e-9 * Math.max(1, grams));
        assertFalse(((String) j.get("carbon.signal")).isEmpty());
        assertFalse(((String) j.get("carbon.source")).isEmpty());
    }

    @Test
    void measure_withRaplCounter_reportsMeasuredPackageEnergyExactly() throws IOException {
        Path sys = Cli.fakePowercap(home.resolve("sys"), 1_000_000);
        Path counter = sys.resolve("devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj");
        var r = Cli.inProcess(home.resolve("h")).env("GREENLOOP_SYSFS_ROOT", sys.toString())
                .run("measure", "--json", "--", "sh", "-c", "sleep 1.5; echo 5250000 > " + counter); // after the first reading, even on a loaded machine
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = flatten(jsonPart(r.stdout()));
        assertEquals("cpu-package-0", j.get("energy.components[0].name"));
        assertEquals("measured", j.get("energy.components[0].provenance"));
        assertEquals(4.25, (double) j.get("energy.components[0].joules"), 1e-9);
        // No DRAM domain: memory is modelled, and said so.
        assertEquals("memory", j.get("energy.components[1].name"));
        assertEquals("modelled", j.get("energy.components[1].provenance"));
        assertEquals("modelled", j.get("energy.provenance"));
    }

    @Test
    void measure_commandNotFound_exits127WithMessage() {
        var r = Cli.inProcess(home).run("measure", "--", "no-such-command-greenloop");
        assertEquals(127, r.exitCode());
        assertTrue(r.stderr().contains("cannot run 'no-such-command-greenloop'"), r.stderr());
        assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
    }

    @Test
    void measure_stdinAndStdoutPassThrough() {
        var r = new Cli(home).runWithInput("line one\nline two\n", "measure", "--", "cat");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("line one\nline two\n", r.stdout());
        assertTrue(r.stderr().contains("total (node)"), "summary table on stderr: " + r.stderr());
    }

    @Test
    void measure_unknownZone_exits2AndSuggests() {
        var r = Cli.inProcess(home).run("measure", "--zone", "GERMANY", "--", "true");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("GERMANY"), r.stderr());
        assertTrue(r.stderr().contains("DE"), r.stderr());
    }

    @Test
    void measure_unknownConfigKey_exits2NamingTheKeyAndTheKnownOnes() throws IOException {
        java.nio.file.Files.writeString(home.resolve("config"), "zoen=DE\n");
        var r = Cli.inProcess(home).run("measure", "--", "true");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("unknown key 'zoen'"), r.stderr());
        assertTrue(r.stderr().contains("zone, pue, db, interval"), r.stderr());
    }

    @Test
    void measure_badFlags_exit2NamingTheValue() {
        var interval = Cli.inProcess(home).run("measure", "--interval", "fast", "--", "true");
        assertEquals(2, interval.exitCode());
        assertTrue(interval.stderr().contains("'fast'"), interval.stderr());
        var pue = Cli.inProcess(home).run("measure", "--pue", "0.5", "--", "true");
        assertEquals(2, pue.exitCode());
        assertTrue(pue.stderr().contains("0.5"), pue.stderr());
        var tag = Cli.inProcess(home).run("measure", "--tag", "oops", "--", "true");
        assertEquals(2, tag.exitCode());
        assertTrue(tag.stderr().contains("'oops'"), tag.stderr());
        var none = Cli.inProcess(home).run("measure");
        assertEquals(2, none.exitCode());
    }

    @Test
    void measure_sigtermToGreenloop_reachesCommandAndReportIsStillWritten() throws Exception {
        Cli cli = new Cli(home);
        Path ready = home.resolve("ready");
        Process p = cli.start("measure", "--json", "--", "sh", "-c", "trap 'echo got-term; exit 42' TERM; touch '" + ready + "'; sleep 30 & wait");
        var out = Cli.drain(p.getInputStream());
        var err = Cli.drain(p.getErrorStream());
        // Signalled once the command runs: a SIGTERM during the JVM's own start-up (before any handler can exist)
        // ends greenloop with 143, as docs/reliability.md says.
        awaitFile(ready, p);
        new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "greenloop did not end after SIGTERM");
        String stdout = out.join();
        assertEquals(42, p.exitValue(), err.join());
        assertTrue(stdout.startsWith("got-term"), stdout);
        Map<String, Object> j = flatten(jsonPart(stdout));
        assertEquals(42.0, j.get("exitCode"));
        var list = cli.run("runs", "list", "--json");
        assertTrue(list.stdout().contains("\"exitCode\" : 42"), list.stdout());
    }

    @Test
    void measure_sigusr1ToGreenloop_reachesCommandAndGreenloopSurvives() throws Exception {
        Cli cli = new Cli(home);
        Path ready = home.resolve("ready");
        Process p = cli.start("measure", "--json", "--", "sh", "-c", "trap 'echo got-usr1; exit 43' USR1; touch '" + ready + "'; sleep 30 & wait");
        var out = Cli.drain(p.getInputStream());
        var err = Cli.drain(p.getErrorStream());
        awaitFile(ready, p);
        new ProcessBuilder("kill", "-USR1", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "greenloop did not end after the command ended on SIGUSR1");
        String stdout = out.join();
        assertEquals(43, p.exitValue(), err.join());
        assertTrue(stdout.startsWith("got-usr1"), stdout);
        assertEquals(43.0, flatten(jsonPart(stdout)).get("exitCode"));
        var list = cli.run("runs", "list", "--json");
        assertTrue(list.stdout().contains("\"exitCode\" : 43"), list.stdout());
    }

    @Test
    void measure_sigquitToGreenloop_threadDumpGoesToStderrAndTheReportStaysClean() throws Exception {
        Cli cli = new Cli(home);
        Path ready = home.resolve("ready");
        Process p = cli.startWithLauncher("measure", "--json", "--", "sh", "-c", "touch '" + ready + "'; sleep 2");
        var out = Cli.drain(p.getInputStream());
        var err = Cli.drain(p.getErrorStream());
        awaitFile(ready, p);
        new ProcessBuilder("kill", "-QUIT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "greenloop did not end");
        String stdout = out.join();
        String stderr = err.join();
        assertEquals(0, p.exitValue(), stderr);
        assertFalse(stdout.contains("thread dump"), stdout);
        assertTrue(stderr.contains("Full thread dump"), stderr); // the JVM got it: the launcher sent its dump to stderr
        assertEquals(0.0, flatten(jsonPart(stdout)).get("exitCode"));
    }

    @Test
    void runs_listShowExport_readBackStoredRuns() throws IOException {
        Cli cli = Cli.inProcess(home);
        assertEquals(0, cli.run("measure", "--name", "first, \"quoted\"", "--", "true").exitCode());
        assertEquals(1, cli.run("measure", "--name", "second", "--", "false").exitCode());
        var list = cli.run("runs", "list");
        assertEquals(0, list.exitCode(), list.stderr());
        assertTrue(list.stdout().contains("second") && list.stdout().contains("first"), list.stdout());
        assertTrue(list.stdout().indexOf("second") < list.stdout().indexOf("first"), "newest first");

        var show = cli.run("runs", "show", "1", "--json");
        assertEquals(0, show.exitCode(), show.stderr());
        Map<String, Object> j = flatten(show.stdout());
        assertEquals(1.0, j.get("runId"));
        assertEquals("first, \"quoted\"", j.get("name"));

        var csv = cli.run("runs", "export", "--format", "csv");
        assertEquals(0, csv.exitCode(), csv.stderr());
        String[] lines = csv.stdout().split("\r\n");
        assertEquals(3, lines.length, csv.stdout());
        assertTrue(lines[0].startsWith("run_id,name,status"));
        assertTrue(lines[0].contains("energy_joules,energy_kwh"));
        assertTrue(lines[0].contains("emissions_grams"));
        assertTrue(csv.stdout().contains("\"first, \"\"quoted\"\"\""), csv.stdout());

        var since = cli.run("runs", "export", "--format", "json", "--since", "2000-01-01");
        assertEquals(0, since.exitCode());
        assertEquals(2, flatten(since.stdout()).get(".length"));
        var future = cli.run("runs", "export", "--format", "json", "--since", "2999-01-01");
        assertEquals(0, flatten(future.stdout()).get(".length"));

        var missing = cli.run("runs", "show", "99");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.stderr().contains("99"), missing.stderr());
        var badFormat = cli.run("runs", "export", "--format", "xml");
        assertEquals(2, badFormat.exitCode());
        assertTrue(badFormat.stderr().contains("'xml'"));
        var badSince = cli.run("runs", "list", "--since", "yesterday");
        assertEquals(2, badSince.exitCode());
        assertTrue(badSince.stderr().contains("'yesterday'"));
    }

    @Test
    void sources_withoutCounters_saysWhyAndWhatToDo() {
        var r = Cli.inProcess(home).env("GREENLOOP_SYSFS_ROOT", home.resolve("empty-sys").toString()).run("sources");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("modelled"), r.stdout());
        assertTrue(r.stdout().contains("unavailable"), r.stdout());
        assertTrue(r.stdout().contains("fix:"), r.stdout());
    }

    @Test
    void monitor_forDuration_storesNodeSamples() throws IOException {
        var r = new Cli(home).run("monitor", "--interval", "100ms", "--duration", "1s");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("samples over"), r.stderr());
        assertTrue(Files.exists(home.resolve("greenloop.db")));
    }

    @Test
    void version_printsVersion() {
        var r = Cli.inProcess(home).run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().startsWith("greenloop 0."), r.stdout());
    }

    static List<String> lines(String s) {
        return new ArrayList<>(List.of(s.split("\n")));
    }

    /** Waits (at most 60 s) until the measured command has created {@code file}: it runs, and greenloop's handlers are in place. */
    private static void awaitFile(Path file, Process greenloop) throws InterruptedException {
        for (int i = 0; i < 600 && !Files.exists(file); i++) {
            assertTrue(greenloop.isAlive(), "greenloop ended before the command started");
            Thread.sleep(100);
        }
        assertTrue(Files.exists(file), "the command did not start within 60 s");
    }
}
