package dev.greenloop.meter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Scope;
import dev.greenloop.meter.spi.ComponentReading;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.spi.Finding;
import dev.greenloop.meter.proc.FakeProcfs;
import dev.greenloop.meter.proc.Procfs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerModelsTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(5 * SECOND);

    private FakeProcfs node(String model, int cpus) throws IOException {
        return new FakeProcfs(dir).stat(cpus, 1000, 9000).cpuinfo(model, cpus).meminfo(8L * 1024 * 1024);
    }

    private EnergySource open(FakeProcfs fake, boolean cpu, boolean memory) {
        return PowerModels.open(new Procfs(fake.root()), cpu, memory, clock::get).source().orElseThrow();
    }

    @Test
    void read_knownCpuHalfLoadTenSeconds_givesTeadsCurveTimesScaledTdp() throws IOException {
        FakeProcfs fake = node("AMD EPYC 7B13 64-Core Processor", 2);
        EnergySource source = open(fake, true, false);
        // 2 CPUs × 10 s = 2000 ticks, half of them busy.
        fake.stat(2, 1000 + 1000, 9000 + 1000);
        clock.addAndGet(10 * SECOND);
        ComponentReading cpu = source.read().getFirst();
        double watts = 0.75 * 225.0 * 2 / 128; // Teads at 50 % × TDP × visible share
        assertEquals(watts * 10, cpu.energy().joules(), 1e-9);
        assertTrue(cpu.min().joules() < cpu.energy().joules() && cpu.energy().joules() < cpu.max().joules(),
                "range must surround the estimate: " + cpu);
    }

    @Test
    void read_unknownCpu_usesDefaultPerVcpuCurve() throws IOException {
        FakeProcfs fake = node("AMD EPYC", 2);
        var discovery = PowerModels.open(new Procfs(fake.root()), true, false, clock::get);
        EnergySource source = discovery.source().orElseThrow();
        fake.stat(2, 1000 + 1000, 9000 + 1000);
        clock.addAndGet(10 * SECOND);
        ComponentReading cpu = source.read().getFirst();
        assertEquals((0.74 + 0.5 * (3.5 - 0.74)) * 2 * 10, cpu.energy().joules(), 1e-9);
        Finding finding = discovery.findings().getFirst();
        assertEquals(Finding.Status.USED, finding.status());
        assertTrue(finding.detail().startsWith("CPU model 'AMD EPYC' not in the table"), finding.detail());
        assertTrue(cpu.max().joules() / cpu.min().joules() > 1.5, "an unknown CPU gets a wide range: " + cpu);
    }

    @Test
    void read_memory_integratesWattsPerGibOverTime() throws IOException {
        EnergySource source = open(node("AMD EPYC", 2), false, true);
        clock.addAndGet(10 * SECOND);
        ComponentReading memory = source.read().getFirst();
        assertEquals(8 * 0.392 * 10, memory.energy().joules(), 1e-9);
        assertEquals(8 * 0.375 * 10, memory.min().joules(), 1e-9);
        assertEquals(source.components().getFirst().scope(), Scope.MEMORY);
    }

    @Test
    void read_noTicksBetweenReads_keepsLastUtilisationAndNeverDecreases() throws IOException {
        FakeProcfs fake = node("AMD EPYC 7763 64-Core Processor", 128);
        EnergySource source = open(fake, true, true);
        fake.stat(128, 1000 + 128_000, 9000); // fully busy for 10 s
        clock.addAndGet(10 * SECOND);
        List<ComponentReading> first = source.read();
        clock.addAndGet(SECOND); // no new ticks written
        List<ComponentReading> second = source.read();
        double full = 1.02 * 280;
        assertEquals(full * 10, first.getFirst().energy().joules(), 1e-9);
        assertEquals(full * 11, second.getFirst().energy().joules(), 1e-9);
        for (int i = 0; i < 2; i++) {
            assertTrue(second.get(i).energy().compareTo(first.get(i).energy()) >= 0);
        }
    }

    @Test
    void open_vmAndMultiSocket_scaleTdpByVisibleThreads() throws IOException {
        CpuTable table = CpuTable.builtIn();
        double vm = CpuModelChoice.choose(table, java.util.Optional.of("AMD EPYC 7763 64-Core Processor"), 8).model().watts(1)[0];
        double twoSockets = CpuModelChoice.choose(table, java.util.Optional.of("AMD EPYC 7763 64-Core Processor"), 256).model().watts(1)[0];
        assertEquals(1.02 * 280 * 8 / 128, vm, 1e-9);
        assertEquals(1.02 * 280 * 2, twoSockets, 1e-9);
    }

    @Test
    void open_knownCpu_findingNamesModelTdpSourceAndThreads() throws IOException {
        var discovery = PowerModels.open(new Procfs(node("AMD EPYC 7B13 64-Core Processor", 2).root()), true, true, clock::get);
        Finding cpu = discovery.findings().get(0);
        assertEquals("cpu-model", cpu.source());
        assertTrue(cpu.detail().startsWith("modelled: AMD EPYC 7B13 TDP 225 W (assumption"), cpu.detail());
        assertTrue(cpu.detail().contains("2 of 128 threads visible"), cpu.detail());
        assertTrue(cpu.fix().contains("RAPL"), cpu.fix());
        assertEquals("memory-model", discovery.findings().get(1).source());
        assertEquals(List.of("cpu", "memory"), discovery.source().orElseThrow().components().stream().map(c -> c.name()).toList());
        assertEquals("model", discovery.source().orElseThrow().id());
    }

    @Test
    void open_cpuNotRequested_skipsCpuAndKeepsMemory() throws IOException {
        var discovery = PowerModels.open(new Procfs(node("AMD EPYC", 2).root()), false, true, clock::get);
        assertEquals(Finding.Status.SKIPPED, discovery.findings().getFirst().status());
        assertEquals(List.of("memory"), discovery.source().orElseThrow().components().stream().map(c -> c.name()).toList());
    }

    @Test
    void open_missingProcfs_isUnavailableWithNoSource() {
        var discovery = PowerModels.open(new Procfs(dir.resolve("absent")), true, true, clock::get);
        assertFalse(discovery.source().isPresent());
        assertTrue(discovery.findings().stream().allMatch(f -> f.status() == Finding.Status.UNAVAILABLE));
        assertTrue(discovery.findings().getFirst().fix().contains("GREENLOOP_PROCFS_ROOT"));
    }
}
