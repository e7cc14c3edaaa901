package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.greenloop.testfixtures.SharedData;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standard output on a full disk ({@code /dev/full}): every command exits 1 and says so, as a user runs it (child JVM). */
class WriteErrorIT {

    private static final File FULL = new File("/dev/full");
    private static final String MESSAGE = "greenloop: write error: standard output: No space left on device\n";

    @TempDir
    Path home;

    private void assertWriteError(String... args) {
        assumeTrue(FULL.exists());
        Cli.Result r = new Cli(home).runWritingTo(FULL, args);
        assertEquals(1, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
        assertTrue(r.stderr().endsWith(MESSAGE), String.join(" ", args) + ": " + r.stderr());
    }

    @Test
    void zones_json_toAFullDisk_exits1() {
        assertWriteError("zones", "--json");
    }

    @Test
    void runsExport_toAFullDisk_exits1() {
        assertWriteError("runs", "export", "--format", "csv");
    }

    @Test
    void help_toAFullDisk_exits1() {
        assertWriteError("--help");
    }

    @Test
    void scheduleSimulate_json_toAFullDisk_exits1() throws IOException {
        Path jobs = home.resolve("jobs.csv");
        Files.writeString(jobs, "id,submit,duration_minutes,deadline,power_watts,interruptible,zones\n"
                + "a,2022-03-01T08:00:00Z,120,2022-03-02T08:00:00Z,1000,false,\n");
        assertWriteError("schedule", "simulate", "--trace", "ES=" + SharedData.carbon("em_ES_2022_hourly.csv"), "--jobs", jobs.toString(), "--json");
    }

    @Test
    void measure_json_toAFullDisk_exits1() {
        assertWriteError("measure", "--json", "--", "true");
    }

    @Test
    void zones_toAReaderThatWentAway_endsQuietlyWith141LikeAPipedGnuTool() throws Exception {
        // greenloop zones | head -0: the reader is gone before anything is written.
        Process p = new Cli(home).start("zones");
        p.getInputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "zones did not end");
        assertEquals(141, p.exitValue(), err);
        org.junit.jupiter.api.Assertions.assertFalse(err.contains("write error"), err);
    }
}
