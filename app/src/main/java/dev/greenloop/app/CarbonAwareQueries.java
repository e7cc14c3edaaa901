package dev.greenloop.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The Carbon Aware SDK Web API's queries (Green Software Foundation, v1.8) over a server's {@link ZoneIntensities}:
 * emissions by location(s) over a time window, the best (lowest) of them, the average intensity over a window, and
 * forecasts with their optimal windows. The semantics follow the SDK's documentation
 * (casdk-docs/docs/tutorial-basics/carbon-aware-webapi.md) and its controller's contract: a missing {@code time}
 * means now, a missing {@code toTime} means {@code time} (the point covering it); {@code toTime} without {@code time}
 * is refused; the best are all points with the lowest rating; a forecast's windows start at each data point within
 * {@code [dataStartAt, dataEndAt]} and must end by {@code dataEndAt}, and the optimal ones are those with the lowest
 * mean. No SDK code is used.
 *
 * <p>The windows are point-aligned, as the SDK's are (its optimal data point is one of its {@code forecastData}), not
 * the whole-minute search of {@link dev.greenloop.carbon.BestWindow} that Greenloop's own scheduler uses. Thread-safe.
 */
public final class CarbonAwareQueries {

    /**
     * One emissions item, the SDK's {@code EmissionsData}.
     *
     * @param location the zone
     * @param time when the point starts
     * @param rating its intensity, gCO2eq/kWh
     * @param duration how long it applies
     */
    public record Emission(String location, Instant time, double rating, Duration duration) {
    }

    /**
     * One window of a forecast, the SDK's {@code EmissionsDataDTO}.
     *
     * @param location the zone
     * @param timestamp when the window starts
     * @param durationMinutes the window's length
     * @param value the forecast's mean intensity over the window, gCO2eq/kWh
     */
    public record Window(String location, Instant timestamp, int durationMinutes, double value) {
    }

    /**
     * A forecast with its windows, the SDK's {@code EmissionsForecastDTO}.
     *
     * @param location the zone
     * @param generatedAt when the forecast was issued
     * @param requestedAt now for a current forecast, the time asked for a historical one
     * @param dataStartAt the start of the windows' range, as asked or the forecast's start
     * @param dataEndAt the end of the windows' range, as asked or the forecast's end
     * @param windowSize the windows' length in minutes, as asked or one data point's
     * @param optimalDataPoints the windows with the lowest mean, in time order; empty if there are no windows
     * @param forecastData every window, in time order; empty if none fits
     */
    public record WindowedForecast(String location, Instant generatedAt, Instant requestedAt, Instant dataStartAt, Instant dataEndAt,
            int windowSize, List<Window> optimalDataPoints, List<Window> forecastData) {
    }

    private final ZoneIntensities intensities;
    private final Clock clock;

    /**
     * @param intensities where the data comes from
     * @param clock what "now" means
     */
    public CarbonAwareQueries(ZoneIntensities intensities, Clock clock) {
        this.intensities = Objects.requireNonNull(intensities, "intensities");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param locations zones, any case, in the order to answer them
     * @param time the window's start, or null for now
     * @param toTime the window's end, or null for {@code time} (the points covering it)
     * @return the actual points of each location that overlap the window, location by location, in time order
     * @throws IntensityQueryException naming {@code location}, {@code time} or {@code toTime} if one is missing or wrong
     * @throws UnknownLocationException if a location has no source
     */
    public List<Emission> emissions(List<String> locations, Instant time, Instant toTime) {
        Instant[] w = window(locations, time, toTime);
        List<Emission> out = new ArrayList<>();
        for (String location : locations) {
            String zone = intensities.zone(location, "location");
            for (ZoneIntensities.Point p : intensities.emissionSeries(zone, w[0], w[1]).overlapping(w[0], w[1])) {
                out.add(emission(p));
            }
        }
        return out;
    }

    /**
     * @return of {@link #emissions}, those with the lowest rating across all locations (several if tied), in the order
     *     of the locations and time; empty if there are none
     * @throws IntensityQueryException as {@link #emissions}
     */
    public List<Emission> best(List<String> locations, Instant time, Instant toTime) {
        Instant[] w = window(locations, time, toTime);
        List<ZoneIntensities.Point> lowest = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        for (String location : locations) {
            String zone = intensities.zone(location, "location");
            for (ZoneIntensities.Point p : intensities.emissionSeries(zone, w[0], w[1]).lowest(w[0], w[1])) {
                if (p.gramsPerKWh() < min) {
                    lowest.clear();
                    min = p.gramsPerKWh();
                }
                if (p.gramsPerKWh() == min) {
                    lowest.add(p);
                }
            }
        }
        return lowest.stream().map(CarbonAwareQueries::emission).toList();
    }

    private Instant[] window(List<String> locations, Instant time, Instant toTime) {
        if (locations.isEmpty()) {
            throw new IntensityQueryException("location", "location is required: give one or more, as location=eastus&location=westus");
        }
        if (time == null && toTime != null) {
            throw new IntensityQueryException("time", "time is required when toTime is given: give the window's start");
        }
        Instant from = time == null ? clock.instant() : time;
        Instant to = toTime == null ? from : toTime;
        if (to.isBefore(from)) {
            throw new IntensityQueryException("toTime", "toTime %s is before time %s; give a window that ends after it starts".formatted(to, from));
        }
        return new Instant[] {from, to};
    }

    /**
     * @return the time-weighted mean actual intensity over the part of {@code [start, end)} the location's data
     *     covers; empty if it covers none of it
     * @throws IntensityQueryException naming {@code startTime} or {@code endTime} if one is missing, or
     *     {@code endTime} if it is not after {@code startTime}
     * @throws UnknownLocationException if the location has no source
     */
    public OptionalDouble average(String location, Instant start, Instant end) {
        if (location == null || location.isBlank()) {
            throw new IntensityQueryException("location", "location is required, such as location=eastus");
        }
        if (start == null) {
            throw new IntensityQueryException("startTime", "startTime is required, such as startTime=2022-03-01T15:30:00Z");
        }
        if (end == null) {
            throw new IntensityQueryException("endTime", "endTime is required, such as endTime=2022-03-01T18:30:00Z");
        }
        if (!end.isAfter(start)) {
            throw new IntensityQueryException("endTime", "endTime %s is not after startTime %s".formatted(end, start));
        }
        String zone = intensities.zone(location, "location");
        double mean = intensities.emissionSeries(zone, start, end).mean(start, end);
        return Double.isNaN(mean) ? OptionalDouble.empty() : OptionalDouble.of(mean);
    }

    /**
     * The newest forecast of a location with its windows.
     *
     * @param dataStartAt the windows' earliest start, or null for the forecast's start
     * @param dataEndAt the windows' latest end, or null for the forecast's end
     * @param windowSize the windows' length in minutes, or null for one data point's
     * @throws IntensityQueryException naming {@code dataStartAt}, {@code dataEndAt} or {@code windowSize} if it lies
     *     outside the forecast or is not positive
     * @throws UnknownLocationException if the location has no source
     * @throws NoForecastException if the location has no forecast source
     * @throws dev.greenloop.carbon.live.LiveProviderException if the provider fails
     */
    public WindowedForecast current(String location, Instant dataStartAt, Instant dataEndAt, Integer windowSize) {
        String zone = intensities.zone(location, "location");
        return windows(intensities.currentForecast(zone), location, clock.instant(), dataStartAt, dataEndAt, windowSize);
    }

    /**
     * The newest forecast of a location issued by {@code requestedAt}, with its windows: what a client would have had
     * then (the SDK's {@code /emissions/forecasts/batch}).
     *
     * @throws IntensityQueryException as {@link #current}, or naming {@code requestedAt} if it is missing
     * @throws NoForecastException if the location has no forecast source, or none is archived for then
     */
    public WindowedForecast asOf(String location, Instant requestedAt, Instant dataStartAt, Instant dataEndAt, Integer windowSize) {
        if (location == null || location.isBlank()) {
            throw new IntensityQueryException("location", "location is required, such as \"location\": \"eastus\"");
        }
        if (requestedAt == null) {
            throw new IntensityQueryException("requestedAt", "requestedAt is required: the time whose newest forecast to use");
        }
        String zone = intensities.zone(location, "location");
        return windows(intensities.forecastAsOf(zone, requestedAt), location, requestedAt, dataStartAt, dataEndAt, windowSize);
    }

    static WindowedForecast windows(ZoneIntensities.Forecast forecast, String location, Instant requestedAt, Instant dataStartAt,
            Instant dataEndAt, Integer windowSize) {
        List<ZoneIntensities.Point> points = forecast.points();
        Instant first = points.getFirst().start();
        Instant last = points.getLast().end();
        Instant from = dataStartAt == null ? first : dataStartAt;
        Instant to = dataEndAt == null ? last : dataEndAt;
        if (from.isBefore(first) || !from.isBefore(last)) {
            throw new IntensityQueryException("dataStartAt", "dataStartAt %s is not within the forecast, which covers %s to %s".formatted(from, first, last));
        }
        if (!to.isAfter(first) || to.isAfter(last)) {
            throw new IntensityQueryException("dataEndAt", "dataEndAt %s is not within the forecast, which covers %s to %s".formatted(to, first, last));
        }
        if (!to.isAfter(from)) {
            throw new IntensityQueryException("dataEndAt", "dataEndAt %s is not after dataStartAt %s".formatted(to, from));
        }
        int minutes = windowSize == null ? (int) points.getFirst().duration().toMinutes() : windowSize;
        if (minutes <= 0) {
            throw new IntensityQueryException("windowSize", "windowSize %d is not a positive number of minutes".formatted(minutes));
        }
        Duration w = Duration.ofMinutes(minutes);
        IntensitySeries series = IntensitySeries.of(points);
        List<Window> data = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        starts.add(from);
        for (ZoneIntensities.Point p : points) {
            if (p.start().isAfter(from)) {
                starts.add(p.start());
            }
        }
        double min = Double.POSITIVE_INFINITY;
        for (Instant s : starts) {
            if (s.plus(w).isAfter(to)) {
                break;
            }
            double mean = series.mean(s, s.plus(w));
            data.add(new Window(location, s, minutes, mean));
            min = Math.min(min, mean);
        }
        final double lowest = min;
        List<Window> optimal = data.stream().filter(x -> x.value() == lowest).toList();
        return new WindowedForecast(location, forecast.generatedAt(), requestedAt, from, to, minutes, optimal, List.copyOf(data));
    }

    private static Emission emission(ZoneIntensities.Point p) {
        return new Emission(p.zone(), p.start(), p.gramsPerKWh(), p.duration());
    }
}
