package dev.greenloop.app;

import dev.greenloop.carbon.BestWindow;
import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.CarbonSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Each served zone's grid intensity around now: the actual values of the last hours, the values ahead (a provider's
 * newest forecast, or the trace file's own values where the zone has a trace), and the lowest-carbon window of a given
 * length among the values ahead ({@link BestWindow}). What the dashboard's grid page shows; a source that fails is
 * said, per zone, and does not hide the other zones.
 */
public final class GridOutlook {

    private GridOutlook() {
    }

    /**
     * A window to run in.
     *
     * @param start when to start
     * @param end when it ends
     * @param meanGramsPerKWh the time-weighted mean intensity over it, gCO2eq/kWh
     */
    public record Window(Instant start, Instant end, double meanGramsPerKWh) {
    }

    /**
     * One zone.
     *
     * @param zone the zone's code
     * @param source what serves it, in words (a trace's source, a provider's name)
     * @param actual the actual values that overlap the hours before now, in time order
     * @param ahead the values from now on: a forecast's points, or a trace's, in time order
     * @param aheadKind {@code forecast} (a provider's newest forecast) or {@code trace} (the trace file's values)
     * @param best the lowest-carbon window among {@code ahead}, when they cover one
     * @param meanAhead the mean over every value ahead, for the saving in words; NaN without values
     * @param problems what could not be read, in words (a provider that failed, values too few for a window)
     */
    public record Zone(String zone, String source, List<ZoneIntensities.Point> actual, List<ZoneIntensities.Point> ahead, String aheadKind,
            Optional<Window> best, double meanAhead, List<String> problems) {
        /** Copies the lists. */
        public Zone {
            actual = List.copyOf(actual);
            ahead = List.copyOf(ahead);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param intensities the server's traces, providers and archive
     * @param now what now is
     * @param back how far back the actual values go, positive
     * @param forward how far ahead values are read, positive
     * @param window the length of the window to find, positive and at most {@code forward}
     * @return every zone the intensities serve, by code
     * @throws IllegalArgumentException naming a duration that is not positive, or a window longer than {@code forward}
     */
    public static List<Zone> of(ZoneIntensities intensities, Instant now, Duration back, Duration forward, Duration window) {
        Objects.requireNonNull(intensities, "intensities");
        for (Duration d : List.of(back, forward, window)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a duration must be positive, was " + d);
            }
        }
        if (window.compareTo(forward) > 0) {
            throw new IllegalArgumentException("window %s is longer than the %s looked ahead; give at most %d minutes"
                    .formatted(window, forward, forward.toMinutes()));
        }
        List<Zone> out = new ArrayList<>();
        for (String zone : intensities.zones()) {
            out.add(zone(intensities, zone, now, back, forward, window));
        }
        return out;
    }

    private static Zone zone(ZoneIntensities intensities, String zone, Instant now, Duration back, Duration forward, Duration window) {
        List<String> problems = new ArrayList<>();
        List<ZoneIntensities.Point> actual = List.of();
        List<ZoneIntensities.Point> ahead = List.of();
        boolean forecast = intensities.hasForecasts(zone);
        try {
            List<ZoneIntensities.Point> around = intensities.actuals(zone, now.minus(back), forecast ? now.plusSeconds(1) : now.plus(forward));
            actual = around.stream().filter(p -> p.start().isBefore(now)).toList();
            if (!forecast) {
                ahead = around.stream().filter(p -> p.end().isAfter(now)).toList();
            }
        } catch (RuntimeException e) {
            // A provider's failure is said for its zone; the other zones are still shown.
            problems.add("actual values: " + e.getMessage());
        }
        if (forecast) {
            try {
                ahead = intensities.currentForecast(zone).points().stream()
                        .filter(p -> p.end().isAfter(now) && p.start().isBefore(now.plus(forward))).toList();
            } catch (RuntimeException e) {
                problems.add("forecast: " + e.getMessage());
            }
        }
        Optional<Window> best = Optional.empty();
        double meanAhead = Double.NaN;
        if (ahead.size() >= 2) {
            try {
                IntensityTrace trace = trace(zone, ahead);
                BestWindow search = BestWindow.on(trace);
                Instant from = now.isAfter(trace.start()) ? now : trace.start();
                Instant to = trace.end().isBefore(now.plus(forward)) ? trace.end() : now.plus(forward);
                if (Duration.between(from, to).compareTo(window) >= 0) {
                    BestWindow.Choice c = search.best(from, to, window);
                    best = Optional.of(new Window(c.start(), c.start().plus(window), c.meanGramsPerKWh()));
                    meanAhead = search.mean(from, Duration.between(from, to).truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
                } else {
                    problems.add("the values ahead cover %d min, less than the %d-min window asked for"
                            .formatted(Duration.between(from, to).toMinutes(), window.toMinutes()));
                }
            } catch (IllegalArgumentException e) {
                // InvalidTraceException (gaps, unsorted points) is one too: said for the zone.
                problems.add("best window: " + e.getMessage());
            }
        } else if (problems.isEmpty()) {
            problems.add(forecast ? "the provider's forecast has no values ahead"
                    : "the trace has no values ahead of now; a forecast needs a provider (greenloop server --provider P --zone " + zone + ")");
        }
        return new Zone(zone, intensities.describe(zone), actual, ahead, forecast ? "forecast" : "trace", best, meanAhead, problems);
    }

    private static IntensityTrace trace(String zone, List<ZoneIntensities.Point> points) {
        long[] t = new long[points.size()];
        double[] v = new double[points.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = points.get(i).start().getEpochSecond();
            v[i] = points.get(i).gramsPerKWh();
        }
        ZoneIntensities.Point first = points.getFirst();
        return IntensityTrace.of(new CarbonSignal(zone, first.signal(), "", first.kind(), first.source()), t, v, "the values ahead for " + zone, null);
    }
}
