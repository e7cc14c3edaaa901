package dev.greenloop.meter;

import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.ComponentReading;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.spi.ProcessAwareSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.meter.proc.Procfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplerTest {

    private static final long SELF = ProcessHandle.current().pid();
    private static final long CHILD = 999_999_01L;

    @TempDir
    Path proc;

    /** A source whose cumulative readings the test sets: a counted package and its core breakdown. */
    static class FakeSource implements EnergySource {
        double pkg;
        double core;
        boolean failNext;

        @Override
        public String id() {
            return "fake";
        }

        @Override
        public List<Component> components() {
            return List.of(new Component("cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, "fake package"),
                    new Component("core-0", Scope.CORE, Provenance.MEASURED, "fake core", "cpu-package-0"));
        }

        @Override
        public List<ComponentReading> read() throws IOException {
            if (failNext) {
                failNext = false;
                throw new IOException("counter busy");
            }
            return List.of(ComponentReading.exact(Energy.ofJoules(pkg)), ComponentReading.exact(Energy.ofJoules(core)));
        }

        @Override
        public Duration maxReadInterval() {
            return Duration.ofHours(1);
        }

        @Override
        public void close() {
        }
    }

    /** Busy and tree CPU seconds the fake procfs reports; written as clock ticks (USER_HZ = 100). */
    private double busySeconds;
    private double idleSeconds = 1000;
    private double childSeconds;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void writeProc() throws IOException {
        writeProcfs();
    }

    private void writeProcfs() throws IOException {
        long busyTicks = Math.round(busySeconds * 100);
        long idleTicks = Math.round(idleSeconds * 100);
        Files.writeString(proc.resolve("stat"), "cpu  %d 0 0 %d 0 0 0 0 0 0\ncpu0 %d 0 0 50000 0 0 0 0 0 0\ncpu1 0 0 0 50000 0 0 0 0 0 0\n"
                .formatted(busyTicks, idleTicks, busyTicks));
        writePid(SELF, 1, 0);
        writePid(CHILD, SELF, Math.round(childSeconds * 100));
    }

    private void writePid(long pid, long ppid, long utime) throws IOException {
        Path dir = proc.resolve(Long.toString(pid));
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder();
        sb.append(pid).append(" (proc ").append(pid).append(") S ").append(ppid);
        for (int field = 5; field <= 52; field++) {
            sb.append(' ').append(field == 14 ? utime : 0);
        }
        Files.writeString(dir.resolve("stat"), sb.append('\n').toString());
    }

    private Sampler start(FakeSource source, Workload workload, List<Sample> ticks) throws IOException {
        Discovery d = new Discovery(List.of(source), List.of());
        InstantSource clock = () -> now.get();
        return Sampler.start(d, new Procfs(proc), workload, Duration.ofHours(1), ticks::add, clock);
    }

    private void advance(int seconds) {
        now.updateAndGet(t -> t.plusSeconds(seconds));
    }

    @Test
    void stop_attributesEachIntervalByCpuShare_partsAddUpToNode() throws IOException {
        FakeSource src = new FakeSource();
        List<Sample> ticks = new ArrayList<>();
        Sampler s = start(src, new Workload.ChildProcess(CHILD), ticks);

        src.pkg = 10;
        src.core = 4;
        busySeconds += 1.0;
        childSeconds += 0.5;
        writeProcfs();
        advance(1);
        s.sampleNow();

        src.pkg = 30;
        src.core = 9;
        busySeconds += 2.0;
        childSeconds += 2.0;
        writeProcfs();
        advance(1);
        Measurement m = s.stop();

        assertEquals(30, m.total().joules(), 1e-9);
        assertEquals(5 + 20, m.processEnergy().joules(), 1e-9);
        assertEquals(5, m.unattributed().joules(), 1e-9);
        assertEquals(2, m.components().size());
        ComponentEnergy pkg = m.components().get(0);
        ComponentEnergy core = m.components().get(1);
        assertTrue(pkg.component().counted());
        assertFalse(core.component().counted());
        assertEquals(9, core.energy().joules(), 1e-9, "breakdown is reported");
        assertEquals(Provenance.MEASURED, m.provenance());
        assertEquals(2, m.samples());
        assertEquals(2, ticks.size());
        assertEquals(10, ticks.get(0).nodePower().watts(), 1e-9, "10 J over 1 s");
        assertEquals(30, m.slices().stream().mapToDouble(x -> x.energy().joules()).sum(), 1e-9);
        assertEquals(25, m.processSlices().stream().mapToDouble(x -> x.energy().joules()).sum(), 1e-9);
    }

    @Test
    void stop_treeCpuAboveNodeBusy_clampsShareToOne() throws IOException {
        FakeSource src = new FakeSource();
        Sampler s = start(src, new Workload.ChildProcess(CHILD), new ArrayList<>());
        src.pkg = 8;
        busySeconds += 1.0;
        childSeconds += 1.5; // tick accounting of the two files can disagree slightly
        writeProcfs();
        advance(1);
        Measurement m = s.stop();
        assertEquals(8, m.processEnergy().joules(), 1e-9);
        assertEquals(0, m.unattributed().joules(), 1e-9);
    }

    @Test
    void stop_noWorkload_attributesNothing() throws IOException {
        FakeSource src = new FakeSource();
        Sampler s = start(src, new Workload.None(), new ArrayList<>());
        src.pkg = 12;
        advance(2);
        Measurement m = s.stop();
        assertEquals(12, m.total().joules(), 1e-9);
        assertEquals(0, m.processEnergy().joules(), 1e-9);
        assertEquals(12, m.unattributed().joules(), 1e-9);
    }

    @Test
    void tick_sourceFails_energyIsCaughtUpAtNextRead() throws IOException {
        FakeSource src = new FakeSource();
        List<String> errors = new ArrayList<>();
        Discovery d = new Discovery(List.of(src), List.of());
        Sampler s = Sampler.start(d, new Procfs(proc), new Workload.None(), Duration.ofHours(1), new SampleListener() {
            @Override
            public void onSample(Sample sample) {
            }

            @Override
            public void onReadError(String source, Exception error) {
                errors.add(source + ": " + error.getMessage());
            }
        }, () -> now.get());
        src.pkg = 5;
        src.failNext = true;
        advance(1);
        s.sampleNow();
        src.pkg = 7;
        advance(1);
        Measurement m = s.stop();
        assertEquals(List.of("fake: counter busy"), errors);
        assertEquals(7, m.total().joules(), 1e-9);
    }

    @Test
    void start_intervalLongerThanSourceAllows_usesSourcesMaxReadInterval() throws IOException {
        FakeSource src = new FakeSource() {
            @Override
            public Duration maxReadInterval() {
                return Duration.ofMillis(250);
            }
        };
        Discovery d = new Discovery(List.of(src), List.of());
        Sampler s = Sampler.start(d, new Procfs(proc), new Workload.None(), Duration.ofSeconds(10), SampleListener.NONE);
        assertEquals(Duration.ofMillis(250), s.interval());
        s.stop();
    }

    @Test
    void slices_withinOneMinute_areMerged() throws IOException {
        FakeSource src = new FakeSource();
        Sampler s = start(src, new Workload.None(), new ArrayList<>());
        for (int i = 1; i <= 90; i++) {
            src.pkg = i;
            advance(1);
            s.sampleNow();
        }
        Measurement m = s.stop();
        assertEquals(2, m.slices().size(), "90 one-second ticks from :00 span two UTC minutes");
        assertEquals(90, m.total().joules(), 1e-9);
        assertEquals(60, m.slices().get(0).energy().joules(), 1e-9);
    }

    @Test
    void stop_modelledRange_isTakenFromTheRangesOwnBaseline() throws IOException {
        double[] reading = {5, 4, 6};
        EnergySource modelled = new FakeSource() {
            @Override
            public List<Component> components() {
                return List.of(new Component("memory", Scope.MEMORY, Provenance.MODELLED, "fake model"));
            }

            @Override
            public List<ComponentReading> read() {
                return List.of(new ComponentReading(Energy.ofJoules(reading[0]), Energy.ofJoules(reading[1]), Energy.ofJoules(reading[2])));
            }
        };
        Sampler s = Sampler.start(new Discovery(List.of(modelled), List.of()), new Procfs(proc), new Workload.None(),
                Duration.ofHours(1), SampleListener.NONE, () -> now.get());
        reading[0] = 15;
        reading[1] = 12;
        reading[2] = 18;
        advance(1);
        Measurement m = s.stop();
        assertEquals(10, m.total().joules(), 1e-9);
        assertEquals(8, m.totalMin().joules(), 1e-9);
        assertEquals(12, m.totalMax().joules(), 1e-9);
        assertEquals(Provenance.MODELLED, m.provenance());
    }

    /** A GPU counter whose value and downgrade the test sets through the arrays. */
    private static EnergySource gpuCounter(boolean[] downgrade, double[] joules) {
        return new FakeSource() {
            @Override
            public List<Component> components() {
                return List.of(new Component("gpu-0", Scope.GPU, Provenance.MEASURED, "fake GPU counter"));
            }

            @Override
            public List<ComponentReading> read() {
                Energy e = Energy.ofJoules(joules[0]);
                return List.of(downgrade[0] ? ComponentReading.exact(e, Provenance.DERIVED) : ComponentReading.exact(e));
            }
        };
    }

    @Test
    void stop_lastReadingDowngraded_componentReportsItsProvenance() throws IOException {
        boolean[] downgrade = {false};
        double[] joules = {0};
        EnergySource gpu = gpuCounter(downgrade, joules);
        Sampler s = Sampler.start(new Discovery(List.of(gpu), List.of()), new Procfs(proc), new Workload.None(),
                Duration.ofHours(1), SampleListener.NONE, () -> now.get());
        joules[0] = 3;
        downgrade[0] = true;
        advance(1);
        Measurement m = s.stop();
        assertEquals(Provenance.DERIVED, m.components().get(0).component().provenance());
        assertEquals(Provenance.DERIVED, m.provenance());
        assertEquals(3, m.total().joules(), 1e-9);
    }

    @Test
    void stop_earlyReadingDowngradedThenCounterMoves_componentIsMeasured() throws IOException {
        boolean[] downgrade = {true};
        double[] joules = {0};
        EnergySource gpu = gpuCounter(downgrade, joules);
        Sampler s = Sampler.start(new Discovery(List.of(gpu), List.of()), new Procfs(proc), new Workload.None(),
                Duration.ofHours(1), SampleListener.NONE, () -> now.get());
        joules[0] = 2;
        advance(1);
        s.sampleNow();
        joules[0] = 5;
        downgrade[0] = false;
        advance(1);
        Measurement m = s.stop();
        assertEquals(Provenance.MEASURED, m.components().get(0).component().provenance());
        assertEquals(5, m.total().joules(), 1e-9);
    }

    /** Two GPUs: gpu-0 runs the child, gpu-1 cannot tell (NaN: CPU-time share applies). */
    static final class FakeGpus extends FakeSource implements ProcessAwareSource {
        double gpu0;
        double gpu1;
        final List<Long> askedAbout = new ArrayList<>();

        @Override
        public List<Component> components() {
            return List.of(new Component("gpu-0", Scope.GPU, Provenance.MEASURED, "fake"),
                    new Component("gpu-1", Scope.GPU, Provenance.MEASURED, "fake"));
        }

        @Override
        public List<ComponentReading> read() {
            return List.of(ComponentReading.exact(Energy.ofJoules(gpu0)), ComponentReading.exact(Energy.ofJoules(gpu1)));
        }

        @Override
        public void processShares(java.util.function.LongPredicate inTree, double[] shares) {
            askedAbout.add(CHILD);
            shares[0] = inTree.test(CHILD) ? 1.0 : 0.0;
            shares[1] = Double.NaN;
        }
    }

    @Test
    void stop_processAwareSource_usesItsSharesAndCpuShareWhereItCannotTell() throws IOException {
        FakeGpus gpus = new FakeGpus();
        Sampler s = Sampler.start(new Discovery(List.of(gpus), List.of()), new Procfs(proc), new Workload.ChildProcess(CHILD),
                Duration.ofHours(1), SampleListener.NONE, () -> now.get());
        gpus.gpu0 = 100;
        gpus.gpu1 = 40;
        busySeconds += 1.0;
        childSeconds += 0.25;
        writeProcfs();
        advance(1);
        Measurement m = s.stop();
        assertEquals(140, m.total().joules(), 1e-9);
        assertEquals(100, m.components().get(0).processEnergy().joules(), 1e-9, "the child runs on gpu-0");
        assertEquals(10, m.components().get(1).processEnergy().joules(), 1e-9, "CPU-time share 0.25 on gpu-1");
        assertEquals(110, m.processEnergy().joules(), 1e-9);
        assertEquals(110, m.processSlices().stream().mapToDouble(x -> x.energy().joules()).sum(), 1e-9);
        assertEquals(List.of(CHILD), gpus.askedAbout);
    }

    /**
     * The reported defect: a command that was the only busy process got 100 % of a modelled node, the modelled
     * memory's constant power and the CPU curve's idle term included. Idle power is attributed to no process.
     */
    @Test
    void stop_modelledNodeOneBusyProcess_memoryAndCpuIdleTermAreNotTheProcesss() throws IOException {
        new dev.greenloop.meter.proc.FakeProcfs(proc).cpuinfo("AMD EPYC", 2).meminfo(8L * 1024 * 1024);
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
        EnergySource model = dev.greenloop.meter.model.PowerModels.open(new Procfs(proc), true, true, nanos::get)
                .source().orElseThrow();
        Sampler s = Sampler.start(new Discovery(List.of(model), List.of()), new Procfs(proc), new Workload.ChildProcess(CHILD),
                Duration.ofHours(1), SampleListener.NONE, () -> now.get());
        // 10 s on 2 CPUs: the child keeps one busy, the other idles (utilisation 0.5); nothing else runs.
        busySeconds += 10;
        idleSeconds += 10;
        childSeconds += 10;
        writeProcfs();
        advance(10);
        nanos.addAndGet(10_000_000_000L);
        Measurement m = s.stop();

        ComponentEnergy cpu = m.components().get(0);
        ComponentEnergy memory = m.components().get(1);
        // Unknown CPU: Cloud Carbon Footprint's 0.74 W idle to 3.5 W full per vCPU, × 2 vCPUs.
        assertEquals((0.74 + 0.5 * (3.5 - 0.74)) * 2 * 10, cpu.energy().joules(), 1e-9);
        assertEquals(0.5 * (3.5 - 0.74) * 2 * 10, cpu.processEnergy().joules(), 1e-9, "the curve above its idle term");
        assertEquals(8 * 0.392 * 10, memory.energy().joules(), 1e-9);
        assertEquals(0, memory.processEnergy().joules(), 1e-9, "modelled memory power is constant: all idle");
        assertEquals(0.74 * 2 * 10, cpu.idleEnergy().joules(), 1e-9);
        assertEquals(8 * 0.392 * 10, memory.idleEnergy().joules(), 1e-9);
        assertEquals(IdleRule.MODEL_CONSTANT, cpu.idleRule());
        assertEquals(IdleRule.MODEL_CONSTANT, memory.idleRule());
        assertEquals(m.total().joules(), m.processEnergy().joules() + m.unattributed().joules(), 1e-9);
        assertEquals(m.idleEnergy().joules() + m.dynamicEnergy().joules(), m.total().joules(), 1e-9);
    }

    /** Kepler's split for counters: dynamic = energy × node utilisation; the tree gets its CPU-time share of it. */
    @Test
    void stop_counterSplitByNodeUtilisation_processPlusOthersPlusIdleIsTheComponent() throws IOException {
        FakeSource src = new FakeSource();
        Sampler s = start(src, new Workload.ChildProcess(CHILD), new ArrayList<>());
        src.pkg = 20;
        src.core = 8;
        busySeconds += 1.0; // half of the node's CPU time busy ...
        idleSeconds += 1.0;
        childSeconds += 0.25; // ... a quarter of that busy time the child's
        writeProcfs();
        advance(1);
        s.sampleNow();
        src.pkg = 32;
        src.core = 12;
        busySeconds += 1.5; // then three quarters busy, a third of it the child's
        idleSeconds += 0.5;
        childSeconds += 0.5;
        writeProcfs();
        advance(1);
        Measurement m = s.stop();

        ComponentEnergy pkg = m.components().get(0);
        assertEquals(IdleRule.CPU_USAGE_RATIO, pkg.idleRule());
        assertEquals(20 * 0.5 + 12 * 0.25, pkg.idleEnergy().joules(), 1e-9);
        assertEquals(20 * 0.5 * 0.25 + 12 * 0.75 / 3, pkg.processEnergy().joules(), 1e-9);
        for (ComponentEnergy c : m.components()) {
            assertEquals(c.energy().joules(), c.processEnergy().joules() + c.otherDynamic().joules() + c.idleEnergy().joules(), 1e-9,
                    c.component().name() + ": process + other processes + idle = component");
        }
        assertEquals(pkg.processEnergy().joules(), m.processSlices().stream().mapToDouble(x -> x.energy().joules()).sum(), 1e-9);
        assertEquals(m.total().joules() - m.processEnergy().joules(), m.unattributed().joules(), 1e-9);
    }

    @Test
    void stop_gpu_notSplit_allOfItIsDynamic() throws IOException {
        FakeGpus gpus = new FakeGpus();
        Sampler s = Sampler.start(new Discovery(List.of(gpus), List.of()), new Procfs(proc), new Workload.ChildProcess(CHILD),
                Duration.ofHours(1), SampleListener.NONE, () -> now.get());
        gpus.gpu0 = 50;
        busySeconds += 1.0;
        idleSeconds += 1.0;
        writeProcfs();
        advance(1);
        Measurement m = s.stop();
        assertEquals(IdleRule.NOT_SPLIT, m.components().get(0).idleRule());
        assertEquals(0, m.components().get(0).idleEnergy().joules(), 1e-9);
        assertEquals(50, m.components().get(0).processEnergy().joules(), 1e-9);
    }

    /** A GPU source that knows its idle power (its power before the command) is split by it. */
    @Test
    void stop_gpuWithIdleFromItsSource_processGetsItsShareOfThePowerAboveIdle() throws IOException {
        double[] joules = {0, 0};
        EnergySource gpu = new FakeSource() {
            @Override
            public List<Component> components() {
                return List.of(new Component("gpu-0", Scope.GPU, Provenance.MEASURED, "fake GPU"));
            }

            @Override
            public List<ComponentReading> read() {
                return List.of(new ComponentReading(Energy.ofJoules(joules[0]), Energy.ofJoules(joules[0]), Energy.ofJoules(joules[0]),
                        java.util.Optional.empty(), java.util.Optional.of(Energy.ofJoules(joules[1]))));
            }
        };
        Sampler s = Sampler.start(new Discovery(List.of(gpu), List.of()), new Procfs(proc), new Workload.ChildProcess(CHILD),
                Duration.ofHours(1), SampleListener.NONE, () -> now.get());
        joules[0] = 300;
        joules[1] = 70;
        busySeconds += 1.0;
        childSeconds += 0.5;
        writeProcfs();
        advance(1);
        Measurement m = s.stop();
        ComponentEnergy c = m.components().getFirst();
        assertEquals(IdleRule.BASELINE_POWER, c.idleRule());
        assertEquals(70, c.idleEnergy().joules(), 1e-9);
        assertEquals(0.5 * 230, c.processEnergy().joules(), 1e-9, "CPU-time share 0.5 of the 230 J above idle");
    }
}
