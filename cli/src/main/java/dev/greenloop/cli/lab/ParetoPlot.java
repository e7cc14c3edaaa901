package dev.greenloop.cli.lab;

import dev.greenloop.lab.LabResult;
import dev.greenloop.lab.Pareto;
import dev.greenloop.report.ParetoChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lab pareto --plot FILE}: writes {@link ParetoChart} for a report, as SVG when the name ends in {@code .svg}, else
 * as a {@value #WIDTH} × {@value #HEIGHT} PNG; each point labelled with its variant and settings. Only {@code --plot}
 * loads this class and, for PNG, AWT.
 */
final class ParetoPlot {

    /** Image width in pixels. */
    static final int WIDTH = ParetoChart.WIDTH;
    /** Image height in pixels. */
    static final int HEIGHT = ParetoChart.HEIGHT;

    private ParetoPlot() {
    }

    /**
     * Writes the plot.
     *
     * @throws IOException if the file cannot be written
     */
    static void write(Path file, LabResult report, LabPareto.Points points, List<Pareto.Point> frontier) throws IOException {
        List<ParetoChart.Point> chartPoints = new ArrayList<>();
        for (Pareto.Point p : points.points()) {
            boolean on = frontier.contains(p);
            chartPoints.add(new ParetoChart.Point(shortName(report, p.name()) + (on ? " *" : ""), p.joulesPerQuery(), p.quality(), on));
        }
        ParetoChart.of(report.model(), points.quality(), report.texts(), report.reference().profile().provenance().label(), report.labelled(),
                chartPoints).write(file);
    }

    /** {@code int8 threads=1 workers=2 batch=32 spin=off} as {@code int8 t1 w2 b32}. */
    private static String shortName(LabResult report, String name) {
        for (LabResult.Row r : report.rows()) {
            if (r.name().equals(name)) {
                var s = r.settings();
                return "%s t%d w%d b%d%s".formatted(r.variant(), s.intraOpThreads(), s.workers(), s.batchSize(), s.spinning() ? " spin" : "");
            }
        }
        return name;
    }
}
