package dev.greenloop.schedule.live;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.CarbonSignal;
import java.time.Instant;
import java.util.List;

/** One zone's trace that a test may swap, changing the fingerprint. */
final class FixedForecasts implements Forecasts {

    private IntensityTrace trace;
    private int version;

    FixedForecasts(Instant start, long stepSeconds, double... values) {
        set(start, stepSeconds, values);
    }

    void set(Instant start, long stepSeconds, double... values) {
        long[] t = new long[values.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = start.getEpochSecond() + i * stepSeconds;
        }
        trace = IntensityTrace.of(new CarbonSignal("DE", "average", "lifecycle", "forecast", "test"), t, values, "test trace", null);
        version++;
    }

    @Override
    public String fingerprint() {
        return "v" + version;
    }

    @Override
    public List<IntensityTrace> traces(List<String> zones, Instant from, Instant to) {
        return zones.isEmpty() || zones.contains("DE") ? List.of(trace) : List.of();
    }

    @Override
    public List<String> zones() {
        return List.of("DE");
    }
}
