package dev.greenloop.schedule.live;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.core.IntensityTimeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in yearly table as a flat forecast, for zones without a trace file: every hour of a year has the
 * same value, so plans start as early as they can. It never changes, so it never causes a re-plan. Used only
 * when no {@code --trace} is given, and said so by the CLI.
 */
public final class YearlyForecasts implements Forecasts {

    private final ZoneTable table;
    private final List<String> zones;

    /**
     * @param table the yearly table
     * @param zones the zones known, the first being the default (this node's zone)
     */
    public YearlyForecasts(ZoneTable table, List<String> zones) {
        this.table = table;
        this.zones = List.copyOf(zones);
    }

    @Override
    public String fingerprint() {
        return "yearly";
    }

    @Override
    public List<IntensityTrace> traces(List<String> wanted, Instant from, Instant to) {
        List<IntensityTrace> out = new ArrayList<>();
        long first = Math.floorDiv(from.getEpochSecond(), 3600) * 3600 - 3600;
        long last = Math.floorDiv(to.getEpochSecond(), 3600) * 3600 + 3600;
        int n = (int) ((last - first) / 3600) + 1;
        for (String z : wanted.isEmpty() ? zones : wanted) {
            Optional<IntensityTimeline> timeline = table.find(z).map(info -> table.timeline(z));
            if (timeline.isEmpty()) {
                continue;
            }
            long[] times = new long[n];
            double[] values = new double[n];
            double grams = timeline.get().at(from).intensity().gramsPerKWh();
            for (int i = 0; i < n; i++) {
                times[i] = first + i * 3600L;
                values[i] = grams;
            }
            out.add(IntensityTrace.of(timeline.get().signal(), times, values, "the built-in yearly table for " + z, null));
        }
        return out;
    }

    @Override
    public List<String> zones() {
        return zones;
    }
}
