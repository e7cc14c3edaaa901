package dev.greenloop.carbon.forecast;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.InvalidTraceException;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How good were real forecasts, kept as they were issued? For each issue time, horizon {@code h} scores the
 * forecast point covering {@code issuedAt + h − 1 s} against the actual covering the same instant; MAPE = mean
 * of |forecast − actual| / actual × 100 over the issues where both exist (actuals of zero are left out), as in
 * {@link ForecastEvaluation}. Greenloop's hour-of-week forecaster and persistence are issued at the same times
 * on the actuals known then, for comparison.
 *
 * <p>This class does not read the store: callers hand it the archived points ({@link Point}).
 */
public final class Backtest {

    /** The horizons scored: 1 h, 6 h, 24 h and 48 h. */
    public static final List<Duration> HORIZONS = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(48));

    /** History to read before the first issue for Greenloop's forecaster: its 4-week shape, plus a day. */
    public static final Duration HISTORY = Duration.ofDays(29);

    /** How the scores are computed, for reports. */
    public static final String METHOD = "horizon h scores the point covering issuedAt + h - 1 s; MAPE = mean |forecast - actual| / actual x 100";

    private Backtest() {
    }

    /**
     * One archived value: an actual, or one point of a forecast.
     *
     * @param source who published it
     * @param signal kind and basis joined by {@code -}, such as {@code average-lifecycle}
     * @param issuedAt when it was issued
     * @param interval when it applies
     * @param gramsPerKWh the value
     */
    public record Point(String source, String signal, Instant issuedAt, Interval interval, double gramsPerKWh) {

        /** @throws NullPointerException if an argument is null */
        public Point {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(interval, "interval");
        }
    }

    /** Actual intensity at an instant, or NaN when there is none. */
    @FunctionalInterface
    public interface Actuals {

        /** @return the actual at {@code instant}, gCO2eq/kWh, or NaN */
        double at(Instant instant);
    }

    /**
     * The error of one forecaster at each horizon.
     *
     * @param name the forecaster: a provider's source and signal, or a Greenloop forecaster's name
     * @param source who made the forecasts ({@code greenloop} for Greenloop's)
     * @param signal kind and basis joined by {@code -}; empty when unknown
     * @param issues how many issues were scored
     * @param errors one per {@link #HORIZONS}, in order; MAPE NaN where none counted
     * @param note why some issues were not scored, or null
     */
    public record Row(String name, String source, String signal, int issues, List<ForecastEvaluation.HorizonError> errors, String note) {

        /** @throws NullPointerException if an argument other than {@code note} is null */
        public Row {
            Objects.requireNonNull(name, "name");
            errors = List.copyOf(errors);
        }
    }

    /**
     * @param actualsFrom where the actuals came from, for reports: {@code trace: S}, {@code archive: S},
     *     {@code archive (none stored)}
     * @param rows the archived forecasts' rows (one per source and signal), then Greenloop's forecaster and persistence
     */
    public record Result(String actualsFrom, List<Row> rows) {

        /** @throws NullPointerException if an argument is null */
        public Result {
            Objects.requireNonNull(actualsFrom, "actualsFrom");
            rows = List.copyOf(rows);
        }
    }

    /**
     * Scores archived forecasts against a trace of actuals.
     *
     * @param forecasts archived forecast points, any order
     * @param actuals the actual values
     * @return the rows, with Greenloop's forecasters issued at the forecasts' issue times on {@code actuals}
     */
    public static Result score(List<Point> forecasts, IntensityTrace actuals) {
        Actuals at = i -> actuals.indexAt(i) >= 0 ? actuals.value(actuals.indexAt(i)) : Double.NaN;
        return result("trace: " + actuals.signal().source(), forecasts, at, actuals, null);
    }

    /**
     * Scores archived forecasts against archived actuals of one source.
     *
     * @param zone the zone, for labels
     * @param forecasts archived forecast points, any order
     * @param actuals archived actuals, any order, from one source and signal; of several with one start, the one
     *     issued last counts
     * @return the rows; Greenloop's forecasters are left unscored (with a note) when the actuals are not a
     *     regular series
     * @throws IllegalArgumentException if the actuals come from several sources or signals (naming them)
     */
    public static Result score(String zone, List<Point> forecasts, List<Point> actuals) {
        List<String> sources = actuals.stream().map(p -> p.source() + " " + p.signal()).distinct().toList();
        if (sources.size() > 1) {
            throw new IllegalArgumentException("the archive has %s actuals from several sources: %s; pick one with --source TEXT"
                    .formatted(zone, String.join(", ", sources)));
        }
        TreeMap<Instant, Point> byStart = byStart(actuals);
        IntensityTrace trace = null;
        String problem = null;
        try {
            trace = toTrace(zone, byStart);
        } catch (InvalidTraceException e) {
            problem = "the archived actuals are not a regular series (" + e.getMessage() + ")";
        }
        return result(actuals.isEmpty() ? "archive (none stored)" : "archive: " + sources.getFirst(), forecasts,
                i -> valueAt(byStart, i), trace, problem);
    }

    private static Result result(String actualsFrom, List<Point> forecasts, Actuals actuals, IntensityTrace trace, String traceProblem) {
        List<Row> rows = new ArrayList<>(scoreArchived(forecasts, actuals));
        List<Instant> issues = new ArrayList<>(new TreeSet<>(forecasts.stream().map(Point::issuedAt).toList()));
        for (Forecaster f : List.of(HourOfWeekForecaster.defaults(), NaiveForecasters.persistence())) {
            rows.add(trace == null
                    ? new Row(f.name(), "greenloop", "", 0, new MapeSum(HORIZONS).errors(), traceProblem != null ? traceProblem : "no actuals to issue from")
                    : scoreForecaster(f, trace, issues, actuals));
        }
        return new Result(actualsFrom, rows);
    }

    /**
     * Scores archived forecasts: one row per source and signal, in order of first appearance.
     *
     * @param forecasts archived forecast points, any order
     * @param actuals what happened
     * @return the rows
     */
    public static List<Row> scoreArchived(List<Point> forecasts, Actuals actuals) {
        Map<String, Map<Instant, List<Point>>> bySeries = new LinkedHashMap<>();
        for (Point p : forecasts) {
            bySeries.computeIfAbsent(p.source() + "\u0000" + p.signal(), k -> new TreeMap<>())
                    .computeIfAbsent(p.issuedAt(), k -> new ArrayList<>()).add(p);
        }
        List<Row> rows = new ArrayList<>();
        for (var series : bySeries.entrySet()) {
            MapeSum sum = new MapeSum(HORIZONS);
            for (var issue : series.getValue().entrySet()) {
                TreeMap<Instant, Point> points = byStart(issue.getValue());
                for (int h = 0; h < HORIZONS.size(); h++) {
                    Instant target = issue.getKey().plus(HORIZONS.get(h)).minusSeconds(1);
                    sum.add(h, valueAt(points, target), actuals.at(target));
                }
            }
            String[] key = series.getKey().split("\u0000");
            rows.add(new Row(key[0] + " " + key[1], key[0], key[1], series.getValue().size(), sum.errors(), null));
        }
        return rows;
    }

    /**
     * Scores {@code forecaster} issued at each of {@code issues} on the points of {@code trace} known then. An issue
     * the forecaster rejects (too little history, say) is counted in the row's note, not fatal.
     *
     * @return the row, source {@code greenloop}
     */
    public static Row scoreForecaster(Forecaster forecaster, IntensityTrace trace, List<Instant> issues, Actuals actuals) {
        MapeSum sum = new MapeSum(HORIZONS);
        int issued = 0;
        String firstRejection = null;
        for (Instant t : issues) {
            Forecast f;
            try {
                f = forecaster.forecast(ForecastEvaluation.before(trace, t), t, HORIZONS.getLast());
            } catch (IllegalArgumentException e) {
                // InvalidTraceException is one too: too few points known at t. Counted and reported, not fatal.
                if (firstRejection == null) {
                    firstRejection = e.getMessage();
                }
                continue;
            }
            issued++;
            for (int h = 0; h < HORIZONS.size(); h++) {
                Instant target = t.plus(HORIZONS.get(h)).minusSeconds(1);
                double v;
                try {
                    v = f.valueAt(target);
                } catch (NoSuchElementException e) {
                    v = Double.NaN;
                }
                sum.add(h, v, actuals.at(target));
            }
        }
        String note = issued < issues.size() ? "not issued at %d of %d times: %s".formatted(issues.size() - issued, issues.size(), firstRejection) : null;
        return new Row(forecaster.name(), "greenloop", trace.signal().kind() + "-" + trace.signal().basis(), issued, sum.errors(), note);
    }

    /** @return the points by start; of several with one start, the one issued last */
    private static TreeMap<Instant, Point> byStart(List<Point> points) {
        TreeMap<Instant, Point> out = new TreeMap<>();
        for (Point p : points) {
            out.merge(p.interval().start(), p, (old, neu) -> neu.issuedAt().isAfter(old.issuedAt()) ? neu : old);
        }
        return out;
    }

    private static double valueAt(TreeMap<Instant, Point> byStart, Instant instant) {
        var e = byStart.floorEntry(instant);
        return e != null && e.getValue().interval().end().isAfter(instant) ? e.getValue().gramsPerKWh() : Double.NaN;
    }

    /** @throws InvalidTraceException if the actuals have gaps or are fewer than two */
    private static IntensityTrace toTrace(String zone, TreeMap<Instant, Point> byStart) {
        if (byStart.size() < 2) {
            throw new InvalidTraceException("%d archived actual(s)".formatted(byStart.size()));
        }
        Point first = byStart.firstEntry().getValue();
        String[] kb = first.signal().split("-", 2);
        CarbonSignal signal = new CarbonSignal(zone, kb[0], kb.length > 1 ? kb[1] : "", "actual", first.source() + " (archived actuals)");
        long[] t = byStart.keySet().stream().mapToLong(Instant::getEpochSecond).toArray();
        double[] v = byStart.values().stream().mapToDouble(Point::gramsPerKWh).toArray();
        return IntensityTrace.of(signal, t, v, "archived actuals of " + zone, null);
    }
}
