package dev.greenloop.cli.recommend;

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

/** {@code greenloop recommendations} in process, on the fake powercap tree with 30 minutes of a hot package. */
class RecommendationsCommandTest {

    private static final String ID = "cap-power:cpu-package-0";

    @TempDir
    Path dir;

    private Cli cli;
    private Path longTerm;

    @BeforeEach
    void seed() throws IOException {
        Path sys = Cli.fakePowercap(dir.resolve("sys"), 1);
        longTerm = sys.resolve("devices/virtual/powercap/intel-rapl/intel-rapl:0/constraint_0_power_limit_uw");
        cli = Cli.inProcess(dir.resolve("home")).env("GREENLOOP_SYSFS_ROOT", sys.toString())
                .env("GREENLOOP_NVML_LIBRARY", dir.resolve("no-nvml.so").toString());
        HotPackage.seed(dir.resolve("home"), "this-node");
    }

    private String limit() throws IOException {
        return Files.readString(longTerm).strip();
    }

    @Test
    void list_showsTheCapWithItsEstimatedRangeAndEvidence() {
        Cli.Result r = cli.run("recommendations", "list", "--node", "this-node");

        assertEquals(0, r.exitCode(), r.stderr());
        // 30 min at 90 W, 14 W above the 76 W line: 25.2 kJ in 1800 s -> x 336 = 8.467 MJ = 2.35 kWh a week at most.
        assertTrue(r.stdout().contains(ID) && r.stdout().contains("1.18 (0.00–2.35)") && r.stdout().contains("more than 76 W"), r.stdout());
        assertTrue(r.stdout().contains("Estimated"), r.stdout());
    }

    @Test
    void listJson_labelsTheEstimate() {
        Cli.Result r = cli.run("recommendations", "list", "--node", "this-node", "--json");

        assertEquals(0, r.exitCode(), r.stderr());
        String json = r.stdout().replaceAll("\\s", "");
        assertTrue(json.contains("\"id\":\"cap-power:cpu-package-0\"") && json.contains("\"label\":\"estimated\"")
                && json.contains("\"change\":\"cap|cpu-package-0|long_term|76.0\""), json);
    }

    @Test
    void accept_dryRunByDefault_thenApply_writesTheLimitFile() throws IOException {
        assertEquals(0, cli.run("recommendations", "list", "--node", "this-node").exitCode());

        Cli.Result dry = cli.run("recommendations", "accept", ID, "--node", "this-node");
        assertEquals(0, dry.exitCode(), dry.stderr());
        assertTrue(dry.stdout().contains("(dry run)") && dry.stdout().contains("would change cpu-package-0 long_term") && dry.stdout().contains(
                "95 W -> 76 W"), dry.stdout());
        assertEquals("95000000", limit(), "a dry run leaves the file alone");

        Cli.Result applied = cli.run("recommendations", "accept", ID, "--apply", "--node", "this-node");
        assertEquals(0, applied.exitCode(), applied.stderr());
        assertEquals("76000000", limit());
        assertTrue(applied.stdout().contains("-> applied"), applied.stdout());
        String audit = Files.readString(dir.resolve("home/audit.log"));
        assertTrue(audit.contains("\"action\":\"recommendation-accept\"") && audit.contains("\"action\":\"set\"")
                && audit.contains("\"action\":\"recommendation-apply\""), audit);
    }

    @Test
    void badInput_exit2_namingTheValue() {
        Cli.Result unknown = cli.run("recommendations", "dismiss", "nope", "--node", "this-node");
        assertEquals(2, unknown.exitCode(), unknown.stderr());
        assertTrue(unknown.stderr().contains("no recommendation 'nope'"), unknown.stderr());
        Cli.Result kind = cli.run("recommendations", "automate", "turbo", "--on", "--signal", "file:/x");
        assertEquals(2, kind.exitCode(), kind.stderr());
        assertTrue(kind.stderr().contains("unknown recommendation kind 'turbo'"), kind.stderr());
        Cli.Result noSignal = cli.run("recommendations", "automate", "cap-power", "--on");
        assertEquals(2, noSignal.exitCode(), noSignal.stderr());
        assertTrue(noSignal.stderr().contains("--signal is missing"), noSignal.stderr());
        assertFalse(noSignal.stderr().contains("\tat "), noSignal.stderr());
    }
}
