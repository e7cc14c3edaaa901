package dev.greenloop.report;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.Interval;
import dev.greenloop.schedule.Placement;
import dev.greenloop.schedule.SimulationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chart of a simulated schedule ({@code schedule simulate --plot}): the intensity of each zone over the plan's time
 * span (top panel), and the placed jobs below — one lane per job with its window and run segments when there are at
 * most {@value #MAX_LANES}, else the power drawn per zone over time. One colour per zone in both panels.
 */
public final class ScheduleChart {

    /** Width in pixels. */
    public static final int WIDTH = 1400;
    /** Height in pixels. */
    public static final int HEIGHT = 800;
    /** Most jobs drawn as lanes; more are drawn as power per zone. */
    public static final int MAX_LANES = 40;

    private static final Rgb WINDOW = new Rgb(0xdedede);

    private ScheduleChart() {
    }

    /**
     * Builds the chart. The time span is the placed jobs' windows and runs, within what the traces cover; the traces'
     * whole span when nothing is placed; at least a minute.
     *
     * @param traces the intensity of each zone, in the order zones get their colours
     * @param result the simulation's placements
     * @return the chart, {@value #WIDTH} × {@value #HEIGHT}
     * @throws IllegalArgumentException if there is no trace
     */
    public static Chart of(List<IntensityTrace> traces, SimulationResult result) {
        if (traces.isEmpty()) {
            throw new IllegalArgumentException("a schedule chart needs at least one intensity trace");
        }
        Instant[] span = span(traces, result);
        long t0 = span[0].getEpochSecond();
        long t1 = Math.max(span[1].getEpochSecond(), t0 + 60);
        Axis x = Axis.time(Instant.ofEpochSecond(t0), Instant.ofEpochSecond(t1), "time (UTC)");
        Map<String, Rgb> colors = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (IntensityTrace t : traces) {
            colors.putIfAbsent(t.zone(), Rgb.palette(colors.size()));
        }
        boolean lanes = result.placements().size() <= MAX_LANES;
        List<LegendEntry> legend = new ArrayList<>();
        for (var e : colors.entrySet()) {
            legend.add(new LegendEntry(e.getKey() + " intensity" + (lanes ? ", jobs run here" : ", power drawn here"), e.getValue(),
                    LegendEntry.Swatch.LINE));
        }
        if (lanes) {
            legend.add(new LegendEntry("job window: submit to deadline; coloured bars: run segments", WINDOW, LegendEntry.Swatch.BOX));
        }
        String title = "Carbon intensity and placed jobs: policy %s, %d of %d jobs placed".formatted(result.options().policy().label(),
                result.placements().size(), result.jobs());
        String subtitle = String.format(Locale.ROOT, "%.2f kgCO2eq against %.2f kgCO2eq running at once (%.1f %% saved); all times UTC",
                result.grams() / 1000, result.baselineGrams() / 1000, result.savingsPercent());
        Panel intensity = intensity(traces, colors, t0, t1);
        Panel jobs = lanes ? lanes(result.placements(), colors) : power(result.placements(), colors, t0);
        return new Chart(WIDTH, HEIGHT, new Chart.Insets(90, 50, 70, 70), title, subtitle, "", x, List.of(intensity, jobs), legend);
    }

    private static Instant[] span(List<IntensityTrace> traces, SimulationResult result) {
        Instant traceStart = traces.stream().map(IntensityTrace::start).min(Instant::compareTo).orElseThrow();
        Instant traceEnd = traces.stream().map(IntensityTrace::end).max(Instant::compareTo).orElseThrow();
        if (result.placements().isEmpty()) {
            return new Instant[] {traceStart, traceEnd};
        }
        Instant a = Instant.MAX;
        Instant b = Instant.MIN;
        for (Placement p : result.placements()) {
            a = min(a, p.job().submit());
            b = max(b, p.job().deadline());
            for (Interval s : p.segments()) {
                a = min(a, s.start());
                b = max(b, s.end());
            }
        }
        return new Instant[] {max(a, traceStart), min(b, traceEnd)};
    }

    /** Each trace as steps over the span: every point a level from its start to its end. */
    private static Panel intensity(List<IntensityTrace> traces, Map<String, Rgb> colors, long t0, long t1) {
        double maxValue = 0;
        List<Series> series = new ArrayList<>();
        for (IntensityTrace t : traces) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < t.size(); i++) {
                long s = Math.max(t.epochSecond(i), t0);
                long e = Math.min(t.pointEnd(i).getEpochSecond(), t1);
                if (e <= s) {
                    continue;
                }
                maxValue = Math.max(maxValue, t.value(i));
                xs.add((double) s);
                ys.add(t.value(i));
                xs.add((double) e);
                ys.add(t.value(i));
            }
            series.add(new Series.Line(colors.get(t.zone()), 1.8, unbox(xs), unbox(ys)));
        }
        return new Panel(Axis.fromZero(maxValue, 1, 5, "gCO2eq/kWh"), 330, series);
    }

    private static Panel lanes(List<Placement> placements, Map<String, Rgb> colors) {
        List<String> ids = new ArrayList<>();
        List<Series.Bar> windows = new ArrayList<>();
        Map<String, List<Series.Bar>> runs = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < placements.size(); i++) {
            Placement p = placements.get(i);
            ids.add(p.job().id());
            windows.add(new Series.Bar(i, p.job().submit().getEpochSecond(), p.job().deadline().getEpochSecond()));
            for (Interval s : p.segments()) {
                runs.computeIfAbsent(p.zone(), z -> new ArrayList<>()).add(new Series.Bar(i, s.start().getEpochSecond(), s.end().getEpochSecond()));
            }
        }
        List<Series> series = new ArrayList<>();
        series.add(new Series.Bars(WINDOW, windows));
        for (var e : runs.entrySet()) {
            series.add(new Series.Bars(colors.getOrDefault(e.getKey(), Rgb.DARK_GRAY), e.getValue()));
        }
        return new Panel(Axis.lanes(ids, "jobs (%d)".formatted(placements.size())), 285, series);
    }

    /** Power drawn per zone, in kW: a step function from the segments' starts and ends, from 0 at the span's start. */
    private static Panel power(List<Placement> placements, Map<String, Rgb> colors, long t0) {
        Map<String, TreeMap<Long, Double>> deltas = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Placement p : placements) {
            TreeMap<Long, Double> d = deltas.computeIfAbsent(p.zone(), z -> new TreeMap<>());
            for (Interval s : p.segments()) {
                d.merge(s.start().getEpochSecond(), p.job().powerWatts() / 1000, Double::sum);
                d.merge(s.end().getEpochSecond(), -p.job().powerWatts() / 1000, Double::sum);
            }
        }
        double max = 0;
        List<Series> series = new ArrayList<>();
        for (var e : deltas.entrySet()) {
            List<Double> xs = new ArrayList<>(List.of((double) t0));
            List<Double> ys = new ArrayList<>(List.of(0.0));
            double level = 0;
            for (var d : e.getValue().entrySet()) {
                level += d.getValue();
                xs.add((double) Math.max(t0, d.getKey()));
                ys.add(Math.max(0, level));
                max = Math.max(max, level);
            }
            series.add(new Series.Step(colors.getOrDefault(e.getKey(), Rgb.DARK_GRAY), 1.5, unbox(xs), unbox(ys)));
        }
        return new Panel(Axis.fromZero(max, 1e-3, 4, "jobs' power, kW"), 285, series);
    }

    private static double[] unbox(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
