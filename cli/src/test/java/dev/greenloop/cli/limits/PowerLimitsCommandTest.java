package dev.greenloop.cli.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop limits} in process, on the fake one-package powercap tree, without NVML. */
class PowerLimitsCommandTest {

    @TempDir
    Path dir;

    private Cli cli;
    private Path longTerm;

    @BeforeEach
    void tree() throws IOException {
        Path sys = Cli.fakePowercap(dir.resolve("sys"), 1);
        longTerm = sys.resolve("devices/virtual/powercap/intel-rapl/intel-rapl:0/constraint_0_power_limit_uw");
        cli = Cli.inProcess(dir.resolve("home")).env("GREENLOOP_SYSFS_ROOT", sys.toString())
                .env("GREENLOOP_NVML_LIBRARY", dir.resolve("no-nvml.so").toString());
    }

    private String longTermNow() throws IOException {
        return Files.readString(longTerm).strip();
    }

    private static void assertUsage(Cli.Result r, String... says) {
        assertEquals(2, r.exitCode(), r.stderr());
        for (String s : says) {
            assertTrue(r.stderr().contains(s), "stderr lacks '" + s + "': " + r.stderr());
        }
        assertFalse(r.stderr().contains("\tat "), "a stack trace: " + r.stderr());
    }

    @Test
    void list_tableOfBothConstraints_andANoteOnNvml() {
        Cli.Result r = cli.run("limits", "list");

        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("cpu-package-0") && r.stdout().contains("long_term") && r.stdout().contains("95 W")
                && r.stdout().contains("125 W") && r.stdout().contains("short_term") && r.stdout().contains("120 W"), r.stdout());
        assertTrue(r.stdout().contains("note:") && r.stdout().contains("no-nvml.so"), r.stdout());
    }

    @Test
    void listJson_microwattsAndFindings() {
        Cli.Result r = cli.run("limits", "list", "--json");

        assertEquals(0, r.exitCode(), r.stderr());
        String json = r.stdout().replaceAll("\\s", "");
        assertTrue(json.contains("\"component\":\"cpu-package-0\"") && json.contains("\"currentMicrowatts\":95000000")
                && json.contains("\"maxMicrowatts\":125000000") && json.contains("\"findings\":["), r.stdout());
    }

    @Test
    void setDryRun_saysWhatWouldChange_changesNothing() throws IOException {
        Cli.Result r = cli.run("limits", "set", "--component", "cpu-package-0", "--watts", "80", "--dry-run");

        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("would set cpu-package-0 long_term from 95 W to 80 W"), r.stdout());
        assertEquals("95000000", longTermNow());
        assertFalse(Files.exists(cli.home().resolve("audit.log")));
    }

    @Test
    void set_thenRestore_roundTripsThroughTheAuditLog() throws IOException {
        Cli.Result set = cli.run("limits", "set", "--component", "cpu-package-0", "--watts", "72.5");
        assertEquals(0, set.exitCode(), set.stderr());
        assertEquals("72500000", longTermNow());
        assertTrue(set.stdout().contains("from 95 W to 72.5 W") && set.stdout().contains("greenloop limits restore"), set.stdout());
        assertEquals(1, Files.readAllLines(cli.home().resolve("audit.log")).size());

        Cli.Result restore = cli.run("limits", "restore", "--component", "cpu-package-0");

        assertEquals(0, restore.exitCode(), restore.stderr());
        assertEquals("95000000", longTermNow());
        assertTrue(restore.stdout().contains("from 72.5 W to 95 W"), restore.stdout());
        assertEquals(2, Files.readAllLines(cli.home().resolve("audit.log")).size());
    }

    @Test
    void setShortTerm_constraintChosenByName() throws IOException {
        Cli.Result r = cli.run("limits", "set", "--component", "cpu-package-0", "--constraint", "short_term", "--watts", "110");

        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("95000000", longTermNow());
    }

    @Test
    void set_aboveMaximum_exit2NamingValueAndRange() throws IOException {
        assertUsage(cli.run("limits", "set", "--component", "cpu-package-0", "--watts", "300"), "300 W", "[0 W, 125 W]");
        assertEquals("95000000", longTermNow());
    }

    @Test
    void set_negative_exit2() {
        assertUsage(cli.run("limits", "set", "--component", "cpu-package-0", "--watts", "-5"), "-5 W");
    }

    @Test
    void set_unknownComponent_exit2NamingThoseThereAre() {
        assertUsage(cli.run("limits", "set", "--component", "gpu-3", "--watts", "100"), "gpu-3", "cpu-package-0");
    }

    @Test
    void set_unknownConstraint_exit2() {
        assertUsage(cli.run("limits", "set", "--component", "cpu-package-0", "--constraint", "peak", "--watts", "100"), "peak", "long_term");
    }

    @Test
    void set_badFlags_exit2() {
        assertUsage(cli.run("limits", "set", "--component", "cpu-package-0", "--watts", "lots"), "lots");
        assertUsage(cli.run("limits", "set", "--watts", "80"), "--component");
        assertUsage(cli.run("limits", "set", "--component", "cpu-package-0", "--watts", "NaN"), "NaN");
        assertUsage(cli.run("limits", "list", "--jsn"), "--jsn");
    }

    @Test
    void restore_nothingRecorded_exit2() {
        assertUsage(cli.run("limits", "restore", "--component", "cpu-package-0"), "no change of cpu-package-0");
    }

    @Test
    void set_auditLogUnwritable_exit1AndRolledBack() throws IOException {
        Files.createDirectories(cli.home().resolve("audit.log"));

        Cli.Result r = cli.run("limits", "set", "--component", "cpu-package-0", "--watts", "80");

        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("audit.log") && r.stderr().contains("rolled back"), r.stderr());
        assertEquals("95000000", longTermNow());
    }
}
