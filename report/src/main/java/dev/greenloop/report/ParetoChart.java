package dev.greenloop.report;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The energy-versus-quality chart of a lab profile or sweep ({@code lab pareto --plot}): energy per query (x, in mJ)
 * against quality (y), every point labelled, the frontier's points filled and joined by a line. The x axis is
 * logarithmic when the energies span more than 20×, else linear; its title says which.
 */
public final class ParetoChart {

    /** Width in pixels. */
    public static final int WIDTH = 1200;
    /** Height in pixels. */
    public static final int HEIGHT = 800;

    private static final Rgb FRONTIER = new Rgb(0x2ca02c);
    private static final Rgb OTHER = new Rgb(0x1f77b4);

    private ParetoChart() {
    }

    /**
     * One measured point.
     *
     * @param label what is written beside it (variant and settings)
     * @param joulesPerQuery energy per query, {@code >= 0}
     * @param quality its quality, a fraction (shown in % when the chart's quality is an accuracy)
     * @param frontier whether it is on the Pareto frontier
     */
    public record Point(String label, double joulesPerQuery, double quality, boolean frontier) {
        /** @throws IllegalArgumentException if the energy is negative or not finite, or the quality is not finite */
        public Point {
            Objects.requireNonNull(label, "label");
            if (!(joulesPerQuery >= 0) || !Double.isFinite(joulesPerQuery) || !Double.isFinite(quality)) {
                throw new IllegalArgumentException("pareto point %s: energy %s J/query and quality %s must be finite, energy >= 0"
                        .formatted(label, joulesPerQuery, quality));
            }
        }
    }

    /**
     * Builds the chart.
     *
     * @param model the model's name, for the title
     * @param quality the quality's name, for the title ({@code kNN accuracy}, {@code mean cosine to fp32})
     * @param texts how many texts were measured
     * @param provenance the energy's provenance label ({@code measured}, {@code modelled}...)
     * @param accuracy whether quality is a leave-one-out 5-NN accuracy (shown in %), else the mean cosine to fp32
     * @param points the points; the frontier's are joined in order of energy
     * @return the chart, {@value #WIDTH} × {@value #HEIGHT}
     */
    public static Chart of(String model, String quality, int texts, String provenance, boolean accuracy, List<Point> points) {
        double scale = accuracy ? 100 : 1;
        double eLo = points.stream().mapToDouble(Point::joulesPerQuery).filter(v -> v > 0).min().orElse(1e-3) * 1000;
        double eHi = Math.max(eLo, points.stream().mapToDouble(Point::joulesPerQuery).max().orElse(1) * 1000);
        boolean log = eHi / eLo > 20;
        String xTitle = "energy per query, mJ (%s)%s".formatted(provenance, log ? ", log scale" : "");
        Axis x;
        if (log) {
            x = Axis.log(eLo / 1.5, eHi * 1.5, xTitle);
        } else {
            double lo = Math.max(0, eLo - (eHi - eLo) * 0.1 - eHi * 0.05);
            double hi = eHi + (eHi - eLo) * 0.1 + eHi * 0.05;
            x = Axis.linear(lo, hi > lo ? hi : lo + 1, xTitle);
        }
        double qLo = points.stream().mapToDouble(Point::quality).min().orElse(0) * scale;
        double qHi = points.stream().mapToDouble(Point::quality).max().orElse(1) * scale;
        double pad = Math.max((qHi - qLo) * 0.12, accuracy ? 0.5 : 0.0005);
        Axis y = Axis.linear(qLo - pad, qHi + pad, accuracy ? "leave-one-out 5-NN accuracy, %" : "mean cosine to fp32");

        List<Point> frontier = points.stream().filter(Point::frontier)
                .sorted(Comparator.comparingDouble(Point::joulesPerQuery).thenComparingDouble(Point::quality)).toList();
        List<Point> others = points.stream().filter(p -> !p.frontier()).toList();
        List<Series> series = List.of(
                new Series.Line(FRONTIER, 2, mj(frontier), quality(frontier, scale)),
                new Series.Scatter(FRONTIER, true, mj(frontier), quality(frontier, scale), frontier.stream().map(Point::label).toList()),
                new Series.Scatter(OTHER, false, mj(others), quality(others, scale), others.stream().map(Point::label).toList()));
        List<LegendEntry> legend = List.of(new LegendEntry("on the Pareto frontier (nothing is both cheaper and better)", FRONTIER,
                LegendEntry.Swatch.DOT), new LegendEntry("other variants and settings", OTHER, LegendEntry.Swatch.RING));
        return new Chart(WIDTH, HEIGHT, new Chart.Insets(100, 60, 80, 90),
                "%s: energy per query vs %s, %d texts".formatted(model, quality, texts),
                "Energy is %s (greenloop meter). The green line joins the Pareto frontier.".formatted(provenance),
                "labels: variant tTHREADS wWORKERS bBATCH, \"spin\" when idle threads spin; * on the frontier", x,
                List.of(new Panel(y, 1, series)), legend);
    }

    private static double[] mj(List<Point> points) {
        return points.stream().mapToDouble(p -> p.joulesPerQuery() * 1000).toArray();
    }

    private static double[] quality(List<Point> points, double scale) {
        return points.stream().mapToDouble(p -> p.quality() * scale).toArray();
    }
}
