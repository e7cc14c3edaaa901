package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.testfixtures.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same kind of mistake gets the same answer in every command: exit 2, the option, the value and the fix — a
 * folder given as a file, a missing output folder, a sampling interval below the meter's shortest — never an
 * exception's class name.
 */
class UserMistakesTest {

    @TempDir
    Path home;

    private Cli.Result run(String... args) {
        return Cli.inProcess(home).run(args);
    }

    private static void assertUsage(Cli.Result r, String... says) {
        assertEquals(2, r.exitCode(), r.stderr());
        for (String s : says) {
            assertTrue(r.stderr().contains(s), "'" + s + "' not in: " + r.stderr());
        }
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }

    private Path jobs() throws IOException {
        Path f = home.resolve("jobs.csv");
        Files.writeString(f, """
                id,submit,duration_minutes,deadline,power_watts,interruptible,zones
                a,2022-03-01T00:00:00Z,60,2022-03-01T12:00:00Z,100,false,ES
                """);
        return f;
    }

    @Test
    void simulate_folderAsJobFile_exits2SayingItIsAFolder() {
        String es = "ES=" + SharedData.carbon("em_ES_2022_hourly.csv");
        assertUsage(run("schedule", "simulate", "--trace", es, "--jobs", home.toString()), "--jobs", "is a folder");
    }

    @Test
    void trace_folderAsTraceFile_exits2SayingItIsAFolderNotMissing() throws IOException {
        assertUsage(run("schedule", "simulate", "--trace", "ES=" + home, "--jobs", jobs().toString()), "--trace", "is a folder");
        assertUsage(run("intensity", "now", "--zone", "ES", "--trace", "ES=" + home), "--trace", "is a folder");
    }

    @Test
    void simulate_outInAMissingFolder_exits2NamingTheFolderAndTheFix() throws IOException {
        String es = "ES=" + SharedData.carbon("em_ES_2022_hourly.csv");
        Path out = home.resolve("no-such-folder").resolve("plan.csv");
        assertUsage(run("schedule", "simulate", "--trace", es, "--jobs", jobs().toString(), "--out", out.toString()),
                "no-such-folder does not exist", "create it");
        assertFalse(Files.exists(out.getParent()));
    }

    @Test
    void monitorAndMeasure_intervalBelowTheShortest_exit2TheSameWay() {
        assertUsage(run("monitor", "--interval", "1ms", "--duration", "1s"), "--interval: 1ms is too short", "10ms");
        assertUsage(run("measure", "--interval", "1ms", "--", "true"), "--interval: 1ms is too short", "10ms");
    }
}
