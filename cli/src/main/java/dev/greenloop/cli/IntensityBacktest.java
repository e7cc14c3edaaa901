package dev.greenloop.cli;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.InvalidTraceException;
import dev.greenloop.carbon.forecast.Forecast;
import dev.greenloop.carbon.forecast.Forecaster;
import dev.greenloop.carbon.forecast.HourOfWeekForecaster;
import dev.greenloop.carbon.forecast.NaiveForecasters;
import dev.greenloop.carbon.live.ElectricityMapsProvider;
import dev.greenloop.carbon.live.NesoProvider;
import dev.greenloop.carbon.live.WattTimeProvider;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import dev.greenloop.store.ArchivedIntensity;
import dev.greenloop.store.IntensityArchive;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code greenloop intensity backtest}: how good were the real forecasts archived in the store? For each
 * forecast issued in {@code [--from, --to)}, horizon {@code h} scores the forecast point covering
 * {@code issuedAt + h − 1 s} against the actual covering the same instant (from the archive, or a
 * {@code --trace}); MAPE = mean of |forecast − actual| / actual × 100 over the issues where both exist
 * (actuals of zero are left out). The same is done for Greenloop's hour-of-week forecaster and for persistence,
 * issued at the same times on the actuals known then.
 */
@Command(name = "backtest", description = "MAPE by horizon (1 h, 6 h, 24 h, 48 h) of the provider forecasts archived for --zone, issued in"
        + " [--from, --to), against archived actuals (or --trace); Greenloop's forecaster and persistence issued at the same times for comparison.")
final class IntensityBacktest implements Callable<Integer> {

    /** The horizons scored. */
    static final List<Duration> HORIZONS = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofHours(48));

    /** History read before the first issue for Greenloop's forecaster: its 4-week shape, plus a day. */
    private static final Duration HISTORY = Duration.ofDays(29);

    @Mixin
    IntensityOptions options;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "First issue time to score.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "Issue times before this are scored.")
    String to;

    @Option(names = "--source", paramLabel = "TEXT", description = "Only forecasts and actuals whose source contains TEXT (--provider P does the same).")
    String source;

    /** The error of one forecaster at each horizon. */
    record Row(String name, String source, String signal, int issues, double[] mapePercent, int[] count, String note) {
    }

    /** Actual intensity at an instant, or NaN when there is none. */
    @FunctionalInterface
    interface Actuals {
        double at(Instant instant);
    }

    @Override
    public Integer call() throws IOException {
        String zone = options.zone();
        Instant a = IntensityOptions.time("--from", from);
        Instant b = IntensityOptions.time("--to", to);
        if (!a.isBefore(b)) {
            throw new UsageException("--from %s is not before --to %s".formatted(a, b));
        }
        String filter = filter();
        try (IntensityProviders providers = IntensityProviders.fromEnvironment()) {
            IntensityArchive archive = providers.archive();
            List<ArchivedIntensity> forecasts = archive.forecastsIssued(zone, a, b).stream().filter(p -> matches(p, filter)).toList();
            if (forecasts.isEmpty()) {
                throw new UsageException("no forecasts for %s issued from %s to %s%s in the archive %s; fetch some with 'greenloop intensity forecast --provider P --zone %s'"
                        .formatted(zone, a, b, filter == null ? "" : " from a source containing '" + filter + "'", archive.location(), zone));
            }
            Duration longest = HORIZONS.getLast();
            Actuals actuals;
            IntensityTrace trace = null;
            String actualsFrom;
            String traceProblem = null;
            if (!options.traces.isEmpty()) {
                trace = options.trace(zone);
                IntensityTrace t = trace;
                actuals = i -> t.indexAt(i) >= 0 ? t.value(t.indexAt(i)) : Double.NaN;
                actualsFrom = "trace: " + trace.signal().source();
            } else {
                List<ArchivedIntensity> stored = archive.actuals(zone, a.minus(HISTORY), b.plus(longest)).stream()
                        .filter(p -> matches(p, filter)).toList();
                List<String> sources = stored.stream().map(p -> p.source() + " " + p.signal()).distinct().toList();
                if (sources.size() > 1) {
                    throw new UsageException("the archive has %s actuals from several sources: %s; pick one with --source TEXT"
                            .formatted(zone, String.join(", ", sources)));
                }
                TreeMap<Instant, ArchivedIntensity> byStart = byStart(stored);
                actuals = i -> actualAt(byStart, i);
                actualsFrom = stored.isEmpty() ? "archive (none stored)" : "archive: " + sources.getFirst();
                try {
                    trace = toTrace(zone, byStart);
                } catch (InvalidTraceException e) {
                    traceProblem = "the archived actuals are not a regular series (" + e.getMessage() + ")";
                }
            }
            List<Row> rows = new ArrayList<>(scoreArchived(forecasts, actuals));
            List<Instant> issues = new ArrayList<>(new TreeSet<>(forecasts.stream().map(ArchivedIntensity::issuedAt).toList()));
            for (Forecaster f : List.of(HourOfWeekForecaster.defaults(), NaiveForecasters.persistence())) {
                rows.add(trace == null ? new Row(f.name(), "greenloop", "", 0, nan(), new int[HORIZONS.size()],
                        traceProblem != null ? traceProblem : "no actuals to issue from")
                        : scoreForecaster(f, trace, issues, actuals));
            }
            if (options.json) {
                json(zone, a, b, actualsFrom, rows);
            } else {
                text(zone, a, b, actualsFrom, rows);
            }
            return 0;
        }
    }

    private String filter() {
        if (options.provider != null) {
            if (source != null) {
                throw new UsageException("--provider and --source: give one of them");
            }
            return switch (options.provider.strip().toLowerCase(Locale.ROOT)) {
                case "neso" -> NesoProvider.SOURCE;
                case "electricitymaps" -> ElectricityMapsProvider.SOURCE;
                case "watttime" -> WattTimeProvider.SOURCE;
                default -> throw new UsageException("--provider: '%s' is not one of %s".formatted(options.provider, String.join(", ", IntensityProviders.NAMES)));
            };
        }
        return source;
    }

    private static boolean matches(ArchivedIntensity p, String filter) {
        return filter == null || p.source().toLowerCase(Locale.ROOT).contains(filter.toLowerCase(Locale.ROOT));
    }

    /** @return the points by start; of several with one start, the one issued last */
    static TreeMap<Instant, ArchivedIntensity> byStart(List<ArchivedIntensity> points) {
        TreeMap<Instant, ArchivedIntensity> out = new TreeMap<>();
        for (ArchivedIntensity p : points) {
            out.merge(p.interval().start(), p, (old, neu) -> neu.issuedAt().isAfter(old.issuedAt()) ? neu : old);
        }
        return out;
    }

    static double actualAt(TreeMap<Instant, ArchivedIntensity> byStart, Instant instant) {
        var e = byStart.floorEntry(instant);
        return e != null && e.getValue().interval().end().isAfter(instant) ? e.getValue().intensity().gramsPerKWh() : Double.NaN;
    }

    /**
     * Scores archived forecasts: one row per source and signal.
     *
     * @param forecasts archived forecast points, any order
     * @param actuals what happened
     */
    static List<Row> scoreArchived(List<ArchivedIntensity> forecasts, Actuals actuals) {
        Map<String, Map<Instant, List<ArchivedIntensity>>> bySeries = new LinkedHashMap<>();
        for (ArchivedIntensity p : forecasts) {
            bySeries.computeIfAbsent(p.source() + "\u0000" + p.signal(), k -> new TreeMap<>())
                    .computeIfAbsent(p.issuedAt(), k -> new ArrayList<>()).add(p);
        }
        List<Row> rows = new ArrayList<>();
        for (var series : bySeries.entrySet()) {
            double[] sum = new double[HORIZONS.size()];
            int[] count = new int[HORIZONS.size()];
            for (var issue : series.getValue().entrySet()) {
                TreeMap<Instant, ArchivedIntensity> points = byStart(issue.getValue());
                for (int h = 0; h < HORIZONS.size(); h++) {
                    Instant target = issue.getKey().plus(HORIZONS.get(h)).minusSeconds(1);
                    add(sum, count, h, actualAt(points, target), actuals.at(target));
                }
            }
            String[] key = series.getKey().split("\u0000");
            rows.add(new Row(key[0] + " " + key[1], key[0], key[1], series.getValue().size(), mape(sum, count), count, null));
        }
        return rows;
    }

    /** Scores {@code forecaster} issued at each of {@code issues} on the points of {@code trace} known then. */
    static Row scoreForecaster(Forecaster forecaster, IntensityTrace trace, List<Instant> issues, Actuals actuals) {
        double[] sum = new double[HORIZONS.size()];
        int[] count = new int[HORIZONS.size()];
        int issued = 0;
        String firstRejection = null;
        long[] times = trace.epochSeconds();
        double[] values = trace.values();
        for (Instant t : issues) {
            Forecast f;
            try {
                int known = cut(times, t.getEpochSecond());
                IntensityTrace past = IntensityTrace.of(trace.signal(), Arrays.copyOf(times, known), Arrays.copyOf(values, known),
                        trace.signal().source() + " before " + t, null);
                f = forecaster.forecast(past, t, HORIZONS.getLast());
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
                add(sum, count, h, v, actuals.at(target));
            }
        }
        String note = issued < issues.size() ? "not issued at %d of %d times: %s".formatted(issues.size() - issued, issues.size(), firstRejection) : null;
        return new Row(forecaster.name(), "greenloop", trace.signal().kind() + "-" + trace.signal().basis(), issued, mape(sum, count), count, note);
    }

    private static void add(double[] sum, int[] count, int h, double forecast, double actual) {
        if (!Double.isNaN(forecast) && !Double.isNaN(actual) && actual > 0) {
            sum[h] += Math.abs(forecast - actual) / actual;
            count[h]++;
        }
    }

    private static double[] mape(double[] sum, int[] count) {
        double[] out = new double[sum.length];
        for (int h = 0; h < sum.length; h++) {
            out[h] = count[h] == 0 ? Double.NaN : 100 * sum[h] / count[h];
        }
        return out;
    }

    private static double[] nan() {
        double[] d = new double[HORIZONS.size()];
        Arrays.fill(d, Double.NaN);
        return d;
    }

    private static int cut(long[] times, long t) {
        int i = Arrays.binarySearch(times, t);
        return i >= 0 ? i : -i - 1;
    }

    /** @throws InvalidTraceException if the actuals have gaps or are fewer than two */
    private static IntensityTrace toTrace(String zone, TreeMap<Instant, ArchivedIntensity> byStart) {
        if (byStart.size() < 2) {
            throw new InvalidTraceException("%d archived actual(s)".formatted(byStart.size()));
        }
        ArchivedIntensity first = byStart.firstEntry().getValue();
        String[] kb = first.signal().split("-", 2);
        CarbonSignal signal = new CarbonSignal(zone, kb[0], kb.length > 1 ? kb[1] : "", "actual", first.source() + " (archived actuals)");
        long[] t = byStart.keySet().stream().mapToLong(Instant::getEpochSecond).toArray();
        double[] v = byStart.values().stream().mapToDouble(p -> p.intensity().gramsPerKWh()).toArray();
        return IntensityTrace.of(signal, t, v, "archived actuals of " + zone, null);
    }

    private void json(String zone, Instant a, Instant b, String actualsFrom, List<Row> rows) throws IOException {
        try (var g = RunJson.generator(System.out)) {
            g.writeStartObject();
            g.writeStringField("location", zone);
            g.writeStringField("issuedFrom", Times.iso(a));
            g.writeStringField("issuedTo", Times.iso(b));
            g.writeStringField("actuals", actualsFrom);
            g.writeStringField("method", "horizon h scores the point covering issuedAt + h - 1 s; MAPE = mean |forecast - actual| / actual x 100");
            g.writeArrayFieldStart("forecasters");
            for (Row r : rows) {
                g.writeStartObject();
                g.writeStringField("name", r.name());
                g.writeStringField("source", r.source());
                g.writeStringField("signal", r.signal());
                g.writeNumberField("issues", r.issues());
                if (r.note() != null) {
                    g.writeStringField("note", r.note());
                }
                g.writeArrayFieldStart("errors");
                for (int h = 0; h < HORIZONS.size(); h++) {
                    g.writeStartObject();
                    g.writeNumberField("horizonHours", HORIZONS.get(h).toHours());
                    if (Double.isNaN(r.mapePercent()[h])) {
                        g.writeNullField("mapePercent");
                    } else {
                        g.writeNumberField("mapePercent", r.mapePercent()[h]);
                    }
                    g.writeNumberField("count", r.count()[h]);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        System.out.println();
    }

    private static void text(String zone, Instant a, Instant b, String actualsFrom, List<Row> rows) {
        System.out.printf("%s: forecasts issued %s to %s, scored against %s%n", zone, Times.table(a), Times.table(b), actualsFrom);
        System.out.println("MAPE % by horizon (scored issues in brackets)");
        List<String> header = new ArrayList<>(List.of("forecaster", ">issues"));
        HORIZONS.forEach(h -> header.add(">" + h.toHours() + " h"));
        Table t = new Table(header.toArray(String[]::new));
        for (Row r : rows) {
            List<Object> cells = new ArrayList<>(List.of(r.name(), r.issues()));
            for (int h = 0; h < HORIZONS.size(); h++) {
                cells.add(Double.isNaN(r.mapePercent()[h]) ? "-" : String.format(Locale.ROOT, "%.1f (%d)", r.mapePercent()[h], r.count()[h]));
            }
            t.row(cells.toArray());
        }
        t.print(System.out);
        for (Row r : rows) {
            if (r.note() != null) {
                System.out.println("  " + r.name() + ": " + r.note());
            }
        }
    }
}
