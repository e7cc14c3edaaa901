package dev.greenloop.cli.schedule;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.app.Scheduling;
import dev.greenloop.app.Settings;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.UsageException;
import dev.greenloop.core.Interval;
import dev.greenloop.report.Fmt;
import dev.greenloop.report.JobJson;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import dev.greenloop.store.JobEvent;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code greenloop schedule show ID [--json]}: one job, its plan, planned against measured grams, and its history. */
@Command(name = "show", description = "Show a scheduled job: its plan, planned and measured emissions, and every state change.")
final class ScheduleShow implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The job id.")
    String id;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Scheduling jobs = Scheduling.open(Main.settings(spec))) {
            StoredJob job = jobs.find(id).orElseThrow(() -> new UsageException(
                    "no job '%s' in %s; 'greenloop schedule list' shows the jobs".formatted(id, jobs.location())));
            StoredRun run = jobs.measuredRun(job).orElse(null);
            List<JobEvent> events = jobs.events(id);
            if (json) {
                printJson(spec.commandLine().getOut(), job, events, run);
            } else {
                print(spec.commandLine().getOut(), job, events, run);
            }
        }
        return 0;
    }

    static void printJson(PrintWriter out, StoredJob job, List<JobEvent> events, StoredRun run) {
        try (JsonGenerator g = RunJson.generator(out)) {
            JobJson.write(g, job, events, run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    private static void print(PrintWriter out, StoredJob job, List<JobEvent> events, StoredRun run) {
        var s = job.spec();
        var p = job.progress();
        out.printf("job %s (%s): %s%n", s.id(), s.name(), p.state());
        out.printf("  command      %s%n", String.join(" ", s.command()));
        out.printf("  needs        %d min at %s W, %s, by %s, zones %s%n", s.durationMinutes(), Fmt.number(s.powerWatts()),
                s.interruptible() ? "interruptible (checkpoint %d min, segments ≥ %d min)".formatted(s.checkpointMinutes(), s.minSegmentMinutes())
                        : "in one piece", Times.iso(s.deadline()), s.zones().isEmpty() ? "any" : String.join(", ", s.zones()));
        if (p.plan() != null) {
            out.printf("  plan         %s, made %s%n", p.plan().zone(), Times.iso(p.plan().plannedAt()));
            for (Interval i : p.plan().segments()) {
                out.printf("               %s → %s%n", Times.iso(i.start()), Times.iso(i.end()));
            }
        }
        out.printf("  planned      %s (at once: %s)%n", Fmt.grams(p.plan() == null ? null : p.plan().plannedGrams()),
                Fmt.grams(p.plan() == null ? null : p.plan().baselineGrams()));
        var carbon = run == null ? null : run.outcome().map(o -> o.carbon()).orElse(null);
        if (carbon != null) {
            out.printf("  measured     %s (the job's processes; node %s), run %d, %s%n", Fmt.grams(carbon.processGrams()),
                    Fmt.grams(carbon.grams()), run.id(), carbon.signal());
        } else {
            out.printf("  measured     —%s%n", p.runId() != null ? " (run %d is not finished)".formatted(p.runId()) : "");
        }
        if (p.executor() != null) {
            out.printf("  executor     %s %s, attempt %d%s%n", p.executor(), p.externalId() == null ? "" : p.externalId(), p.attempt(),
                    p.exitCode() == null ? "" : ", exit code " + p.exitCode());
        }
        out.println();
        Table t = new Table("at", "from", "to", "detail");
        for (JobEvent e : events) {
            t.row(Times.table(e.at()), e.fromState() == null ? "" : e.fromState(), e.toState(), e.detail());
        }
        t.print(out);
    }
}
