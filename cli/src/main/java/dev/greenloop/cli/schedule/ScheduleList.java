package dev.greenloop.cli.schedule;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.app.Scheduling;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.Times;
import dev.greenloop.report.Fmt;
import dev.greenloop.report.JobJson;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop schedule list [--json]}: every live job with its state, plan and measured grams. */
@Command(name = "list", description = "List scheduled jobs: state, planned start and zone, planned and measured gCO2eq.")
final class ScheduleList implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        try (Scheduling jobs = Scheduling.open(Main.settings(spec))) {
            List<StoredJob> all = jobs.list();
            if (json) {
                try (JsonGenerator g = RunJson.generator(spec.commandLine().getOut())) {
                    g.writeStartArray();
                    for (StoredJob j : all) {
                        JobJson.write(g, j, null, jobs.measuredRun(j).orElse(null));
                    }
                    g.writeEndArray();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                spec.commandLine().getOut().println();
                return 0;
            }
            if (all.isEmpty()) {
                spec.commandLine().getOut().println("no jobs in " + jobs.location() + "; add one with 'greenloop schedule submit'");
                return 0;
            }
            Table t = new Table("id", "state", "zone", "planned start (UTC)", "deadline (UTC)", "planned CO2eq", "at once CO2eq", "measured CO2eq", "name");
            for (StoredJob j : all) {
                var plan = j.progress().plan();
                StoredRun run = jobs.measuredRun(j).orElse(null);
                Double measured = run == null ? null : run.outcome().map(o -> o.carbon().processGrams()).orElse(null);
                t.row(j.id(), j.state(), plan == null ? "" : plan.zone(), plan == null ? "" : Times.table(plan.segments().getFirst().start()),
                        Times.table(j.spec().deadline()), Fmt.grams(plan == null ? null : plan.plannedGrams()),
                        Fmt.grams(plan == null ? null : plan.baselineGrams()), Fmt.grams(measured), j.spec().name());
            }
            t.print(spec.commandLine().getOut());
        }
        return 0;
    }
}
