package dev.greenloop.app;

import dev.greenloop.meter.Discovery;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.Measurement;
import dev.greenloop.meter.Meter;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.RunRecorder;
import dev.greenloop.meter.Sample;
import dev.greenloop.meter.SampleListener;
import dev.greenloop.meter.Sampler;
import dev.greenloop.meter.Workload;
import dev.greenloop.meter.proc.CommandCgroup;
import dev.greenloop.meter.proc.Procfs;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunKind;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Measure and account: runs a command (or a block of this JVM's code, or nothing: the node alone) under the
 * meter, accounts its carbon hour by hour in its zone, and records it in the store.
 *
 * <p>A front end resolves its input (zone, PUE, interval, name, tags), calls one method, and renders the
 * result; it keeps only what is its own, such as forwarding signals to the command or a terminal's live line
 * (a {@link SampleListener} it passes in). Every method opens the energy sources and closes them before it
 * returns. A store that cannot be opened or written does not fail a command's or the node's measurement: the
 * result says so ({@link CommandResult#storeProblem()}).
 */
public final class Measuring {

    private final Settings settings;

    /** @param settings where the meter and the store are configured, and the zone and PUE when not given */
    public Measuring(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * A command to measure, as a front end resolved it.
     *
     * @param name the run's name
     * @param command the command and its arguments; not empty
     * @param tags the run's tags, in order
     * @param zone the zone to account in
     * @param pue the site's PUE (see {@link Accounting#pue(String, String)})
     * @param interval the sampling interval, at least {@link MeterConfig#MIN_INTERVAL}
     */
    public record CommandRun(String name, List<String> command, Map<String, String> tags, ZoneChoice zone, double pue, Duration interval) {

        /** @throws IllegalArgumentException if the command is empty or the interval too short */
        public CommandRun {
            command = List.copyOf(command);
            tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
            if (command.isEmpty()) {
                throw new IllegalArgumentException("the command to measure is empty");
            }
            if (interval.compareTo(MeterConfig.MIN_INTERVAL) < 0) {
                throw new IllegalArgumentException("sampling interval " + interval + " is shorter than " + MeterConfig.MIN_INTERVAL);
            }
        }
    }

    /** Starts the command's process and waits for it: the front end's part, which forwards signals to it. */
    public interface Launcher {

        /**
         * @return the started process
         * @throws IOException if it cannot be started (no such program, no permission)
         */
        Process start(List<String> command) throws IOException;

        /** @return the process's exit code, once it has ended */
        int waitFor(Process process);
    }

    /**
     * A measured command.
     *
     * @param runId the stored run's id; empty when the store failed
     * @param run the run as recorded (name, command, tags, start, node)
     * @param outcome what was measured and accounted, with the command's exit code
     * @param storeProblem the first store error, if the run was measured but not stored
     * @param storeLocation where the store is, once it was opened
     * @param spoolFile where the run is kept when the store did not take it ({@code GREENLOOP_HOME/spool/...}); the next
     *     command that opens the store stores it
     * @param spoolProblem why the run could not be spooled either, when the store did not take it
     * @param notes what was done with runs spooled earlier, found when the store was opened: one line each
     * @param strayPids processes the command started that left its process tree (daemons, double forks): their CPU
     *     time after they left is not attributed to the run; in a cgroup, those still running when it ended (see
     *     {@link Measurement#strayPids()}); a front end should say so
     * @param cpuTimeFrom where the command's CPU time came from: {@code cgroup PATH} (every process it started,
     *     daemons included, until it ended) or {@code process tree (why no cgroup)}
     * @param cgroupProblem present when the command's cgroup could not be removed afterwards (it is left behind)
     */
    public record CommandResult(Optional<Long> runId, NewRun run, RunOutcome outcome, Optional<String> storeProblem,
            Optional<String> storeLocation, Optional<java.nio.file.Path> spoolFile, Optional<String> spoolProblem,
            List<String> notes, List<Long> strayPids, String cpuTimeFrom, Optional<String> cgroupProblem) {

        /** Copies the lists. */
        public CommandResult {
            notes = List.copyOf(notes);
            strayPids = List.copyOf(strayPids);
        }

        /** @return whether the command ran in a cgroup of its own, whose CPU time counted all its processes */
        public boolean inCgroup() {
            return cpuTimeFrom.startsWith("cgroup ");
        }

        /**
         * @return the one-line note a front end prints on standard error when {@link #strayPids()} is not empty, such
         *     as {@code greenloop: note: 1 process(es) started by the command left its process tree (daemons, double
         *     forks) and are not counted: pid 4242}; empty otherwise
         */
        public Optional<String> strayNote() {
            if (strayPids.isEmpty()) {
                return Optional.empty();
            }
            if (inCgroup()) {
                return Optional.of("greenloop: note: %d process(es) started by the command left its process tree (daemons, double forks)"
                        .formatted(strayPids.size()) + " and were still running when it ended; counted until then (its cgroup): pid "
                        + String.join(" ", strayPids.stream().map(String::valueOf).toList()));
            }
            return Optional.of("greenloop: note: %d process(es) started by the command left its process tree (daemons, double forks)"
                    .formatted(strayPids.size()) + " and are not counted: pid "
                    + String.join(" ", strayPids.stream().map(String::valueOf).toList()));
        }
    }

    /**
     * Runs and measures a command: opens the store (in the background, overlapping the command), starts the
     * meter and the sampler, then starts the command through {@code launcher} (so its start-up is measured), waits for it, accounts its carbon and
     * records the run with its samples.
     *
     * @param live called on the sampler's thread with every sample, such as a terminal's live line
     * @return the result; the command's exit code is {@code outcome().exitCode()}
     * @throws IOException if the command cannot be started (the store may be opened already; nothing is recorded)
     * @throws IllegalStateException if the meter cannot take its first reading
     * @throws ConfigException if {@code GREENLOOP_CGROUP} is neither {@code auto} nor {@code off}; nothing is started
     */
    public CommandResult command(CommandRun request, Launcher launcher, SampleListener live) throws IOException {
        Map<String, String> env = settings.effectiveEnvironment();
        boolean wantCgroup = cgroupWanted(env);
        MeterConfig config = MeterConfig.fromEnvironment(env).withInterval(request.interval());
        Procfs procfs = new Procfs(config.procfsRoot());
        NodeInfo node = NodeFacts.describe(procfs, request.zone().zone().code(), request.pue());
        try (RunWriter writer = new RunWriter(StoreConfig.fromEnvironment(env), node, request.zone(), request.pue())) {
            Discovery discovery = Meter.discover(config);
            // Its own cgroup, where one can be made, counts every process the command starts (docs/attribution.md).
            CommandCgroup.Opened opened = wantCgroup ? CommandCgroup.open()
                    : new CommandCgroup.Opened(Optional.empty(), "turned off by GREENLOOP_CGROUP=off");
            Optional<CommandCgroup> cgroup = opened.cgroup();
            String cpuTimeFrom = cgroup.isPresent() ? "cgroup " + opened.detail() : "process tree (no cgroup: " + opened.detail() + ")";
            Optional<String> cgroupProblem = Optional.empty();
            try {
                // The clock and the counters start before the spawn: starting the command is part of running it.
                Workload.Command workload = cgroup.map(Workload.Command::new).orElseGet(Workload.Command::new);
                Sampler sampler;
                try {
                    sampler = Sampler.start(discovery, procfs, workload, request.interval(), both(writer, live));
                } catch (IOException e) {
                    throw new IllegalStateException("cannot take the first reading: " + e.getMessage(), e);
                }
                Process process;
                try {
                    process = spawn(launcher, request.command(), cgroup);
                } catch (IOException | RuntimeException e) {
                    sampler.stop(); // nothing ran: nothing is recorded
                    throw e;
                }
                workload.started(process.pid());
                writer.start(new NewRun(request.name(), request.command(), request.tags(), sampler.startedAt(), node,
                        java.util.OptionalLong.of(process.pid())));
                int exitCode = launcher.waitFor(process);
                Measurement m = sampler.stop();
                cgroupProblem = removeCgroup(cgroup);
                RunOutcome outcome = Accounting.outcome(m, exitCode, request.zone(), request.pue());
                Optional<Long> runId = writer.finish(outcome);
                return new CommandResult(runId, new NewRun(request.name(), request.command(), request.tags(), m.startedAt(), node), outcome,
                        writer.problem(), writer.location(), writer.spoolFile(), writer.spoolProblem(), writer.notes(),
                        m.strayPids(), cpuTimeFrom, cgroupProblem);
            } finally {
                discovery.sources().forEach(EnergySource::close);
                if (cgroupProblem.isEmpty()) {
                    // After a failure (the command did not start, the meter failed): the cgroup holds nothing to move out, so
                    // removing it can fail only in a race; such a problem would be lost with the failure that propagates.
                    removeCgroup(cgroup);
                }
            }
        }
    }

    /**
     * Starts the command; in its cgroup when there is one, by moving this process in for the spawn (so the command
     * is born there, before it can fork) and back out at once.
     *
     * @throws IllegalStateException if this process cannot move into or out of the cgroup (it could a moment before)
     */
    private static Process spawn(Launcher launcher, List<String> command, Optional<CommandCgroup> cgroup) throws IOException {
        if (cgroup.isEmpty()) {
            return launcher.start(command);
        }
        try {
            cgroup.get().enter();
        } catch (IOException e) {
            throw new IllegalStateException("cannot move into the command's cgroup " + cgroup.get().path() + ": " + e.getMessage(), e);
        }
        try {
            return launcher.start(command);
        } finally {
            try {
                cgroup.get().leave();
            } catch (IOException e) {
                throw new IllegalStateException("cannot move out of the command's cgroup " + cgroup.get().path() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * @return false when {@code GREENLOOP_CGROUP} is {@code off}; true when it is unset, empty or {@code auto}
     * @throws ConfigException for any other value, naming it and the two that work
     */
    static boolean cgroupWanted(Map<String, String> env) {
        String value = env.getOrDefault("GREENLOOP_CGROUP", "").trim();
        if (value.isEmpty() || value.equalsIgnoreCase("auto")) {
            return true;
        }
        if (value.equalsIgnoreCase("off")) {
            return false;
        }
        throw new ConfigException("GREENLOOP_CGROUP: '%s' is neither 'auto' (run the command in a cgroup of its own where one can be made)"
                .formatted(value) + " nor 'off' (measure its process tree only)");
    }

    /** @return why the cgroup could not be removed, if it could not */
    private static Optional<String> removeCgroup(Optional<CommandCgroup> cgroup) {
        try {
            cgroup.ifPresent(CommandCgroup::close);
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Waits while the node is monitored. */
    public interface Monitor {

        /**
         * Called once sampling has started; returns when monitoring should stop.
         *
         * @param interval the sampling interval in effect
         * @throws InterruptedException if interrupted while waiting; monitoring stops and the exception propagates
         */
        void await(Duration interval) throws InterruptedException;
    }

    /**
     * A monitor session: the node's power, measured, accounted and stored as a run of kind
     * {@link RunKind#MONITOR} with its samples.
     *
     * @param measurement what was measured
     * @param runId the stored run's id; empty when the store failed
     * @param run the run as recorded (named {@code monitor}, no command)
     * @param outcome the energy and carbon of the session, accounted in the node's zone as {@code measure} does
     * @param storeProblem the first store error, if the session was measured but not stored
     * @param storeLocation where the store is, once it was opened
     */
    public record MonitorResult(Measurement measurement, Optional<Long> runId, NewRun run, RunOutcome outcome,
            Optional<String> storeProblem, Optional<String> storeLocation) {
    }

    /**
     * Samples the node's power until {@code monitor} returns, and stores the session as a run of kind
     * {@link RunKind#MONITOR} (named {@code monitor}, no command, exit code 0) with its samples, its energy and its
     * carbon accounted hour by hour in {@code zone}, as {@link #command} does for a command. The run is stored as
     * started at once, so that a session that is killed leaves a running row and its samples so far.
     *
     * @param zone the node's zone: recorded with the node and used for the carbon
     * @param pue the site's PUE, recorded with the node and applied to the carbon
     * @param interval the sampling interval, at least {@link MeterConfig#MIN_INTERVAL}
     * @param live called on the sampler's thread with every sample
     * @throws IOException if the meter cannot take its first reading
     * @throws InterruptedException if {@code monitor} was interrupted; the session is stored first
     */
    public MonitorResult monitor(ZoneChoice zone, double pue, Duration interval, SampleListener live, Monitor monitor)
            throws IOException, InterruptedException {
        Map<String, String> env = settings.effectiveEnvironment();
        MeterConfig config = MeterConfig.fromEnvironment(env).withInterval(interval);
        Procfs procfs = new Procfs(config.procfsRoot());
        NodeInfo node = NodeFacts.describe(procfs, zone.zone().code(), pue);
        Discovery d = Meter.discover(config);
        try (RunWriter writer = new RunWriter(StoreConfig.fromEnvironment(env), node)) {
            Sampler sampler = Sampler.start(d, procfs, new Workload.None(), interval, both(writer, live));
            NewRun run = new NewRun(MONITOR_NAME, List.of(), Map.of(), sampler.startedAt(), node, RunKind.MONITOR);
            writer.start(run);
            InterruptedException interrupted = null;
            try {
                monitor.await(sampler.interval());
            } catch (InterruptedException e) {
                interrupted = e;
            }
            Measurement m = sampler.stop();
            RunOutcome outcome = Accounting.outcome(m, 0, zone, pue);
            Optional<Long> runId = writer.finish(outcome);
            if (interrupted != null) {
                throw interrupted;
            }
            return new MonitorResult(m, runId, run, outcome, writer.problem(), writer.location());
        } finally {
            d.sources().forEach(EnergySource::close);
        }
    }

    /** The name of every monitor session's run. */
    public static final String MONITOR_NAME = "monitor";

    /** A block of this JVM's work. */
    @FunctionalInterface
    public interface Block {
        /** @throws Exception whatever the work throws; the run is recorded as failed (exit code 1) and it propagates */
        void run() throws Exception;
    }

    /**
     * A measured block.
     *
     * @param measurement what was measured; the process share is this JVM's
     * @param recorded what was stored
     */
    public record Tracked(Measurement measurement, RunRecorder.Recorded recorded) {
    }

    /**
     * Measures a block of this JVM's work, accounts it in the configured zone and PUE and records it as a run
     * (no command), as {@code Greenloop.track} does with this module on the class path, but with these settings.
     *
     * @param name the run's name; not blank
     * @param tags the run's tags
     * @throws Exception what the block threw, after its run was recorded as failed
     * @throws UncheckedIOException if the meter cannot take its first reading
     * @throws dev.greenloop.store.StoreException if the store cannot be opened or written
     */
    public Tracked block(String name, Map<String, String> tags, Block block) throws Exception {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("run name must not be blank");
        }
        MeterConfig config = MeterConfig.fromEnvironment(settings.effectiveEnvironment());
        Discovery discovery = Meter.discover(config);
        Measurement m;
        try {
            Sampler sampler;
            try {
                sampler = Sampler.start(discovery, new Procfs(config.procfsRoot()), new Workload.ThisProcess(), config.interval(),
                        SampleListener.NONE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start measuring '" + name + "': " + e.getMessage(), e);
            }
            try {
                block.run();
            } catch (Exception | Error e) {
                Measurement failed = sampler.stop();
                record(name, tags, failed, true);
                throw e;
            }
            m = sampler.stop();
        } finally {
            discovery.sources().forEach(EnergySource::close);
        }
        return new Tracked(m, record(name, tags, m, false));
    }

    /**
     * Accounts and stores a measurement made elsewhere (a tracked block) as a finished run without a command, in
     * the configured zone (else guessed, see {@link ZoneChoice}) and PUE.
     *
     * @param failed true to record exit code 1, else 0
     * @return what was stored
     * @throws ConfigException if the zone or PUE configured is bad
     * @throws dev.greenloop.store.StoreException if the store cannot be opened or written
     */
    public RunRecorder.Recorded record(String name, Map<String, String> tags, Measurement measurement, boolean failed) {
        ZoneChoice zone = ZoneChoice.resolve(null, settings);
        double pue = Accounting.pue(null, null, settings);
        Map<String, String> env = settings.effectiveEnvironment();
        NodeInfo node = NodeFacts.describe(new Procfs(MeterConfig.fromEnvironment(env).procfsRoot()), zone.zone().code(), pue);
        RunOutcome outcome = Accounting.outcome(measurement, failed ? 1 : 0, zone, pue);
        try (Store store = RunStores.open(StoreConfig.fromEnvironment(env),
                // A tracked block runs inside the user's application: its standard error is the only place to tell.
                note -> System.err.println("greenloop: " + note))) {
            long id = store.startRun(new NewRun(name, List.of(), tags, measurement.startedAt(), node));
            store.finishRun(id, outcome);
            return new RunRecorder.Recorded(id, zone.zone().code(), outcome.carbon().grams(), outcome.carbon().processGrams());
        }
    }

    private static SampleListener both(RunWriter writer, SampleListener live) {
        return new SampleListener() {
            @Override
            public void onSample(Sample s) {
                writer.onSample(s);
                live.onSample(s);
            }

            @Override
            public void onReadError(String source, Exception error) {
                live.onReadError(source, error);
            }
        };
    }
}
