package dev.greenloop.carbon.live;

import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.IntensityPoint;
import dev.greenloop.core.IntensityTimeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A zone's carbon intensity over time as a live provider gave it, for carbon accounting and planning: a
 * snapshot of the actuals and the forecast it fetched, with a fallback timeline for instants neither covers.
 * Immutable; it never fetches again after {@link #fetch}.
 *
 * <p>{@link #at} answers, in this order: the <em>actual</em> point covering the instant (of several, the one
 * issued last); else the <em>forecast</em> point covering it (of several, the one issued last); else the
 * fallback's point (typically the built-in yearly table); else it throws. {@link #signalAt} says which of the
 * three answered, so a caller can label each value — nothing from the fallback is shown as live.
 */
public final class ProviderTimeline implements IntensityTimeline {

    private final String zone;
    private final TreeMap<Instant, LivePoint> actuals = new TreeMap<>();
    private final TreeMap<Instant, LivePoint> forecasts = new TreeMap<>();
    private final IntensityTimeline fallback;
    private final CarbonSignal signal;

    private ProviderTimeline(String zone, List<LivePoint> points, IntensityTimeline fallback) {
        this.zone = zone;
        this.fallback = fallback;
        List<LivePoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparing(LivePoint::issuedAt));
        for (LivePoint p : sorted) {
            if (!p.zone().equals(zone)) {
                throw new IllegalArgumentException("a %s timeline cannot hold a point of zone %s".formatted(zone, p.zone()));
            }
            // Later issues replace earlier ones for the same start: they knew more.
            (p.isForecast() ? forecasts : actuals).put(p.interval().start(), p);
        }
        LivePoint first = !actuals.isEmpty() ? actuals.firstEntry().getValue()
                : !forecasts.isEmpty() ? forecasts.firstEntry().getValue() : null;
        this.signal = first != null ? first.signal() : fallback.signal();
    }

    /**
     * @param zone the zone every point is for
     * @param points actuals and forecast points, any order; may be empty
     * @param fallback answers instants no point covers, or null for none
     * @return a timeline over {@code points}
     * @throws IllegalArgumentException if a point is for another zone, or there are no points and no fallback
     */
    public static ProviderTimeline of(String zone, List<LivePoint> points, IntensityTimeline fallback) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(points, "points");
        if (points.isEmpty() && fallback == null) {
            throw new IllegalArgumentException("a timeline for %s needs points or a fallback".formatted(zone));
        }
        return new ProviderTimeline(zone, points, fallback);
    }

    /**
     * Fetches the provider's actuals for {@code [from, min(to, now))} (when {@code from} is before now) and its
     * current forecast (when {@code to} is after now). Fetching the forecast archives it through the provider's
     * {@link ArchiveSink}.
     *
     * @param provider where the values come from
     * @param zone a zone the provider serves
     * @param from the first instant the caller will ask about
     * @param to the instant after the last one, after {@code from}
     * @param now the present, which separates history from forecast
     * @param fallback answers instants the provider's points do not cover, or null for none
     * @throws IllegalArgumentException if {@code to} is not after {@code from}, or the provider cannot serve the zone
     * @throws LiveProviderException if the provider fails; there is no silent fallback for a failing provider
     */
    public static ProviderTimeline fetch(LiveProvider provider, String zone, Instant from, Instant to, Instant now,
            IntensityTimeline fallback) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to %s is not after from %s".formatted(to, from));
        }
        List<LivePoint> points = new ArrayList<>();
        String z = zone;
        if (from.isBefore(now)) {
            Instant end = to.isBefore(now) ? to : now;
            List<LivePoint> history = provider.history(zone, from, end);
            points.addAll(history);
            if (!history.isEmpty()) {
                z = history.getFirst().zone();
            }
        }
        if (to.isAfter(now)) {
            List<LivePoint> forecast = provider.forecast(zone);
            points.addAll(forecast);
            if (!forecast.isEmpty()) {
                z = forecast.getFirst().zone();
            }
        }
        return of(z, points, fallback);
    }

    /** {@inheritDoc} An actual, else a forecast, else the fallback's point (see the class description). */
    @Override
    public IntensityPoint at(Instant instant) {
        LivePoint p = covering(instant);
        if (p != null) {
            return new IntensityPoint(p.interval(), p.intensity());
        }
        if (fallback != null) {
            return fallback.at(instant);
        }
        throw new NoSuchElementException("the provider gave no %s value covering %s, and there is no fallback".formatted(zone, instant));
    }

    /**
     * @return the label of the value {@link #at} answers for {@code instant}: the provider's (resolution
     *     {@code actual} or {@code forecast}) or the fallback's
     * @throws NoSuchElementException if nothing covers {@code instant}
     */
    public CarbonSignal signalAt(Instant instant) {
        LivePoint p = covering(instant);
        if (p != null) {
            return p.signal();
        }
        if (fallback != null) {
            return fallback.signal();
        }
        throw new NoSuchElementException("the provider gave no %s value covering %s, and there is no fallback".formatted(zone, instant));
    }

    /** @return true if a provider point (not the fallback) covers {@code instant} */
    public boolean covers(Instant instant) {
        return covering(instant) != null;
    }

    /**
     * {@inheritDoc} The label of the first actual the provider gave, else of its forecast, else the fallback's;
     * use {@link #signalAt} for the label of one value.
     */
    @Override
    public CarbonSignal signal() {
        return signal;
    }

    /** @return the zone */
    public String zone() {
        return zone;
    }

    private LivePoint covering(Instant instant) {
        LivePoint a = covering(actuals, instant);
        return a != null ? a : covering(forecasts, instant);
    }

    private static LivePoint covering(TreeMap<Instant, LivePoint> byStart, Instant instant) {
        var e = byStart.floorEntry(instant);
        return e != null && e.getValue().interval().end().isAfter(instant) ? e.getValue() : null;
    }
}
