package dev.greenloop.cli.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code measure} and {@code sources} with two GPUs, through the real NVML binding loading the C
 * stand-in library that the meter module's build compiles (meter/target/fake-nvml).
 */
class GpuMeasureIT {

    @TempDir
    Path home;

    private Path library;
    private Path state;

    @BeforeEach
    void fake() throws IOException {
        String dir = System.getProperty("fake.nvml.dir");
        assertTrue(dir != null && Files.isRegularFile(Path.of(dir, "libfake-nvml.so")),
                "the stand-in libnvidia-ml is built by the meter module's tests (mvn verify builds it); not found in " + dir);
        library = Path.of(dir, "libfake-nvml.so");
        state = home.resolve("nvml.state");
        Files.writeString(state, """
                gpus=2
                driver=550.54.15
                gpu0.name=NVIDIA H100 80GB HBM3
                gpu0.uuid=GPU-00000000-0000-0000-0000-000000000000
                gpu0.energy_mj=1000000
                gpu0.power_mw=250000
                gpu0.limit_mw=700000
                gpu0.procs=
                gpu1.name=NVIDIA H100 80GB HBM3
                gpu1.uuid=GPU-11111111-1111-1111-1111-111111111111
                gpu1.energy_mj=5000000
                gpu1.power_mw=25000
                gpu1.limit_mw=700000
                gpu1.procs=
                """);
    }

    private Cli cli() {
        return new Cli(home.resolve("h")).env("GREENLOOP_NVML_LIBRARY", library.toString()).env("FAKE_NVML_STATE", state.toString());
    }

    @Test
    void measure_commandOnGpu0_gpuEnergyMeasuredAndAttributedByProcessList() throws IOException {
        // gpu-0 draws 25 W before the command; the command registers itself on gpu-0, then both counters advance before it ends.
        Files.writeString(state, Files.readString(state).replace("gpu0.power_mw=250000", "gpu0.power_mw=25000"));
        String script = "sed -i \"s/^gpu0.procs=.*/gpu0.procs=$$:1073741824/\" " + state + "; sleep 1.2; "
                + "sed -i 's/^gpu0.energy_mj=.*/gpu0.energy_mj=1300000/; s/^gpu1.energy_mj=.*/gpu1.energy_mj=5070000/' " + state
                + "; sleep 1.2";
        var r = cli().run("measure", "--json", "--", "sh", "-c", script);
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> j = Json.flatten(Json.jsonPart(r.stdout()));
        int n = (Integer) j.get("energy.components.length");
        double gpu0 = -1;
        double gpu0Process = -1;
        double gpu0Idle = -1;
        double gpu1 = -1;
        double gpu1Process = -1;
        for (int i = 0; i < n; i++) {
            String c = "energy.components[" + i + "].";
            if ("gpu-0".equals(j.get(c + "name"))) {
                assertEquals("gpu", j.get(c + "scope"));
                assertEquals("measured", j.get(c + "provenance"));
                gpu0 = (double) j.get(c + "joules");
                gpu0Process = (double) j.get(c + "processJoules");
                gpu0Idle = (double) j.get(c + "idleJoules");
                assertEquals("baseline-power", j.get(c + "idleRule"));
            }
            if ("gpu-1".equals(j.get(c + "name"))) {
                gpu1 = (double) j.get(c + "joules");
                gpu1Process = (double) j.get(c + "processJoules");
            }
        }
        assertEquals(300, gpu0, 1e-9, "counter moved 300,000 mJ");
        assertEquals(70, gpu1, 1e-9);
        // gpu-0 drew 25 W before the command: its idle power, × the ~2.4 s run, at most each interval's energy
        // (the counter stands still after its one step, so the last second adds no idle energy).
        assertTrue(gpu0Idle >= 25 * 1.0 && gpu0Idle <= 25 * 2.6, "idle " + gpu0Idle);
        assertEquals(300 - gpu0Idle, gpu0Process, 1e-9, "the command is the only process on gpu-0: all of the power above idle");
        assertEquals(0, gpu1Process, 1e-9, "no process on gpu-1: idle energy is unattributed");
    }

    @Test
    void sources_listsEachGpuWithDriverPowerLimitAndCapabilities() throws IOException {
        var r = cli().run("sources");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("NVIDIA H100 80GB HBM3"), r.stdout());
        assertTrue(r.stdout().contains("550.54.15"), r.stdout());
        assertTrue(r.stdout().contains("250 W") && r.stdout().contains("700 W"), r.stdout());
        assertTrue(r.stdout().contains("energy-counter"), r.stdout());
        var json = cli().run("sources", "--json");
        Map<String, Object> j = Json.flatten(json.stdout());
        assertEquals(2, j.get("gpus.length"));
        assertEquals("GPU-11111111-1111-1111-1111-111111111111", j.get("gpus[1].uuid"));
        assertEquals(250.0, j.get("gpus[0].powerWatts"));
    }

    @Test
    void measure_withoutNvmlLibrary_worksAsBefore() {
        var r = new Cli(home.resolve("h2")).env("GREENLOOP_NVML_LIBRARY", home.resolve("no-such-libnvidia-ml.so").toString())
                .run("measure", "--json", "--", "true");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(!r.stdout().contains("gpu-"), r.stdout());
        assertTrue(r.stderr().isBlank() || !r.stderr().toLowerCase().contains("nvml"), "no NVML noise: " + r.stderr());
    }
}
