package dev.greenloop.cli.intensity;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.UnknownZoneException;
import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.cli.Durations;
import dev.greenloop.cli.TraceOptions;
import dev.greenloop.cli.UsageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every {@code intensity} subcommand shares: zones, trace files and signal ({@link TraceOptions}), provider, JSON. */
final class IntensityOptions {

    @Option(names = "--zone", paramLabel = "ZONE", description = "Grid zone, e.g. ES or DE (see 'greenloop zones'), or a location of an SDK JSON trace.")
    List<String> zones = new ArrayList<>();

    @Mixin
    TraceOptions trace = new TraceOptions();

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Option(names = "--provider", paramLabel = "P",
            description = "Ask a live provider instead of a trace: ${greenloop.providers}. Forecasts and actuals fetched are archived in the store.")
    String provider;

    @Option(names = "--refresh", paramLabel = "D",
            description = {"With --provider: reuse an answer that any greenloop command fetched less than D ago (kept in the store),"
                    + " else fetch again, e.g. 5m, 1h; 0 always fetches (default: 5m for now, 30m for forecasts, 1h for history)."})
    String refresh;

    /** @return true if {@code --provider} was given; a usage error if {@code --trace} was given with it */
    boolean live() {
        if (provider == null) {
            if (refresh != null) {
                throw new UsageException("--refresh %s goes with --provider (how old a provider's stored answer may be); drop it with --trace"
                        .formatted(refresh));
            }
            return false;
        }
        if (!trace.isEmpty()) {
            throw new UsageException("--provider %s and --trace: give one source of intensity, not both".formatted(provider));
        }
        return true;
    }

    /**
     * @return how old a provider's stored answer may be: {@code --refresh}, zero for {@code 0}, null when not given
     *     (the provider's defaults)
     */
    Duration refresh() {
        if (refresh == null) {
            return null;
        }
        if (refresh.strip().matches("0+(\\.0*)?(ms|s|m|h|d)?")) {
            return Duration.ZERO;
        }
        if (refresh.strip().startsWith("-")) {
            throw new UsageException("--refresh: '%s' is negative; write how old a stored answer may be, such as 5m or 1h, or 0 to always fetch"
                    .formatted(refresh));
        }
        return Durations.parse("--refresh", refresh);
    }

    /** @return the one {@code --zone}; a usage error if none or several */
    String zone() {
        if (zones.size() != 1) {
            throw new UsageException("--zone: give exactly one zone, e.g. --zone ES (got %d)".formatted(zones.size()));
        }
        return zones.getFirst();
    }

    /** @return the traces given, by zone in upper case; files are read once */
    Map<String, IntensityTrace> traces() {
        return trace.read();
    }

    /** @return the trace of {@code zone}; a usage error naming the fix (and close zone codes) when there is none */
    IntensityTrace trace(String zone) {
        IntensityTrace t = traces().get(zone.strip().toUpperCase(Locale.ROOT));
        if (t != null) {
            return t;
        }
        String hint = "";
        try {
            ZoneTable.builtIn().timeline(zone);
        } catch (UnknownZoneException e) {
            hint = " (" + e.getMessage() + ")";
        }
        throw new UsageException("--zone %s: no trace for this zone; give --trace %s=FILE%s".formatted(zone, zone, hint));
    }

    /**
     * @param option the option, for the message
     * @param text {@code 2022-03-01T12:00Z}, {@code 2022-03-01T12:00} (UTC), {@code 2022-03-01} (midnight UTC)
     *     or with an offset
     */
    static Instant time(String option, String text) {
        return dev.greenloop.cli.Times.parse(option, text);
    }
}
