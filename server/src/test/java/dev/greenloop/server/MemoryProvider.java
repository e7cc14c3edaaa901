package dev.greenloop.server;

import dev.greenloop.carbon.live.LivePoint;
import dev.greenloop.carbon.live.LiveProvider;
import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Interval;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A provider answering from memory: 210 now, and a forecast of 30-minute points from the current half hour, issued now. */
final class MemoryProvider implements LiveProvider {

    private final Clock clock;
    private final double[] forecast;

    MemoryProvider(Clock clock, double... forecast) {
        this.clock = clock;
        this.forecast = forecast;
    }

    @Override
    public String name() {
        return "memory";
    }

    private LivePoint point(String zone, String resolution, Instant start, double v) {
        return new LivePoint(new CarbonSignal(zone, "average", "lifecycle", resolution, "Memory API"),
                new Interval(start, start.plus(Duration.ofMinutes(30))), CarbonIntensity.ofGramsPerKWh(v), clock.instant());
    }

    private Instant halfHour() {
        Instant now = clock.instant();
        return now.minusSeconds(now.getEpochSecond() % 1800);
    }

    @Override
    public LivePoint current(String zone) {
        return point(zone, LivePoint.ACTUAL, halfHour(), 210);
    }

    @Override
    public List<LivePoint> forecast(String zone) {
        Instant t = halfHour();
        List<LivePoint> out = new ArrayList<>();
        for (double v : forecast) {
            out.add(point(zone, LivePoint.FORECAST, t, v));
            t = t.plus(Duration.ofMinutes(30));
        }
        return out;
    }

    @Override
    public List<LivePoint> history(String zone, Instant from, Instant to) {
        return List.of();
    }
}
