package dev.greenloop.cli.schedule;

import dev.greenloop.cli.UsageException;
import dev.greenloop.schedule.Job;
import dev.greenloop.schedule.JobFiles;
import dev.greenloop.report.AtomicFile;
import dev.greenloop.schedule.LwaScenario;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop schedule jobs}: writes a benchmark job file for {@code schedule simulate}. The one
 * scenario so far is {@code lwa-ml}, the ML-training jobs of Let's Wait Awhile ({@link LwaScenario}).
 */
@Command(name = "jobs", description = {
        "Write a benchmark job file for 'schedule simulate'.",
        "lwa-ml: the ML-training scenario of Let's Wait Awhile (Wiesner et al., Middleware 2021): 3,387 jobs on the workdays"
                + " of 2020, submitted 09:00-16:30 UTC, running 4-89.5 h at 1,000 W, deadline the next workday 09:00."
                + " Same distribution as the paper's, not the same jobs (numpy's RNG is not reproduced)."})
final class ScheduleJobsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "NAME", description = "The job set: lwa-ml.")
    String scenario;

    @Option(names = "--interruptible", description = "Let the jobs be split (no checkpoint overhead, no minimum segment).")
    boolean interruptible;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "K", description = "Seed of the draws (java.util.Random). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<Job> jobs = switch (scenario.trim().toLowerCase(Locale.ROOT)) {
            case "lwa-ml" -> LwaScenario.mlTraining(seed, interruptible);
            default -> throw new UsageException("--scenario: unknown scenario '%s'; use lwa-ml".formatted(scenario));
        };
        if (out == null) {
            Writer w = spec.commandLine().getOut();
            JobFiles.write(jobs, w);
            w.flush();
            return 0;
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UsageException("--out: cannot create %s; its directory does not exist".formatted(out));
        }
        AtomicFile.writeText(out, w -> JobFiles.write(jobs, w));
        return 0;
    }
}
