package dev.greenloop.cli.schedule;

import dev.greenloop.app.Accounting;
import dev.greenloop.app.IntensityService;
import dev.greenloop.app.Scheduling;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneChoice;
import dev.greenloop.carbon.InvalidTraceException;
import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.cli.Durations;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.TraceOptions;
import dev.greenloop.cli.UsageException;
import dev.greenloop.cli.ProviderCalls;
import dev.greenloop.schedule.live.ExecutorRegistry;
import dev.greenloop.schedule.live.Forecasts;
import dev.greenloop.schedule.live.TraceFileForecasts;
import dev.greenloop.schedule.live.YearlyForecasts;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    static {
        // The help lists the executors from their registry: --executor's description says ${greenloop.executors}.
        System.setProperty("greenloop.executors", String.join(" or ", ExecutorRegistry.names()));
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--executor", defaultValue = "local", paramLabel = "E",
            description = "The executor: ${greenloop.executors} (local: processes of this machine; slurm: sbatch --begin); default ${DEFAULT-VALUE}.")
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

    @Override
    public Integer call() throws Exception {
        Settings settings = Main.settings(spec);
        Duration every = interval == null ? Duration.ofSeconds(30) : Durations.parse("--interval", interval);
        double pueValue = Accounting.pue(pue, "--pue", settings);
        if (!ExecutorRegistry.has(executorName)) {
            throw new UsageException("--executor: '%s' is not %s".formatted(executorName, String.join(" or ", ExecutorRegistry.names())));
        }
        PrintWriter err = spec.commandLine().getErr();
        Scheduling.RunOptions options = new Scheduling.RunOptions(executorName, sbatchOptions, pueValue, every, once, exitWhenIdle);
        try (IntensityService service = IntensityService.of(settings.effectiveEnvironment())) {
            return Scheduling.run(settings, options, () -> forecasts(settings, service, err), err,
                    line -> err.println("greenloop: " + Times.iso(Instant.now()) + " " + line));
        }
    }

    private Forecasts forecasts(Settings settings, IntensityService service, PrintWriter err) {
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
            return ProviderCalls.call(provider, () -> ProviderForecasts.open(service, provider, trace.signal, zones, every, Clock.systemUTC()));
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
}
