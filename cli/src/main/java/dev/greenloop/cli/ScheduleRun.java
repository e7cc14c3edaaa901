package dev.greenloop.cli;

import dev.greenloop.app.IntensityService;
import dev.greenloop.carbon.InvalidTraceException;
import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.schedule.live.Executor;
import dev.greenloop.schedule.live.Forecasts;
import dev.greenloop.schedule.live.LiveJob;
import dev.greenloop.schedule.live.LiveScheduler;
import dev.greenloop.schedule.live.LocalExecutor;
import dev.greenloop.schedule.live.RunMeter;
import dev.greenloop.schedule.live.SlurmExecutor;
import dev.greenloop.schedule.live.TraceFileForecasts;
import dev.greenloop.schedule.live.YearlyForecasts;
import dev.greenloop.store.JobStore;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code greenloop schedule run}: the live scheduler's loop. See docs/schedule-live.md for the states, the re-planning
 * rule and what a restart does.
 */
@Command(name = "run", sortOptions = false,
        description = {"Run submitted jobs at their planned times: plan, re-plan when the intensity data changes, start, "
                + "suspend and resume interruptible jobs, and measure each run (Slurm jobs through greenloop measure in the batch script).",
                "Stop it with Ctrl-C or SIGTERM: running jobs go on, and the next 'schedule run' adopts them.",
                "--trace files are re-read when they change; without --trace or --provider, the built-in yearly table is used."},
        footer = {"", "Examples:", "  greenloop schedule run --trace DE=forecast-de.csv",
                "  greenloop schedule run --executor slurm --sbatch-option=--partition=batch",
                "  greenloop schedule run --once          # start what is due, wait for it, exit (cron)"})
final class ScheduleRun implements Callable<Integer> {

    @Option(names = "--executor", defaultValue = "local", paramLabel = "E", description = "local (processes of this machine) or slurm (sbatch --begin).")
    String executorName;

    /** {@code --trace ZONE=FILE} (re-read when it changes; without it, the built-in yearly table) and {@code --signal}. */
    @Mixin
    TraceOptions trace = new TraceOptions();

    @Option(names = "--provider", paramLabel = "P",
            description = "Plan on a live provider's forecasts instead: ${greenloop.providers}; needs --zone.")
    String provider;

    @Option(names = "--zone", paramLabel = "Z", description = "With --provider: a zone to fetch forecasts for; repeatable; the first is the default zone.")
    List<String> zones = new ArrayList<>();

    @Option(names = "--refresh", paramLabel = "D", description = "With --provider: how often to fetch the forecasts again, e.g. 30m (default), 1h.")
    String refresh;

    @Option(names = "--once", description = "Start what is due now, follow the jobs that run until they end, then exit (local); one pass (slurm).")
    boolean once;

    @Option(names = "--exit-when-idle", description = "Exit once no job waits, runs or is suspended.")
    boolean exitWhenIdle;

    @Option(names = "--interval", paramLabel = "D", description = "Time between passes while no job runs, e.g. 30s (default), 5m.")
    String interval;

    @Option(names = "--pue", paramLabel = "X", description = "PUE for the measured runs (default: GREENLOOP_PUE, else 1.0).")
    String pue;

    @Option(names = "--sbatch-option", paramLabel = "OPT", description = "An extra sbatch option for every job, e.g. --sbatch-option=--partition=debug; repeatable.")
    List<String> sbatchOptions = new ArrayList<>();

    /** How often to look while a local job runs: ends are recorded, and measurements stopped, within this. */
    private static final Duration BUSY_INTERVAL = Duration.ofMillis(500);

    @Override
    public Integer call() throws Exception {
        Settings settings = Settings.load();
        Duration every = interval == null ? Duration.ofSeconds(30) : Durations.parse("--interval", interval);
        double pueValue = Accounting.pue(pue != null ? pue : settings.get("PUE").orElse("1.0"), pue != null ? "--pue" : settings.origin("PUE"));
        PrintStream err = System.err;
        JobMeter meter = new JobMeter(settings, pueValue, err);
        Executor executor = executor(executorName, settings, sbatchOptions, measuringWrapper(settings, meter, err));
        try (IntensityService service = IntensityService.of(settings.effectiveEnvironment())) {
            return run(settings, every, executor, meter, err, forecasts(settings, service, err));
        }
    }

    private int run(Settings settings, Duration every, Executor executor, RunMeter meter, PrintStream err, Forecasts forecasts)
            throws Exception {
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
                LiveScheduler scheduler = new LiveScheduler(new StoreJobQueue(jobs), executor, forecasts, meter, Clock.systemUTC(),
                        line -> err.println("greenloop: " + Times.iso(Instant.now()) + " " + line));
                err.printf("greenloop: scheduling jobs in %s with the %s executor%n", jobs.location(), executor.name());
                return loop(scheduler, executor, every);
            }
        }
    }

    private int loop(LiveScheduler scheduler, Executor executor, Duration every) throws InterruptedException {
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
            if (once) {
                scheduler.tick(true);
                while (!executor.startsAtPlannedTime() && scheduler.busy() && !stop.await(BUSY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
                    scheduler.tick(false);
                }
                return 0;
            }
            while (stop.getCount() > 0) {
                scheduler.tick(true);
                if (exitWhenIdle && scheduler.idle()) {
                    break;
                }
                Duration wait = scheduler.busy() && !executor.startsAtPlannedTime() ? BUSY_INTERVAL : every;
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

    private Forecasts forecasts(Settings settings, IntensityService service, PrintStream err) {
        if (provider != null) {
            if (!trace.isEmpty()) {
                throw new UsageException("--provider and --trace: give one source of intensity data, not both");
            }
            if (zones.isEmpty()) {
                throw new UsageException("--provider %s: give the zones to fetch with --zone, e.g. --zone GB".formatted(provider));
            }
            Duration every = refresh == null ? Duration.ofMinutes(30) : Durations.parse("--refresh", refresh);
            err.printf("greenloop: planning on %s forecasts for %s, fetched every %s and archived in the store%n",
                    provider.strip().toLowerCase(Locale.ROOT), String.join(", ", zones), Durations.format(every));
            return new ProviderForecasts(IntensityLive.call(provider, () -> service.provider(provider, trace.signal)), zones, every,
                    Clock.systemUTC());
        }
        if (!zones.isEmpty() || refresh != null) {
            throw new UsageException("--zone and --refresh go with --provider; with --trace the file names the zone (ZONE=FILE)");
        }
        if (trace.isEmpty()) {
            ZoneChoice zone = ZoneChoice.resolve(null, settings);
            err.printf("greenloop: no --trace: planning on the built-in yearly intensity of %s (%s); every hour looks alike, so jobs start"
                    + " as soon as they may%n", zone.zone().code(), zone.origin());
            return new YearlyForecasts(ZoneTable.builtIn(), List.of(zone.zone().code()));
        }
        TraceFileForecasts f = new TraceFileForecasts(trace.files(), trace.basis());
        try {
            f.traces(List.of(), Instant.now(), Instant.now());
        } catch (InvalidTraceException e) {
            throw new UsageException("--trace: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UsageException("--trace: " + e.getMessage() + ": " + e.getCause().getMessage());
        }
        return f;
    }

    /**
     * Slurm jobs run on a compute node, out of this process's sight: their batch script runs the command under
     * {@code greenloop measure} (the launcher this process was started by, {@code GREENLOOP_LAUNCHER}), which
     * stores the run where {@link JobMeter#recorded} finds it. Without a launcher, Slurm jobs are not measured.
     */
    private Function<LiveJob, List<String>> measuringWrapper(Settings settings, JobMeter meter, PrintStream err) {
        if (!executorName.trim().equalsIgnoreCase("slurm")) {
            return job -> List.of();
        }
        String launcher = settings.effectiveEnvironment().get("GREENLOOP_LAUNCHER");
        if (launcher == null || launcher.isBlank() || !Files.isExecutable(Path.of(launcher))) {
            err.println("greenloop: warning: Slurm jobs will not be measured: start 'schedule run' through the ./greenloop launcher"
                    + " (it sets GREENLOOP_LAUNCHER), whose 'measure' the batch scripts call");
            return job -> List.of();
        }
        return job -> meter.measureCommand(launcher, job);
    }

    /**
     * @throws UsageException for an unknown executor name
     */
    static Executor executor(String name, Settings settings, List<String> sbatchOptions) {
        return executor(name, settings, sbatchOptions, job -> List.of());
    }

    /**
     * @param wrapper per job, the words a Slurm batch script puts before the command (see {@link SlurmExecutor})
     * @throws UsageException for an unknown executor name
     */
    static Executor executor(String name, Settings settings, List<String> sbatchOptions, Function<LiveJob, List<String>> wrapper) {
        Path root = settings.home().resolve("jobs");
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "local" -> new LocalExecutor(root);
            case "slurm" -> new SlurmExecutor(root, Instant::now, sbatchOptions, null, wrapper);
            default -> throw new UsageException("--executor: '%s' is not local or slurm".formatted(name));
        };
    }

}
