package dev.greenloop.cli.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenloop limits} on a GPU, in child JVMs, against the stand-in NVML the meter module's build compiles
 * (meter/target/fake-nvml). The stand-in keeps a GPU's limit in its state file, so it outlives each process as the
 * driver's does.
 */
class GpuLimitsIT {

    @TempDir
    Path dir;

    private Path state;
    private Cli cli;

    @BeforeEach
    void fake() throws IOException {
        String built = System.getProperty("fake.nvml.dir");
        Path library = Path.of(built == null ? "missing" : built, "libfake-nvml.so");
        assertTrue(Files.isRegularFile(library), "the stand-in NVML was not built: " + library + "; build the meter module first");
        state = dir.resolve("nvml-state.txt");
        Files.writeString(state, "gpus=1\ngpu0.uuid=GPU-aaaa\ngpu0.limit_mw=400000\ngpu0.default_limit_mw=400000\n"
                + "gpu0.min_limit_mw=150000\ngpu0.max_limit_mw=400000\n");
        cli = new Cli(dir.resolve("home")).env("GREENLOOP_SYSFS_ROOT", dir.resolve("no-sys").toString())
                .env("GREENLOOP_NVML_LIBRARY", library.toString()).env("FAKE_NVML_STATE", state.toString());
    }

    @Test
    void setListRestore_gpu0() throws IOException {
        Cli.Result set = cli.run("limits", "set", "--component", "gpu-0", "--watts", "250");
        assertEquals(0, set.exitCode(), set.stderr());

        Cli.Result list = cli.run("limits", "list", "--json");
        String json = list.stdout().replaceAll("\\s", "");
        assertTrue(json.contains("\"currentMicrowatts\":250000000") && json.contains("\"defaultMicrowatts\":400000000")
                && json.contains("\"minMicrowatts\":150000000"), list.stdout());

        Cli.Result restore = cli.run("limits", "restore", "--component", "gpu-0");
        assertEquals(0, restore.exitCode(), restore.stderr());
        assertTrue(Files.readString(state).strip().endsWith("gpu0.mgmt_limit_mw=400000"), Files.readString(state));
    }

    @Test
    void set_noPermission_exit1NamingTheGpuAndAudited() throws IOException {
        Cli.Result r = cli.env("FAKE_NVML_SET_FAIL", "NO_PERMISSION").run("limits", "set", "--component", "gpu-0", "--watts", "250");

        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("permission denied") && r.stderr().contains("gpu 0 (GPU-aaaa)") && r.stderr().contains("root"),
                r.stderr());
        String audit = Files.readString(cli.home().resolve("audit.log"));
        assertTrue(audit.contains("\"result\":\"failed\"") && audit.contains("NO_PERMISSION"), audit);
    }
}
