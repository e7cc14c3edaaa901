package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.meter.SampleListener;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measure-and-account use case on this machine's meter, with real commands. */
class MeasuringIT {

    @TempDir
    Path home;

    private Settings settings() {
        return Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "FR"));
    }

    private static final Measuring.Launcher PLAIN = new Measuring.Launcher() {
        @Override
        public Process start(List<String> command) throws IOException {
            return new ProcessBuilder(command).inheritIO().start();
        }

        @Override
        public int waitFor(Process process) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    };

    @Test
    void command_exitCodeAndRun_areRecordedWithCarbon() throws Exception {
        Settings s = settings();
        ZoneChoice zone = ZoneChoice.resolve(null, s);
        AtomicInteger samples = new AtomicInteger();
        var result = new Measuring(s).command(new Measuring.CommandRun("sleepy", List.of("sh", "-c", "sleep 0.3; exit 3"),
                Map.of("team", "search"), zone, 1.2, Duration.ofMillis(100)), PLAIN, (SampleListener) x -> samples.incrementAndGet());
        assertEquals(3, result.outcome().exitCode());
        assertEquals(1L, result.runId().orElseThrow());
        assertTrue(result.storeProblem().isEmpty(), result.storeProblem().toString());
        assertTrue(samples.get() >= 2, "live listener saw " + samples.get());
        try (Store store = Stores.open(StoreConfig.fromEnvironment(s.effectiveEnvironment()))) {
            var run = store.findRun(1).orElseThrow();
            assertEquals("sleepy", run.start().name());
            assertEquals("search", run.start().tags().get("team"));
            assertEquals("FR", run.outcome().orElseThrow().carbon().zone());
            assertEquals(1.2, run.outcome().orElseThrow().carbon().pue());
        }
    }

    @Test
    void command_durationIncludesTheSpawn_sleepHalfASecondIsAtLeastHalfASecond() throws Exception {
        // The clock and counters start before the command is spawned: starting a process is part of running it
        // (a 2 s sleep was reported as 1.92-1.96 s when the clock started after the spawn).
        Settings s = settings();
        var m = new Measuring(s);
        for (int i = 0; i < 3; i++) {
            var result = m.command(new Measuring.CommandRun("sleep", List.of("sleep", "0.5"), Map.of(), ZoneChoice.resolve(null, s), 1.0,
                    Duration.ofMillis(100)), PLAIN, SampleListener.NONE);
            Duration measured = Duration.between(result.run().startedAt(), result.outcome().endedAt());
            assertTrue(measured.toMillis() >= 500, "sleep 0.5 measured as " + measured.toMillis() + " ms");
        }
    }

    @Test
    void command_thatCannotStart_throwsIOException() {
        Settings s = settings();
        assertThrows(IOException.class, () -> new Measuring(s).command(new Measuring.CommandRun("x", List.of("/no/such/program"), Map.of(),
                ZoneChoice.resolve(null, s), 1.0, Duration.ofSeconds(1)), PLAIN, SampleListener.NONE));
    }

    @Test
    void block_isMeasuredAndStoredAsARunWithoutCommand() throws Exception {
        var tracked = new Measuring(settings()).block("block", Map.of("k", "v"), () -> {
            long end = System.nanoTime() + 200_000_000L;
            long sink = 0;
            while (System.nanoTime() < end) {
                sink += System.nanoTime() & 1;
            }
            assertTrue(sink >= 0);
        });
        assertEquals(1L, tracked.recorded().runId());
        assertEquals("FR", tracked.recorded().zone());
        assertTrue(tracked.measurement().total().joules() > 0);
    }

    @Test
    void block_thatThrows_isRecordedAsFailedAndRethrown() throws Exception {
        Measuring m = new Measuring(settings());
        var e = assertThrows(IllegalStateException.class, () -> m.block("failing", Map.of(), () -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", e.getMessage());
        try (Store store = Stores.open(StoreConfig.fromEnvironment(settings().effectiveEnvironment()))) {
            assertEquals(1, store.findRun(1).orElseThrow().outcome().orElseThrow().exitCode());
        }
    }

    @Test
    void monitor_samplesTheNodeUntilTold() throws Exception {
        Settings s = settings();
        var result = new Measuring(s).monitor(ZoneChoice.resolve(null, s), 1.0, Duration.ofMillis(50), SampleListener.NONE,
                interval -> Thread.sleep(300));
        assertTrue(result.measurement().samples() >= 2, "samples: " + result.measurement().samples());
        assertTrue(result.storeProblem().isEmpty(), result.storeProblem().toString());
    }

    /** @return the command line of a running process, its arguments joined by spaces */
    private static String cmdline(long pid) throws IOException {
        return new String(java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ').trim();
    }

    /**
     * A double fork: the subshell starts {@code sleep 5} in the background and exits at once, so the kernel
     * re-parents the sleep out of the command's tree before any sample; it is still running when the command ends.
     */
    @Test
    void command_doubleFork_theProcessThatLeftTheTreeIsNamed() throws Exception {
        Settings s = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "FR", "GREENLOOP_CGROUP", "off"));
        for (Duration interval : List.of(Duration.ofSeconds(1), Duration.ofMillis(100))) {
            var result = new Measuring(s).command(new Measuring.CommandRun("double fork", List.of("sh", "-c", "(sleep 5 &) ; sleep 1"),
                    Map.of(), ZoneChoice.resolve(null, s), 1.0, interval), PLAIN, SampleListener.NONE);
            try {
                assertEquals("process tree (no cgroup: turned off by GREENLOOP_CGROUP=off)", result.cpuTimeFrom());
                assertEquals(1, result.strayPids().size(), interval + ": " + result.strayPids());
                long pid = result.strayPids().getFirst();
                assertEquals("sleep 5", cmdline(pid));
                assertEquals("greenloop: note: 1 process(es) started by the command left its process tree (daemons, double forks)"
                        + " and are not counted: pid " + pid, result.strayNote().orElseThrow());
            } finally {
                for (long pid : result.strayPids()) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
                }
            }
        }
    }

    @Test
    void command_childrenThatStayInTheTree_noNote() throws Exception {
        Settings s = settings();
        var result = new Measuring(s).command(new Measuring.CommandRun("waits for its child", List.of("sh", "-c", "sleep 0.3 & wait"),
                Map.of(), ZoneChoice.resolve(null, s), 1.0, Duration.ofMillis(100)), PLAIN, SampleListener.NONE);
        assertEquals(List.of(), result.strayPids());
        assertTrue(result.strayNote().isEmpty());
    }

    /**
     * Where this process may make a cgroup v2 (root here, or a systemd-delegated scope), the command runs in its own,
     * and a double-forked process that burns CPU after its parent exited is counted, as the process tree could not.
     */
    @Test
    void command_inItsOwnCgroup_aDoubleForkedProcessesCpuTimeIsCounted() throws Exception {
        var probe = dev.greenloop.meter.proc.CommandCgroup.open();
        probe.cgroup().ifPresent(dev.greenloop.meter.proc.CommandCgroup::close);
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.cgroup().isPresent(), "no writable cgroup v2 here: " + probe.detail());
        Settings s = settings();
        // The subshell starts a CPU-bound loop in the background and exits: the loop belongs to init at once.
        // 2,000,000 rounds take about 2.2 CPU seconds on the build VM.
        String burn = "(sh -c 'i=0; while [ $i -lt 2000000 ]; do i=$((i+1)); done' &) ; sleep 2.5";
        var inCgroup = new Measuring(s).command(new Measuring.CommandRun("burn", List.of("sh", "-c", burn), Map.of(),
                ZoneChoice.resolve(null, s), 1.0, Duration.ofMillis(200)), PLAIN, SampleListener.NONE);
        Settings off = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "FR", "GREENLOOP_CGROUP", "off"));
        var inTree = new Measuring(off).command(new Measuring.CommandRun("burn", List.of("sh", "-c", burn), Map.of(),
                ZoneChoice.resolve(null, off), 1.0, Duration.ofMillis(200)), PLAIN, SampleListener.NONE);
        for (var r : List.of(inCgroup, inTree)) {
            r.strayPids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        }
        assertTrue(inCgroup.cpuTimeFrom().startsWith("cgroup /"), inCgroup.cpuTimeFrom());
        assertTrue(inCgroup.cgroupProblem().isEmpty(), inCgroup.cgroupProblem().toString());
        assertTrue(java.nio.file.Files.notExists(Path.of(inCgroup.cpuTimeFrom().substring("cgroup ".length()))), "the cgroup is removed");
        double cgroupShare = inCgroup.outcome().processEnergy().joules() / dynamic(inCgroup);
        double treeShare = inTree.outcome().processEnergy().joules() / dynamic(inTree);
        // The loop holds over a second of CPU; the node has at most (CPUs × wall time) busy CPU seconds to share.
        double wall = Duration.between(inCgroup.run().startedAt(), inCgroup.outcome().endedAt()).toMillis() / 1000.0;
        double floor = 1.0 / (Runtime.getRuntime().availableProcessors() * wall);
        assertTrue(cgroupShare > floor, "the loop is the command's: share of the dynamic energy " + cgroupShare + ", floor " + floor);
        assertTrue(treeShare < cgroupShare / 5, "the process tree loses the loop: share " + treeShare + " against " + cgroupShare);
    }

    private static double dynamic(Measuring.CommandResult r) {
        return r.outcome().total().joules() - r.outcome().idleEnergy().orElseThrow().joules();
    }

    /** Without a cgroup, a process that left the tree, ran and ended before the command did was not counted either. */
    @Test
    void command_strayThatEndedBeforeTheCommand_isNamedToo() throws Exception {
        Settings off = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "FR", "GREENLOOP_CGROUP", "off"));
        // The stray works a little, lives at least 300 ms (several 50 ms ticks), and ends long before the command.
        String burst = "(sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; exec sleep 0.3' &) ; sleep 3";
        var result = new Measuring(off).command(new Measuring.CommandRun("burst", List.of("sh", "-c", burst), Map.of(),
                ZoneChoice.resolve(null, off), 1.0, Duration.ofMillis(50)), PLAIN, SampleListener.NONE);
        assertEquals(1, result.strayPids().size(), result.strayPids().toString());
        assertTrue(ProcessHandle.of(result.strayPids().getFirst()).isEmpty(), "the loop had ended");
    }

    @Test
    void command_unknownCgroupSetting_isAConfigErrorNamingTheValue_andRunsNothing() {
        Settings bad = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "FR", "GREENLOOP_CGROUP", "of"));
        var e = assertThrows(ConfigException.class, () -> new Measuring(bad).command(new Measuring.CommandRun("x",
                List.of("sh", "-c", "exit 0"), Map.of(), ZoneChoice.resolve(null, bad), 1.0, Duration.ofMillis(100)), PLAIN, SampleListener.NONE));
        assertTrue(e.getMessage().contains("GREENLOOP_CGROUP: 'of'") && e.getMessage().contains("'off'"), e.getMessage());
    }

    @Test
    void monitor_storedAsAMonitorRunWithItsCarbon() throws Exception {
        Settings s = settings();
        var result = new Measuring(s).monitor(ZoneChoice.resolve("DE", s), 1.0, Duration.ofMillis(50), SampleListener.NONE,
                interval -> Thread.sleep(300));
        long id = result.runId().orElseThrow();
        try (Store store = Stores.open(StoreConfig.fromEnvironment(s.effectiveEnvironment()))) {
            var run = store.findRun(id).orElseThrow();
            assertEquals(dev.greenloop.store.RunKind.MONITOR, run.start().kind());
            assertEquals(result.outcome().carbon(), run.outcome().orElseThrow().carbon());
            // the store keeps each component's energy and process share; the idle split is reported by measure, not stored
            assertEquals(result.outcome().components().stream().map(c -> List.of(c.name(), c.energy(), c.processEnergy())).toList(),
                    run.outcome().orElseThrow().components().stream().map(c -> List.of(c.name(), c.energy(), c.processEnergy())).toList());
            assertEquals("DE", run.outcome().orElseThrow().carbon().zone());
            assertTrue(!store.samples(run.start().node().name(), java.util.Optional.of(id)).isEmpty());
        }
    }

    @Test
    void monitor_interrupted_theSessionIsStoredFinishedThenTheInterruptPropagates() throws Exception {
        Settings s = settings();
        assertThrows(InterruptedException.class, () -> new Measuring(s).monitor(ZoneChoice.resolve("DE", s), 1.0, Duration.ofMillis(50),
                SampleListener.NONE, interval -> {
                    Thread.sleep(200);
                    throw new InterruptedException("stopped");
                }));
        try (Store store = Stores.open(StoreConfig.fromEnvironment(s.effectiveEnvironment()))) {
            var run = store.listRuns(java.util.Optional.empty()).getFirst();
            assertEquals(dev.greenloop.store.RunKind.MONITOR, run.start().kind());
            assertEquals(dev.greenloop.store.RunStatus.FINISHED, run.status());
        }
    }
}
