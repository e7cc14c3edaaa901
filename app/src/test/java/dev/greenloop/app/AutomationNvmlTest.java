package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.Recommendation.Status;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.PowerLimits;
import dev.greenloop.store.RecommendationStore;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import dev.greenloop.testfixtures.TestClock;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GPU power cap applied through NVML ({@code nvmlDeviceSetPowerManagementLimit}) on the stand-in libnvidia-ml built
 * from meter/src/test/c/fake_nvml.c, then rolled back by verification when throughput falls beyond the bound.
 */
class AutomationNvmlTest {

    @TempDir
    Path dir;

    @Test
    void gpuCap_appliedThroughNvml_thenRolledBackWhenThroughputFalls() throws Throwable {
        Path library = Path.of(System.getProperty("fake.nvml.dir", "target/fake-nvml"), "libfake-nvml.so").toAbsolutePath();
        assertTrue(Files.isRegularFile(library), "the stand-in NVML was not built: " + library);
        Path state = dir.resolve("nvml-state.txt");
        Files.writeString(state, String.join("\n", "gpus=1", "gpu0.name=Fake H100", "gpu0.uuid=GPU-0000", "gpu0.energy_mj=1000",
                "gpu0.power_mw=650000", "gpu0.limit_mw=700000", "gpu0.default_limit_mw=700000", "gpu0.min_limit_mw=200000",
                "gpu0.max_limit_mw=700000", ""));
        try (Arena arena = Arena.ofShared()) {
            // Keep the library loaded and point it at this test's state file; the binding's dlopen of the same path shares it.
            MethodHandle setState = Linker.nativeLinker().downcallHandle(SymbolLookup.libraryLookup(library, arena)
                    .findOrThrow("fake_nvml_set_state_file"), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
            MemorySegment path = arena.allocateFrom(state.toString());
            setState.invokeExact(path);

            TestClock clock = new TestClock(AutomationTest.T0);
            Path audit = dir.resolve("home/audit.log");
            MeterConfig config = new MeterConfig(dir.resolve("sys"), dir.resolve("proc"), Duration.ofSeconds(1),
                    Map.of("GREENLOOP_NVML_LIBRARY", library.toString()));
            try (PowerLimitService limits = new PowerLimitService(PowerLimits.open(config, clock), audit, "ana", null, clock);
                    RecommendationStore store = Stores.openRecommendations(new StoreConfig(Optional.empty(), dir.resolve("home")))) {
                store.upsert(AutomationTest.cap("gpu-0", "power_limit", 560));
                Automation.Window[] windows = {new Automation.Window(3.6e6, 1000, OptionalDouble.empty()),
                        new Automation.Window(3.0e6, 600, OptionalDouble.empty())};
                Automation a = new Automation(store, () -> limits, () -> null,
                        (r, signal, from, to) -> from.isBefore(AutomationTest.T0) ? windows[0] : windows[1], audit, clock);
                a.automate(Recommendation.Kind.CAP_POWER, true, true, 20, "file:/served.log", Duration.ofMinutes(10), "ana");

                Automation.Outcome dry = a.accept("cap-power:gpu-0", "ana", true);
                assertEquals(List.of("gpu-0 power_limit (gpu 0 (GPU-0000)): 700 W -> 560 W"), dry.changes());
                assertEquals(700_000_000, limits.list().getFirst().currentMicrowatts(), "a dry run leaves the GPU alone");

                a.accept("cap-power:gpu-0", "ana", false);
                assertEquals(560_000_000, limits.list().getFirst().currentMicrowatts());
                assertTrue(Files.readString(state).contains("gpu0.mgmt_limit_mw=560000"), "the set call reached the stand-in NVML");

                clock.advance(Duration.ofMinutes(10));
                Automation.Outcome o = a.verifyDue().getFirst();

                assertEquals(Status.ROLLED_BACK, o.status(), o.result());
                assertEquals(700_000_000, limits.list().getFirst().currentMicrowatts(), "the GPU's limit is back");
                String log = Files.readString(audit);
                assertTrue(log.contains("\"action\":\"restore\",\"component\":\"gpu-0\""), log);
                assertTrue(log.contains("\"action\":\"recommendation-rollback\",\"recommendation\":\"cap-power:gpu-0\""), log);
            }
        }
    }
}
