package dev.greenloop.cli.lab;

import dev.greenloop.lab.LabResult;
import dev.greenloop.lab.Profile;
import dev.greenloop.lab.Quality;
import dev.greenloop.lab.Sweep;
import dev.greenloop.report.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** A lab result as a terminal table, for {@code lab profile} and {@code lab sweep}, and the number formats of the lab's tables. */
final class LabTable {

    private LabTable() {
    }

    /** The table of every row; the settings column only when the rows differ in settings, kNN only with labels. */
    static void print(LabResult result, PrintWriter out) {
        List<LabResult.Row> rows = result.rows();
        boolean labelled = result.labelled();
        boolean settingsVary = rows.stream().map(LabResult.Row::settings).distinct().count() > 1;
        List<String> header = new ArrayList<>(List.of("variant"));
        if (settingsVary) {
            header.add("settings");
        }
        header.addAll(List.of(">CPU ms/query", ">mJ/query", "energy", "label", ">p50 ms", ">p95 ms", ">texts/s", ">cos mean", ">cos min", ">top-10"));
        if (labelled) {
            header.add(">kNN %");
        }
        header.addAll(List.of(">GFLOP/query", ">size MB", ">peak RSS MB"));
        Table t = new Table(header.toArray(String[]::new));
        for (LabResult.Row r : rows) {
            Profile p = r.profile();
            Quality q = r.quality();
            List<Object> cells = new ArrayList<>(List.of(r.variant()));
            if (settingsVary) {
                cells.add(Sweep.describe(r.settings()));
            }
            cells.addAll(List.of(f("%.3f", 1000 * p.cpuSecondsPerQuery()), f("%.3f", 1000 * p.joulesPerQuery()), p.provenance().label(), r.energyLabel(),
                    f("%.2f", p.latencyMsP50()), f("%.2f", p.latencyMsP95()), f("%.1f", p.throughputPerSecond()), opt("%.5f", q.meanCosine(), 1),
                    opt("%.5f", q.minCosine(), 1), opt("%.3f", q.top10Overlap(), 1)));
            if (labelled) {
                cells.add(opt("%.2f", q.knnAccuracy(), 100));
            }
            cells.addAll(List.of(f("%.3f", p.flopsPerQuery() / 1e9), f("%.1f", p.sizeBytes() / 1e6),
                    p.peakRssBytes().isPresent() ? f("%.0f", p.peakRssBytes().getAsLong() / 1e6) : "unknown"));
            t.row(cells.toArray());
        }
        t.print(out);
    }

    /** {@code v} formatted in the root locale, or {@code -} where it is not finite. */
    static String f(String format, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }

    private static String opt(String format, OptionalDouble v, double scale) {
        return v.isPresent() ? f(format, scale * v.getAsDouble()) : "-";
    }
}
