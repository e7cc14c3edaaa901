package dev.greenloop.cli.analyze;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.app.AnalysisJson;
import dev.greenloop.app.Fleet;
import dev.greenloop.app.FleetInputException;
import dev.greenloop.app.PowerAnalysis;
import dev.greenloop.app.Settings;
import dev.greenloop.app.WorkSpan;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import dev.greenloop.store.FleetNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop analyze}: a node's daily summary, idle against active, baseline and energy per unit of work. */
@Command(name = "analyze", description = {"Analyse a node's stored power against its runs and jobs: the daily summary (energy, carbon,",
        "mean and peak power, idle share, energy per run, job and query), idle vs active, the hour-of-week baseline",
        "of the 4 weeks before, and energy per unit of work. Times are UTC. docs/analysis.md explains each figure."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--node", required = true, paramLabel = "NAME", description = "The node, as the server's fleet names it.")
    String node;

    @Option(names = "--from", paramLabel = "TIME", description = "Start, 2026-12-05T10:00Z or a UTC date (default: today's start, UTC).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End, exclusive (default: now).")
    String to;

    @Option(names = "--json", description = "Print as JSON: {\"analysis\": ..., \"daily\": ...}, as the server's API answers.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Instant b = to == null ? Instant.now() : Times.parse("--to", to);
        Instant a = from == null ? PowerAnalysis.startOfDay(b) : Times.parse("--from", from);
        if (!a.isBefore(b)) {
            throw new UsageException("--from %s is not before --to %s; give a period that ends after it starts".formatted(Times.iso(a), Times.iso(b)));
        }
        Settings settings = Main.settings(spec);
        PrintWriter err = spec.commandLine().getErr();
        try (Fleet fleet = Fleet.open(settings)) {
            if (fleet.node(node).isEmpty()) {
                List<String> known = fleet.nodes().stream().map(FleetNode::name).toList();
                throw new UsageException("--node %s: no such node in %s; %s".formatted(node, fleet.location(), known.isEmpty()
                        ? "it has no nodes yet (a node appears with its first samples, from 'greenloop agent' or 'greenloop server')"
                        : "known nodes: " + String.join(", ", known)));
            }
            List<WorkSpan> spans = WorkSpan.stored(settings, node, PowerAnalysis.startOfDay(a).minus(Duration.ofDays(1)),
                    note -> err.println("greenloop: " + note));
            PowerAnalysis analysis = new PowerAnalysis(fleet);
            PowerAnalysis.Analysis result;
            List<PowerAnalysis.Day> days;
            try {
                result = analysis.analyse(node, a, b, spans).orElseThrow();
                days = analysis.daily(node, a, b, spans).orElseThrow();
            } catch (FleetInputException e) {
                throw new UsageException("--" + e.field() + ": " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                try (JsonGenerator g = RunJson.generator(out)) {
                    g.writeStartObject();
                    g.writeFieldName("analysis");
                    AnalysisJson.analysis(g, result);
                    g.writeFieldName("daily");
                    AnalysisJson.daily(g, node, days);
                    g.writeEndObject();
                }
                out.println();
            } else {
                print(out, result, days);
            }
        }
        return 0;
    }

    private static void print(PrintWriter out, PowerAnalysis.Analysis a, List<PowerAnalysis.Day> days) {
        out.printf("Node %s, %s to %s (UTC)%n%nDaily summary%n", Table.escape(a.node()), Times.table(a.from()), Times.table(a.to()));
        Table daily = new Table("day", ">energy Wh", ">gCO2eq", ">mean W", ">peak W (1 min)", ">idle %", ">runs", ">jobs", ">J/run", ">J/job",
                ">J/query");
        for (PowerAnalysis.Day d : days) {
            daily.row(d.day(), n(d.joules() / 3600), n(d.grams()), n(d.meanWatts()), n(d.peakWatts()), n(d.split().idleShare() * 100), d.runs(),
                    d.jobs(), n(d.joulesPerRun()), n(d.joulesPerJob()), n(d.joulesPerQuery()));
        }
        daily.print(out);
        out.printf("%nIdle vs active (work: the node's runs and jobs; idle floor: 10th percentile of 1-minute power without work)%n");
        Table split = new Table("series", ">active Wh", ">idle Wh", ">idle %", ">idle floor W", ">idle above floor Wh");
        for (PowerAnalysis.Split s : a.splits()) {
            split.row(s.series(), n(s.activeJoules() / 3600), n(s.idleJoules() / 3600), n(s.idleShare() * 100), n(s.idleFloorWatts()),
                    n(s.idleWasteJoules() / 3600));
        }
        split.print(out);
        PowerAnalysis.Baseline node = a.baselines().getFirst();
        double dev = node.deviationPercent();
        out.printf("%nBaseline (hour of week, %s to %s): %s%n", Times.table(a.baselineFrom()), Times.table(a.baselineTo()),
                Double.isFinite(dev) ? "the period used %s %% %s than the baseline's mean for the same hours".formatted(n(Math.abs(dev)),
                        dev >= 0 ? "more" : "less") : "no samples at the period's hours in those weeks, so no comparison");
        out.printf("%nEnergy per unit of work (finished runs and jobs that started in the period)%n");
        if (a.work().isEmpty()) {
            out.println("none; tag runs with --tag queries=N to get energy per query");
            return;
        }
        Table work = new Table("per", "group", ">count", ">units", ">energy J", ">J/unit");
        for (PowerAnalysis.WorkGroup w : a.work()) {
            work.row(w.kind(), w.key(), w.count(), n(w.units()), n(w.joules()), n(w.joulesPerUnit()));
        }
        work.print(out);
    }

    /** Three significant figures at most; a figure that cannot be computed is '-'. */
    private static String n(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double abs = Math.abs(v);
        return String.format(Locale.ROOT, abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f", v);
    }
}
