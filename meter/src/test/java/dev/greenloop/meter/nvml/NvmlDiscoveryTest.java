package dev.greenloop.meter.nvml;

import dev.greenloop.meter.spi.GpuInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Power;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.Finding;
import dev.greenloop.meter.spi.Finding.Status;
import dev.greenloop.meter.spi.ProcessAwareSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvmlDiscoveryTest {

    @TempDir
    Path dir;

    private FakeNvml fake;

    @AfterEach
    void closeFake() {
        if (fake != null) {
            fake.close();
        }
    }

    private FakeNvml fake(String variant) {
        fake = new FakeNvml(dir, variant);
        return fake;
    }

    private static GpuDiscovery discover(Map<String, String> env) {
        return NvmlGpus.discover(env, Duration.ZERO, System::nanoTime);
    }

    private FakeNvml twoGpus(String variant) {
        return fake(variant).set("gpus=2", "driver=550.54.15",
                "gpu0.name=NVIDIA H100 80GB HBM3", "gpu0.uuid=GPU-11111111-aaaa-bbbb-cccc-000000000000",
                "gpu0.energy_mj=123456", "gpu0.power_mw=250000", "gpu0.limit_mw=700000", "gpu0.util=87", "gpu0.procs=",
                "gpu1.name=Tesla P100-PCIE-16GB", "gpu1.uuid=GPU-22222222-aaaa-bbbb-cccc-000000000000",
                "gpu1.energy_mj=unsupported", "gpu1.power_mw=30000", "gpu1.limit_mw=250000", "gpu1.procs=");
    }

    @Test
    void discover_libraryPathMissing_oneUnavailableFindingAndNoSource() {
        GpuDiscovery d = discover(Map.of("GREENLOOP_NVML_LIBRARY", dir.resolve("nope/libnvidia-ml.so.1").toString()));

        assertTrue(d.source().isEmpty());
        assertTrue(d.gpus().isEmpty());
        assertEquals(1, d.findings().size());
        Finding f = d.findings().getFirst();
        assertEquals("nvml", f.source());
        assertEquals(Status.UNAVAILABLE, f.status());
        assertTrue(f.fix().contains("GREENLOOP_NVML_LIBRARY"), f.fix());
        assertTrue(f.fix().contains("NVIDIA container toolkit"), f.fix());
    }

    @Test
    void discover_defaultLibraryNameAbsent_saysNoDriverLibraryOnThisNode() {
        // a name no loader can find stands in for the default on a node without the driver
        GpuDiscovery d = NvmlGpus.discover(Map.of("GREENLOOP_NVML_LIBRARY", "   "), Duration.ZERO, System::nanoTime);
        if (d.source().isPresent()) {
            d.source().get().close(); // this node has a real driver: nothing to check here
            return;
        }
        assertEquals(1, d.findings().size());
        Finding f = d.findings().getFirst();
        assertEquals("libnvidia-ml.so.1", f.subject());
        assertEquals("no NVIDIA driver library (libnvidia-ml.so.1) on this node", f.detail());
    }

    @Test
    void discover_initFails_findingNamesCodeAndDriverText() {
        fake(FakeNvml.FULL).set("init=DRIVER_NOT_LOADED", "gpus=1");

        GpuDiscovery d = discover(fake.env());

        assertTrue(d.source().isEmpty());
        Finding f = d.findings().getFirst();
        assertEquals(Status.UNAVAILABLE, f.status());
        assertEquals("nvmlInit_v2 failed: DRIVER_NOT_LOADED (Driver Not Loaded)", f.detail());
        assertTrue(f.fix().contains("kernel driver"), f.fix());
        assertEquals(0, fake.shutdownCalls(), "nvmlShutdown must not follow a failed init");
    }

    @Test
    void discover_zeroGpus_findingAndShutdown() {
        fake(FakeNvml.FULL).set("gpus=0", "driver=550.54.15");

        GpuDiscovery d = discover(fake.env());

        assertTrue(d.source().isEmpty());
        assertEquals("NVML (driver 550.54.15) lists no GPU on this node", d.findings().getFirst().detail());
        assertEquals(1, fake.shutdownCalls());
    }

    @Test
    void discover_twoGpus_infosComponentsAndProvenance() {
        twoGpus(FakeNvml.FULL);

        GpuDiscovery d = discover(fake.env());
        try (ProcessAwareSource source = d.source().orElseThrow()) {
            assertEquals("nvml", source.id());
            List<Component> c = source.components();
            assertEquals(List.of("gpu-0", "gpu-1"), c.stream().map(Component::name).toList());
            assertEquals(Scope.GPU, c.get(0).scope());
            assertEquals(Provenance.MEASURED, c.get(0).provenance());
            assertEquals(Provenance.DERIVED, c.get(1).provenance());
            assertTrue(c.get(0).description().contains("NVIDIA H100 80GB HBM3"), c.get(0).description());
            assertTrue(c.get(0).description().contains("GPU-11111111-aaaa-bbbb-cccc-000000000000"), c.get(0).description());
            assertTrue(c.get(0).counted());
            assertEquals(Duration.ofHours(1), source.maxReadInterval());
        }
        GpuInfo g0 = d.gpus().get(0);
        assertEquals(0, g0.index());
        assertEquals("NVIDIA H100 80GB HBM3", g0.name());
        assertEquals("550.54.15", g0.driverVersion());
        assertEquals(Optional.of(Power.ofWatts(250)), g0.power());
        assertEquals(Optional.of(Power.ofWatts(700)), g0.powerLimit());
        assertEquals(Map.of("energy-counter", "yes", "power", "yes", "power-limit", "yes", "process-list", "yes",
                "utilization", "yes"), g0.capabilities());
        GpuInfo g1 = d.gpus().get(1);
        assertEquals("no: NOT_SUPPORTED", g1.capabilities().get("energy-counter"));
        assertEquals("no: NOT_SUPPORTED", g1.capabilities().get("utilization"));
        assertEquals(2, d.findings().size());
        assertTrue(d.findings().stream().allMatch(f -> f.status() == Status.USED), d.findings().toString());
        assertTrue(d.findings().get(1).detail().startsWith("derived from power samples (no energy counter: NOT_SUPPORTED)"),
                d.findings().get(1).detail());
    }

    @Test
    void close_calledTwice_shutsNvmlDownOnce() {
        twoGpus(FakeNvml.FULL);
        ProcessAwareSource source = discover(fake.env()).source().orElseThrow();

        source.close();
        source.close();

        assertEquals(1, fake.shutdownCalls());
    }

    @Test
    void discover_energySymbolMissing_capabilityOffOthersWork() {
        twoGpus(FakeNvml.NO_ENERGY);

        GpuDiscovery d = discover(fake.env());
        try (ProcessAwareSource source = d.source().orElseThrow()) {
            assertEquals(Provenance.DERIVED, source.components().get(0).provenance());
            assertEquals(2, source.components().size());
        }
        GpuInfo g0 = d.gpus().get(0);
        assertEquals("no: symbol missing", g0.capabilities().get("energy-counter"));
        assertEquals("yes", g0.capabilities().get("power"));
        assertEquals("yes", g0.capabilities().get("process-list"));
        assertEquals("NVIDIA H100 80GB HBM3", g0.name());
    }

    @Test
    void discover_processSymbolMissing_capabilityOffEnergyStillMeasured() {
        twoGpus(FakeNvml.NO_PROCS);

        GpuDiscovery d = discover(fake.env());
        try (ProcessAwareSource source = d.source().orElseThrow()) {
            assertEquals(Provenance.MEASURED, source.components().get(0).provenance());
        }
        assertEquals("no: symbol missing", d.gpus().get(0).capabilities().get("process-list"));
        assertEquals("yes", d.gpus().get(0).capabilities().get("energy-counter"));
    }

    @Test
    void discover_lostGpu_otherGpuStillUsedAndLostOneExplained() {
        twoGpus(FakeNvml.FULL).set("gpu1.fail=GPU_IS_LOST");

        GpuDiscovery d = discover(fake.env());
        try (ProcessAwareSource source = d.source().orElseThrow()) {
            assertEquals(List.of("gpu-0"), source.components().stream().map(Component::name).toList());
        }
        assertEquals(2, d.gpus().size());
        assertEquals("no: GPU_IS_LOST", d.gpus().get(1).capabilities().get("power"));
        Finding lost = d.findings().get(1);
        assertEquals(Status.UNAVAILABLE, lost.status());
        assertTrue(lost.subject().startsWith("gpu-1"), lost.subject());
        assertTrue(lost.fix().contains("fell off the bus"), lost.fix());
    }

    @Test
    void discover_noEnergyNoPower_gpuUnavailableAndNoSource() {
        fake(FakeNvml.FULL).set("gpus=1", "gpu0.energy_mj=NO_PERMISSION", "gpu0.power_mw=NO_PERMISSION");

        GpuDiscovery d = discover(fake.env());

        assertTrue(d.source().isEmpty());
        assertEquals("no: NO_PERMISSION", d.gpus().getFirst().capabilities().get("energy-counter"));
        assertEquals(Status.UNAVAILABLE, d.findings().getFirst().status());
        assertTrue(d.findings().getFirst().fix().contains("allowed to query"), d.findings().getFirst().fix());
        assertEquals(1, fake.shutdownCalls());
    }
}
