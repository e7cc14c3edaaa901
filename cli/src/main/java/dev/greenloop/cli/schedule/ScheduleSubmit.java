package dev.greenloop.cli.schedule;

import dev.greenloop.app.Scheduling;
import dev.greenloop.app.Settings;
import dev.greenloop.cli.Durations;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.Fmt;
import dev.greenloop.schedule.Job;
import dev.greenloop.store.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code greenloop schedule submit [job fields] -- CMD...}: queues a deferrable command for {@code schedule run}. */
@Command(name = "submit", sortOptions = false,
        description = {"Queue a deferrable command; 'greenloop schedule run' starts it at its cleanest planned time before its deadline."},
        footer = {"", "Examples:", "  greenloop schedule submit --duration 2h --deadline 24h --power 300 -- python train.py",
                "  greenloop schedule submit --id embed-7 --duration 4h --deadline 2026-11-24T00:00:00Z --power 500 \\",
                "      --interruptible --checkpoint-overhead 5m --min-segment 30m --zone DE -- ./embed.sh"})
final class ScheduleSubmit implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Option(names = "--id", paramLabel = "ID", description = "Job id: letters, digits, '.', '_', '-', up to 64 (default: generated).")
    String id;

    @Option(names = "--name", paramLabel = "N", description = "A readable name (default: the command line).")
    String name;

    @Option(names = "--duration", required = true, paramLabel = "D", description = "How long it runs, e.g. 90m, 2h; rounded up to whole minutes.")
    String duration;

    @Option(names = "--deadline", required = true, paramLabel = "T",
            description = "When it must have finished: ISO-8601 UTC (2026-11-24T00:00:00Z) or a duration from now (24h).")
    String deadline;

    @Option(names = "--power", required = true, paramLabel = "W", description = "The power it draws while running, watts, for the plan's estimate.")
    String power;

    @Option(names = "--interruptible", description = "It may be suspended (SIGSTOP) and resumed (SIGCONT) between planned segments.")
    boolean interruptible;

    @Option(names = "--checkpoint-overhead", paramLabel = "D", description = "Extra run time per resumption (interruptible only; default 0).")
    String checkpointOverhead;

    @Option(names = "--min-segment", paramLabel = "D", description = "Shortest run segment (interruptible only; default any).")
    String minSegment;

    @Option(names = "--zone", paramLabel = "Z", description = "A grid zone it may run in; repeatable (default: the zones 'schedule run' knows).")
    List<String> zones = new ArrayList<>();

    @Option(names = "--json", description = "Print the submitted job as JSON.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments, after --.")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        Instant now = Instant.now();
        String jobId = id != null ? id : "job-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        if (!ID.matcher(jobId).matches()) {
            throw new UsageException("--id: '%s' is not a job id; use letters, digits, '.', '_' and '-', up to 64, starting with a letter or digit"
                    .formatted(jobId));
        }
        int minutes = minutes("--duration", duration, 1);
        Instant due = deadline(now);
        double watts = watts();
        if (!interruptible && (checkpointOverhead != null || minSegment != null)) {
            throw new UsageException("--checkpoint-overhead and --min-segment apply to interruptible jobs; add --interruptible or drop them");
        }
        int checkpoint = checkpointOverhead == null ? 0 : minutes("--checkpoint-overhead", checkpointOverhead, 0);
        int segment = minSegment == null ? 0 : minutes("--min-segment", minSegment, 0);
        if (!due.isAfter(now.plus(Duration.ofMinutes(minutes)))) {
            throw new UsageException("--deadline: %s leaves less than the job's %d min from now (%s); give a later deadline"
                    .formatted(deadline, minutes, Times.iso(now)));
        }
        for (String z : zones) {
            if (!z.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                throw new UsageException("--zone: '%s' is not a zone code, such as DE or US-CAL-CISO (see 'greenloop zones')".formatted(z));
            }
        }
        JobSpec job = new JobSpec(jobId, name != null ? name : String.join(" ", command), now, minutes, due, watts, interruptible,
                checkpoint, segment, zones, command);
        Settings settings = Main.settings(spec);
        try (Scheduling store = Scheduling.open(settings)) {
            var submitted = store.submit(job, now);
            if (submitted.isEmpty()) {
                throw new UsageException("--id: a job '%s' exists already in %s; give another id".formatted(jobId, store.location()));
            }
            if (json) {
                ScheduleShow.printJson(spec.commandLine().getOut(), submitted.get(), store.events(jobId), null);
            } else {
                spec.commandLine().getOut().printf("submitted job %s (%d min at %s W, deadline %s) to %s%n", jobId, minutes, Fmt.number(watts),
                        Times.iso(due), store.location());
                spec.commandLine().getOut().println("'greenloop schedule run' plans and starts it; 'greenloop schedule show " + jobId + "' follows it.");
            }
        }
        return 0;
    }

    private Instant deadline(Instant now) {
        Instant due;
        try {
            due = Instant.parse(deadline.strip());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return now.plus(Durations.parse("--deadline", deadline));
            } catch (UsageException notADuration) {
                if (notADuration.getMessage().contains(Durations.TOO_LONG)) {
                    throw notADuration;
                }
                throw new UsageException("--deadline: '%s' is neither an ISO-8601 UTC time (2026-11-24T00:00:00Z) nor a duration from now (24h)"
                        .formatted(deadline));
            }
        }
        if (due.isAfter(now.plus(Durations.MAX))) {
            throw new UsageException("--deadline: %s is more than 10 years from now, the furthest deadline accepted; give a nearer one"
                    .formatted(deadline.strip()));
        }
        return due;
    }

    private double watts() {
        double w;
        try {
            w = Double.parseDouble(power.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--power: '%s' is not a number of watts, such as 300".formatted(power));
        }
        if (!Double.isFinite(w) || w < 0) {
            throw new UsageException("--power: '%s' is not a number of watts ≥ 0".formatted(power));
        }
        if (w > Job.MAX_POWER_WATTS) {
            throw new UsageException("--power: %s W is more than 1 MW (1000000 W), the limit for one job; give the power in watts (not mW), or split the work into several jobs"
                    .formatted(power.strip()));
        }
        return w;
    }

    /** @return the duration in whole minutes, rounded up */
    static int minutes(String option, String text, int least) {
        Duration d = text.strip().equals("0") ? Duration.ZERO : Durations.parse(option, text);
        long m = Math.ceilDiv(d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0), 60L);
        if (m < least || m > Integer.MAX_VALUE) {
            throw new UsageException("%s: '%s' is out of range; give at least %d min".formatted(option, text, least));
        }
        return (int) m;
    }
}
