package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.LabResult;
import dev.greenloop.lab.Pareto;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop lab pareto}: the energy-versus-quality frontier of a profile or sweep — joules per
 * query against mean cosine to fp32, or against kNN accuracy when labels were given — as a table
 * with the frontier marked, and as an SVG or PNG with {@code --plot}.
 */
@Command(name = "pareto", description = "The energy-versus-quality frontier (joules per query vs mean cosine to fp32, or kNN accuracy with labels) "
        + "of a profile or sweep: --from FILE.json, --result K (stored), or measure now with the flags of lab sweep.")
final class LabPareto implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--plot", paramLabel = "FILE", description = "Also draw the frontier: SVG if FILE ends in .svg, else PNG.")
    Path plot;

    @Mixin
    LabReportSource source;

    /** The quality axis of a report and the points on it; rows without that figure are left out and named. */
    record Points(String quality, List<Pareto.Point> points, List<String> without) {

        static Points of(LabService.Frontier f) {
            return new Points(f.quality(), f.points(), f.without());
        }
    }

    @Override
    public Integer call() throws IOException {
        if (plot != null && plot.toAbsolutePath().getParent() != null && !java.nio.file.Files.isDirectory(plot.toAbsolutePath().getParent())) {
            throw new UsageException("--plot %s: there is no directory %s; create it or write elsewhere".formatted(plot, plot.toAbsolutePath().getParent()));
        }
        LabResult report = source.load(spec, "lab pareto", spec.commandLine().getErr());
        LabService.Frontier f = LabServices.create(Main.settings(spec), true).pareto(report);
        Points p = Points.of(f);
        List<Pareto.Point> frontier = f.frontier();
        Set<Pareto.Point> on = new HashSet<>(frontier);
        List<Pareto.Point> sorted = new ArrayList<>(p.points());
        sorted.sort(java.util.Comparator.comparingDouble(Pareto.Point::joulesPerQuery));
        spec.commandLine().getOut().printf("%s on %d texts: energy per query vs %s (%s energy); * = on the frontier%n", report.model(), report.texts(), p.quality(),
                report.reference().profile().provenance().label());
        Table t = new Table("", "variant and settings", ">mJ/query", ">" + p.quality(), "label");
        for (Pareto.Point x : sorted) {
            LabResult.Row row = report.row(x.name()).orElseThrow();
            t.row(on.contains(x) ? "*" : "", x.name(), String.format(Locale.ROOT, "%.3f", 1000 * x.joulesPerQuery()),
                    String.format(Locale.ROOT, report.labelled() ? "%.2f %%" : "%.5f", report.labelled() ? 100 * x.quality() : x.quality()), row.energyLabel());
        }
        t.print(spec.commandLine().getOut());
        if (!p.without().isEmpty()) {
            spec.commandLine().getOut().println("not placed (no " + p.quality() + "; other dimension than fp32, give --labels): " + String.join(", ", p.without()));
        }
        if (plot != null) {
            ParetoPlot.write(plot, report, p, frontier);
            spec.commandLine().getErr().println("greenloop: wrote " + plot);
        }
        return 0;
    }
}
