package dev.greenloop.cli.schedule;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.InvalidTraceException;
import dev.greenloop.carbon.TraceFiles;
import dev.greenloop.cli.Durations;
import dev.greenloop.cli.TraceOptions;
import dev.greenloop.cli.InputFiles;
import dev.greenloop.cli.UsageException;
import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.report.SchedulePlanCsv;
import dev.greenloop.report.SimulationJson;
import dev.greenloop.schedule.Coupling;
import dev.greenloop.schedule.InvalidJobException;
import dev.greenloop.schedule.Job;
import dev.greenloop.schedule.JobFiles;
import dev.greenloop.schedule.Policy;
import dev.greenloop.schedule.SimulationOptions;
import dev.greenloop.schedule.SimulationResult;
import dev.greenloop.schedule.Simulator;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop schedule simulate}: plans a job file with a policy on intensity traces and
 * reports the emissions against running every job at once.
 */
@Command(name = "simulate", description = {"Replay a job file on intensity traces with a policy; compare with running at once.",
        "--trace is required; the first is the default zone."})
final class ScheduleSimulateCommand implements Callable<Integer> {

    /** The largest {@code --forecast-error} accepted: 10, a standard deviation of 1000 %. */
    static final double MAX_FORECAST_ERROR = 10;

    @Spec
    CommandSpec spec;

    /** {@code --trace ZONE=FILE}, required (the first is the default zone), and {@code --signal}. */
    @Mixin
    TraceOptions trace = new TraceOptions();

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--jobs", required = true, paramLabel = "FILE",
            description = "Job file: id,submit,duration_minutes,deadline,power_watts,interruptible,zones[,checkpoint_minutes,min_segment_minutes][,precompute].")
    Path jobsFile;

    @Option(names = "--policy", defaultValue = "optimal", paramLabel = "P",
            description = "agnostic, optimal, greedy, threshold or lwa (Let's Wait Awhile). Default: ${DEFAULT-VALUE}.")
    String policy;

    @Option(names = "--threshold", paramLabel = "G", description = "Intensity level in gCO2eq/kWh for --policy threshold.")
    Double threshold;

    @Option(names = "--forecast-error", defaultValue = "0", paramLabel = "S",
            description = "Plan on the trace times N(1, S) noise per point (0.05 = 5 %%); account on the real trace.")
    double forecastError;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "K", description = "Seed of the forecast noise. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--capacity", paramLabel = "ZONE=N",
            description = "At most N jobs running at once in ZONE; repeat per zone. Needs --policy optimal (planned with CP-SAT).")
    List<String> capacity = new ArrayList<>();

    @Option(names = "--power-budget", paramLabel = "ZONE=W",
            description = "At most W watts drawn at once by the jobs in ZONE; repeat per zone. Needs --policy optimal (planned with CP-SAT).")
    List<String> powerBudget = new ArrayList<>();

    @Option(names = "--battery-budget", paramLabel = "ZONE=W",
            description = "Information battery: at most W watts drawn at once by the precomputable jobs (precompute=true) in ZONE; repeat per zone. Without it, no limit.")
    List<String> batteryBudget = new ArrayList<>();

    @Option(names = "--time-limit", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long CP-SAT may search under --capacity/--power-budget. Default: ${DEFAULT-VALUE}.")
    double timeLimitSeconds;

    @Option(names = "--out", paramLabel = "PLAN.csv", description = "Write the plan: id,zone,start,end, one row per run segment.")
    Path out;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE", description = "Draw the zones' intensity and the placed jobs: SVG if FILE ends in .svg, else PNG.")
    Path plot;

    @Override
    public Integer call() throws IOException {
        if (trace.isEmpty()) {
            // The mixin's --trace is optional elsewhere; here it is required, as picocli would say.
            throw new ParameterException(commandSpec.commandLine(), "Missing required option: '--trace=ZONE=FILE'");
        }
        SimulationOptions options = options();
        List<IntensityTrace> loaded = loadTraces();
        List<Job> jobs;
        try {
            jobs = JobFiles.read(InputFiles.require("--jobs", jobsFile));
        } catch (NoSuchFileException e) {
            throw new UsageException("--jobs: no such file " + jobsFile);
        } catch (InvalidJobException e) {
            throw new UsageException(e.getMessage());
        }
        SimulationResult result;
        try {
            result = Simulator.simulate(jobs, loaded, options);
        } catch (InvalidJobException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!batteryBudget.isEmpty() && result.battery() == null) {
            spec.commandLine().getErr().println("note: --battery-budget has no effect: " + jobsFile + " has no precomputable job (column precompute, true)");
        }
        if (out != null) {
            SchedulePlanCsv.write(out, result);
        }
        if (plot != null) {
            SchedulePlot.write(plot, loaded, result);
        }
        if (json) {
            SimulationJson.print(result, spec.commandLine().getOut());
        } else {
            ScheduleReport.text(result, spec.commandLine().getOut(), out);
        }
        return 0;
    }

    private SimulationOptions options() {
        Policy p;
        try {
            p = Policy.parse(policy);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--policy: " + e.getMessage());
        }
        if (threshold != null && p != Policy.THRESHOLD) {
            throw new UsageException("--threshold applies to --policy threshold only, not " + p.label());
        }
        if (forecastError > MAX_FORECAST_ERROR) {
            throw new UsageException("--forecast-error: %s is above %.0f (%.0f %%), the largest accepted; beyond it the planned trace is noise alone. Write 0.05 for 5 %%"
                    .formatted(forecastError, MAX_FORECAST_ERROR, MAX_FORECAST_ERROR * 100));
        }
        if (threshold != null && !(threshold >= 0 && threshold <= CarbonIntensity.MAX_GRAMS_PER_KWH)) {
            throw new UsageException("--threshold: %s is not an intensity from 0 to %.0f gCO2eq/kWh (no grid emits more than about 1,450); give it in gCO2eq/kWh, such as 200"
                    .formatted(threshold, CarbonIntensity.MAX_GRAMS_PER_KWH));
        }
        try {
            return new SimulationOptions(p, forecastError, seed, threshold == null ? Double.NaN : threshold, coupling(),
                    watts("--battery-budget", batteryBudget, "--battery-budget ES=2000"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private Coupling coupling() {
        if (!(timeLimitSeconds > 0) || !Double.isFinite(timeLimitSeconds)) {
            throw new UsageException("--time-limit: '%s' is not a positive number of seconds".formatted(timeLimitSeconds));
        }
        if (timeLimitSeconds > Durations.MAX.toSeconds()) {
            throw new UsageException("--time-limit: %s s is longer than 10 years (%d s), the longest duration accepted; give seconds, such as 30"
                    .formatted(timeLimitSeconds, Durations.MAX.toSeconds()));
        }
        Map<String, Integer> jobs = new LinkedHashMap<>();
        for (String spec : capacity) {
            String[] kv = zoneValue("--capacity", spec, "--capacity DE=4");
            try {
                jobs.put(kv[0], Integer.parseInt(kv[1]));
            } catch (NumberFormatException e) {
                throw new UsageException("--capacity: '%s' is not a whole number of jobs; write for example --capacity DE=4".formatted(kv[1]));
            }
        }
        return new Coupling(jobs, watts("--power-budget", powerBudget, "--power-budget DE=5000"), Duration.ofMillis(Math.round(timeLimitSeconds * 1000)));
    }

    /** @return per zone the watts of {@code ZONE=W} specs; a zone given twice keeps the last */
    private static Map<String, Double> watts(String flag, List<String> specs, String example) {
        Map<String, Double> watts = new LinkedHashMap<>();
        for (String spec : specs) {
            String[] kv = zoneValue(flag, spec, example);
            try {
                watts.put(kv[0], Double.parseDouble(kv[1]));
            } catch (NumberFormatException e) {
                throw new UsageException("%s: '%s' is not a number of watts; write for example %s".formatted(flag, kv[1], example));
            }
        }
        return watts;
    }

    private static String[] zoneValue(String flag, String spec, String example) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new UsageException("%s: '%s' is not ZONE=VALUE; write for example %s".formatted(flag, spec, example));
        }
        return new String[] {spec.substring(0, eq).trim(), spec.substring(eq + 1).trim()};
    }

    private List<IntensityTrace> loadTraces() {
        return new ArrayList<>(trace.read().values());
    }
}
