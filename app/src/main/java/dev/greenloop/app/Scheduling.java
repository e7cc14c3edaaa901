package dev.greenloop.app;

import dev.greenloop.core.Interval;
import dev.greenloop.store.JobPlan;
import dev.greenloop.store.JobProgress;
import dev.greenloop.schedule.live.Executor;
import dev.greenloop.schedule.live.ExecutorRegistry;
import dev.greenloop.schedule.live.Forecasts;
import dev.greenloop.schedule.live.LiveJob;
import dev.greenloop.schedule.live.LiveScheduler;
import dev.greenloop.store.JobEvent;
import dev.greenloop.store.JobSpec;
import dev.greenloop.store.JobStore;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import dev.greenloop.store.Stores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Deferrable jobs: submit, list, show and cancel them in the store's job tables, and run the live scheduler that
 * starts them at their planned times through an executor of {@link ExecutorRegistry} (docs/schedule-live.md).
 *
 * <p>An instance holds the job store open; close it. The scheduler's loop ({@link #run}) is static: it opens its
 * own store and holds a lock file so that one runs per executor and {@code GREENLOOP_HOME}.
 */
public final class Scheduling implements AutoCloseable {

    /** How often to look while a local job runs: ends are recorded, and measurements stopped, within this. */
    private static final Duration BUSY_INTERVAL = Duration.ofMillis(500);

    private final Settings settings;
    private final StoreConfig config;
    private final JobStore jobs;

    private Scheduling(Settings settings, StoreConfig config, JobStore jobs) {
        this.settings = settings;
        this.config = config;
        this.jobs = jobs;
    }

    /**
     * Opens the job store configured by {@code settings} ({@code GREENLOOP_DB}, else SQLite in {@code GREENLOOP_HOME}).
     *
     * @throws dev.greenloop.store.StoreException if it cannot be opened
     */
    public static Scheduling open(Settings settings) {
        StoreConfig config = StoreConfig.fromEnvironment(settings.effectiveEnvironment());
        return new Scheduling(settings, config, Stores.openJobs(config));
    }

    /** @return where the jobs are stored, for messages */
    public String location() {
        return jobs.location();
    }

    /**
     * Queues a job, state {@code queued}, for the scheduler. Its zones are checked against the built-in zone table,
     * as {@code measure}'s is, and stored as the table spells them ({@code es} becomes {@code ES}).
     *
     * @return the stored job; empty if a job with its id exists already
     * @throws ConfigException for a zone the built-in table does not know, naming it (as the front end's
     *     {@code --zone}) with suggestions; nothing is stored
     */
    public Optional<StoredJob> submit(JobSpec spec, Instant now) {
        List<String> zones = spec.zones().stream().map(z -> ZoneChoice.known(z, "--zone").code()).toList();
        JobSpec checked = new JobSpec(spec.id(), spec.name(), spec.submittedAt(), spec.durationMinutes(), spec.deadline(), spec.powerWatts(),
                spec.interruptible(), spec.checkpointMinutes(), spec.minSegmentMinutes(), zones, spec.command());
        return jobs.submit(checked, now) ? jobs.find(spec.id()) : Optional.empty();
    }

    /** @return every job, in the store's order */
    public List<StoredJob> list() {
        return jobs.list();
    }

    /** @return the job with this id */
    public Optional<StoredJob> find(String id) {
        return jobs.find(id);
    }

    /** @return the job's state changes, oldest first; empty for an unknown id */
    public List<JobEvent> events(String id) {
        return jobs.events(id);
    }

    /** @return the run the job's measurement stored, if it has one */
    public Optional<StoredRun> measuredRun(StoredJob job) {
        if (job.progress().runId() == null) {
            return Optional.empty();
        }
        try (Store store = Stores.open(config)) {
            return store.findRun(job.progress().runId());
        }
    }

    /**
     * The measured energy of every job whose measured run has ended and started at or after {@code since}, for
     * {@code /metrics}. It reads the job list and the runs started since then, two queries whatever the number of jobs;
     * {@code since} bounds the runs read, so a scrape stays cheap in a store with a long history.
     *
     * @return one entry per such job, in the job store's order
     * @throws dev.greenloop.store.StoreException if the store cannot be read
     */
    public List<JobEnergy> measuredEnergy(Instant since) {
        List<StoredJob> measured = jobs.list().stream().filter(j -> j.progress().runId() != null).toList();
        if (measured.isEmpty()) {
            return List.of();
        }
        Map<Long, StoredRun> runs = new HashMap<>();
        try (Store store = Stores.open(config)) {
            for (StoredRun run : store.listRuns(Optional.of(since))) {
                runs.put(run.id(), run);
            }
        }
        List<JobEnergy> energies = new ArrayList<>();
        for (StoredJob job : measured) {
            StoredRun run = runs.get(job.progress().runId());
            if (run != null && run.outcome().isPresent()) {
                energies.add(new JobEnergy(job.id(), run.start().node().name(), run.outcome().get().total().joules()));
            }
        }
        return List.copyOf(energies);
    }

    /**
     * A job's measured energy.
     *
     * @param job the job's id
     * @param node the node its run was measured on
     * @param joules the run's total: the sum of its counted components (never overlapping scopes)
     */
    public record JobEnergy(String job, String node, double joules) {
    }

    /**
     * Moves a planned job's plan so that it starts at {@code to} instead of {@code from} (every segment moves by the same
     * amount); the live scheduler starts it then, and may re-plan it when the zone's forecast changes. The plan's grams
     * are kept as planned before the move (the move's own estimate is the recommendation's).
     *
     * @return the job as stored after the move
     * @throws IllegalStateException naming the job and why when it is unknown, not planned, already handed to an
     *     executor, does not start at {@code from}, or was changed meanwhile
     */
    public StoredJob reschedule(String id, Instant from, Instant to, Instant now) {
        StoredJob job = jobs.find(id).orElseThrow(() -> new IllegalStateException("no job " + id + "; 'greenloop schedule list' lists them"));
        JobProgress p = job.progress();
        if (!"planned".equals(job.state()) || p.plan() == null || p.externalId() != null) {
            throw new IllegalStateException("job %s is %s%s; only a planned job not yet handed to an executor can be moved".formatted(id,
                    job.state(), p.externalId() != null ? " and handed to " + p.executor() : ""));
        }
        Instant start = p.plan().segments().getFirst().start();
        if (!start.equals(from)) {
            throw new IllegalStateException("job %s now starts at %s, not %s: its plan changed since".formatted(id, start, from));
        }
        Duration shift = Duration.between(from, to);
        List<Interval> moved = p.plan().segments().stream().map(i -> new Interval(i.start().plus(shift), i.end().plus(shift))).toList();
        JobPlan plan = new JobPlan(p.plan().zone(), moved, p.plan().plannedGrams(), p.plan().baselineGrams(), now);
        return jobs.update(id, job.version(), p.withPlan(plan), now, "rescheduled from %s to %s by a recommendation".formatted(from, to))
                .orElseThrow(() -> new IllegalStateException("job %s changed while it was being moved; try again".formatted(id)));
    }

    /**
     * Cancels a job; a running one is stopped by the executor that started it (SIGTERM to its process group, or
     * {@code scancel}).
     */
    public LiveScheduler.CancelResult cancel(String id, Instant now) {
        Path root = settings.home().resolve("jobs");
        return LiveScheduler.cancel(new StoreJobQueue(jobs), name -> ExecutorRegistry.create(name, ExecutorRegistry.Context.of(root)), id, now);
    }

    @Override
    public void close() {
        jobs.close();
    }

    /**
     * How the scheduler runs.
     *
     * @param executor the executor's name, one of {@link ExecutorRegistry#names()}
     * @param executorOptions extra executor options, such as {@code sbatch} options
     * @param pue the PUE for the measured runs
     * @param interval time between passes while no job runs
     * @param once start what is due, follow the jobs that run until they end (local), then return; one pass (Slurm)
     * @param exitWhenIdle return once no job waits, runs or is suspended
     */
    public record RunOptions(String executor, List<String> executorOptions, double pue, Duration interval, boolean once,
            boolean exitWhenIdle) {

        /** @throws IllegalArgumentException for an unknown executor or a non-positive interval */
        public RunOptions {
            if (!ExecutorRegistry.has(executor)) {
                throw new IllegalArgumentException("'%s' is not %s".formatted(executor, String.join(" or ", ExecutorRegistry.names())));
            }
            executorOptions = List.copyOf(executorOptions);
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive, was " + interval);
            }
        }
    }

    /**
     * Runs the live scheduler until stopped (SIGTERM, Ctrl-C: running jobs go on, and the next run adopts them), or
     * as {@code options} say: plans, re-plans when {@code forecasts} change, starts, suspends and resumes jobs, and
     * measures each run (Slurm jobs through {@code greenloop measure} in the batch script, when the process was
     * started by the launcher, {@code GREENLOOP_LAUNCHER}).
     *
     * @param forecasts the intensity forecasts to plan on, asked for once, after the executor is chosen
     * @param err where start-up lines and warnings go
     * @param log where the scheduler's lines go, one per state change or decision (a front end time-stamps them)
     * @return 0, or 1 when another scheduler with the same executor holds the lock
     * @throws IOException if {@code GREENLOOP_HOME} or the lock file cannot be created
     * @throws InterruptedException if interrupted while waiting
     */
    public static int run(Settings settings, RunOptions options, Supplier<Forecasts> forecasts,
            PrintWriter err, Consumer<String> log) throws IOException, InterruptedException {
        JobMeter meter = new JobMeter(settings, options.pue(), err);
        Executor executor = ExecutorRegistry.create(options.executor(), new ExecutorRegistry.Context(settings.home().resolve("jobs"),
                Instant::now, options.executorOptions(), measuringWrapper(settings, options.executor(), meter, err)));
        Forecasts planOn = forecasts.get();
        Path home = settings.home();
        Files.createDirectories(home);
        Path lockFile = home.resolve("schedule-run-" + executor.name() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                err.printf("greenloop: another 'greenloop schedule run --executor %s' is running (it holds %s); one at a time%n",
                        executor.name(), lockFile);
                return 1;
            }
            try (JobStore jobs = Stores.openJobs(StoreConfig.fromEnvironment(settings.effectiveEnvironment()))) {
                LiveScheduler scheduler = new LiveScheduler(new StoreJobQueue(jobs), executor, planOn, meter, Clock.systemUTC(), log);
                err.printf("greenloop: scheduling jobs in %s with the %s executor%n", jobs.location(), executor.name());
                return loop(scheduler, executor, options);
            }
        }
    }

    private static int loop(LiveScheduler scheduler, Executor executor, RunOptions options) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                // Let the current pass finish its writes; jobs themselves keep running and are adopted by the next runner.
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "greenloop-schedule-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            scheduler.reconcile();
            if (options.once()) {
                scheduler.tick(true);
                while (!executor.startsAtPlannedTime() && scheduler.busy() && !stop.await(BUSY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                    scheduler.tick(false);
                }
                return 0;
            }
            while (stop.getCount() > 0) {
                scheduler.tick(true);
                if (options.exitWhenIdle() && scheduler.idle()) {
                    break;
                }
                Duration wait = scheduler.busy() && !executor.startsAtPlannedTime() ? BUSY_INTERVAL : options.interval();
                if (stop.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
            return 0;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already stopping because of a signal: the hook runs and is released by 'stopped' above.
            }
        }
    }

    /**
     * Slurm jobs run on a compute node, out of this process's sight: their batch script runs the command under
     * {@code greenloop measure} (the launcher this process was started by, {@code GREENLOOP_LAUNCHER}), which
     * stores the run where {@link JobMeter#recorded} finds it. Without a launcher, Slurm jobs are not measured.
     */
    private static Function<LiveJob, List<String>> measuringWrapper(Settings settings, String executor, JobMeter meter, PrintWriter err) {
        if (!executor.trim().equalsIgnoreCase("slurm")) {
            return job -> List.of();
        }
        String launcher = settings.effectiveEnvironment().get("GREENLOOP_LAUNCHER");
        if (launcher == null || launcher.isBlank() || !Files.isExecutable(Path.of(launcher))) {
            err.println("greenloop: warning: Slurm jobs will not be measured: start 'schedule run' through the ./greenloop launcher"
                    + " (it sets GREENLOOP_LAUNCHER), whose 'measure' the batch scripts call");
            return job -> List.of();
        }
        Objects.requireNonNull(meter);
        return job -> meter.measureCommand(launcher, job);
    }
}
