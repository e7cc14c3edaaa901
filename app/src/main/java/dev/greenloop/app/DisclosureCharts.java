package dev.greenloop.app;

import dev.greenloop.report.Axis;
import dev.greenloop.report.Chart;
import dev.greenloop.report.LegendEntry;
import dev.greenloop.report.Panel;
import dev.greenloop.report.Rgb;
import dev.greenloop.report.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's three charts, drawn by the report module's chart core (server-side SVG, no JavaScript): energy over time
 * by scope, carbon by zone (location- and market-based side by side), and the savings realised.
 */
public final class DisclosureCharts {

    static final int WIDTH = 900;
    static final Rgb LOCATION = Rgb.palette(0);
    static final Rgb MARKET = Rgb.palette(4);
    static final Rgb SAVED = Rgb.palette(2);

    private DisclosureCharts() {
    }

    /** @return energy per bucket of time, kWh, one step line per scope */
    public static Chart energyOverTime(Disclosure d) {
        ReportRequest q = d.request();
        List<String> scopes = d.energyOverTime().isEmpty() ? List.of() : List.copyOf(d.energyOverTime().getFirst().joulesByScope().keySet());
        List<Series> series = new ArrayList<>();
        List<LegendEntry> legend = new ArrayList<>();
        double max = 0;
        for (int s = 0; s < scopes.size(); s++) {
            double[] xs = new double[d.energyOverTime().size()];
            double[] ys = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                Disclosure.Bucket b = d.energyOverTime().get(i);
                xs[i] = b.start().getEpochSecond();
                ys[i] = b.joulesByScope().get(scopes.get(s)) / 3.6e6;
                max = Math.max(max, ys[i]);
            }
            series.add(new Series.Step(Rgb.palette(s), 2, xs, ys));
            legend.add(new LegendEntry(scopes.get(s), Rgb.palette(s), LegendEntry.Swatch.LINE));
        }
        String width = d.energyOverTime().isEmpty() ? "" : human(java.time.Duration.between(d.energyOverTime().getFirst().start(),
                d.energyOverTime().getFirst().end()));
        Panel p = new Panel(Axis.fromZero(max, 1e-6, 5, "kWh per " + width), 1, series);
        return new Chart(WIDTH, 340, new Chart.Insets(90, 40, 80, 70), "Energy over time, by component scope",
                "each run's counted components, in the " + width + " it started; IT energy, before PUE", "",
                Axis.time(q.from(), q.to(), "time (UTC)"), List.of(p), legend);
    }

    /** @return location- and market-based grams of each zone, as bars */
    public static Chart carbonByZone(Disclosure d) {
        List<String> lanes = new ArrayList<>();
        List<Series.Bar> location = new ArrayList<>();
        List<Series.Bar> market = new ArrayList<>();
        double max = 0;
        for (Disclosure.ZoneCarbon z : d.zones()) {
            location.add(new Series.Bar(lanes.size(), 0, z.locationBasedGrams()));
            lanes.add(z.zone() + " location");
            market.add(new Series.Bar(lanes.size(), 0, z.marketBasedGrams()));
            lanes.add(z.zone() + " market");
            max = Math.max(max, Math.max(z.locationBasedGrams(), z.marketBasedGrams()));
        }
        Panel p = new Panel(Axis.lanes(lanes, "zone"), 1, List.of(new Series.Bars(LOCATION, location), new Series.Bars(MARKET, market)));
        return new Chart(WIDTH, 120 + 36 * Math.max(2, lanes.size()), new Chart.Insets(140, 40, 80, 70), "Carbon by zone, location- and market-based",
                "GHG Protocol scope 2, both methods; PUE included", "", Axis.fromZero(max, 1e-3, 5, "gCO2eq"), List.of(p),
                List.of(new LegendEntry("location-based", LOCATION, LegendEntry.Swatch.BOX), new LegendEntry("market-based", MARKET, LegendEntry.Swatch.BOX)));
    }

    /** @return the grams saved of each kind, as bars; empty lanes when nothing was saved */
    public static Chart savings(Disclosure d) {
        List<String> lanes = new ArrayList<>();
        List<Series.Bar> bars = new ArrayList<>();
        double max = 0;
        for (Disclosure.Saving s : d.savings()) {
            bars.add(new Series.Bar(lanes.size(), Math.min(0, s.grams()), Math.max(0, s.grams())));
            lanes.add(s.kind());
            max = Math.max(max, Math.abs(s.grams()));
        }
        Panel p = new Panel(Axis.lanes(lanes, "kind"), 1, List.of(new Series.Bars(SAVED, bars)));
        double min = d.savings().stream().mapToDouble(Disclosure.Saving::grams).min().orElse(0);
        Axis x = min < 0 ? Axis.linear(min * 1.05, Math.max(max, 1e-3) * 1.05, "gCO2eq saved") : Axis.fromZero(max, 1e-3, 5, "gCO2eq saved");
        return new Chart(WIDTH, 120 + 40 * Math.max(2, lanes.size()), new Chart.Insets(140, 40, 80, 70), "Savings realised",
                "against the baseline each kind's method names", "", x, List.of(p), List.of());
    }

    private static String human(java.time.Duration d) {
        if (d.equals(java.time.Duration.ofHours(1))) {
            return "hour";
        }
        if (d.equals(java.time.Duration.ofDays(1))) {
            return "day";
        }
        if (d.equals(java.time.Duration.ofDays(7))) {
            return "week";
        }
        return d.toHours() + " h";
    }
}
