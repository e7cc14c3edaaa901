package dev.greenloop.cli;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.carbon.InvalidTraceException;
import dev.greenloop.carbon.TraceFiles;
import dev.greenloop.carbon.UnknownZoneException;
import dev.greenloop.carbon.ZoneTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every {@code intensity} subcommand shares: zones, trace files, basis, JSON; and their parsing. */
final class IntensityOptions {

    @Option(names = "--zone", paramLabel = "ZONE", description = "Grid zone, e.g. ES or DE (see 'greenloop zones'), or a location of an SDK JSON trace.")
    List<String> zones = new ArrayList<>();

    @Option(names = "--trace", paramLabel = "ZONE=FILE",
            description = "Intensity trace of a zone: Electricity Maps CSV export, time,value CSV, or Carbon Aware SDK emissions JSON (.json). Repeatable.")
    List<String> traces = new ArrayList<>();

    @Option(names = "--signal", paramLabel = "BASIS", defaultValue = "lifecycle",
            description = "Column of an Electricity Maps export: lifecycle (default) or direct.")
    String basis;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Option(names = "--provider", paramLabel = "P",
            description = "Ask a live provider instead of a trace: neso (UK, no key), electricitymaps (ELECTRICITYMAPS_TOKEN) or"
                    + " watttime (WATTTIME_USERNAME, WATTTIME_PASSWORD). Forecasts and actuals fetched are archived in the store.")
    String provider;

    /** @return true if {@code --provider} was given; a usage error if {@code --trace} was given with it */
    boolean live() {
        if (provider == null) {
            return false;
        }
        if (!traces.isEmpty()) {
            throw new UsageException("--provider %s and --trace: give one source of intensity, not both".formatted(provider));
        }
        return true;
    }

    private Map<String, IntensityTrace> loaded;

    /** @return the one {@code --zone}; a usage error if none or several */
    String zone() {
        if (zones.size() != 1) {
            throw new UsageException("--zone: give exactly one zone, e.g. --zone ES (got %d)".formatted(zones.size()));
        }
        return zones.getFirst();
    }

    /** @return the traces given, by zone in upper case; files are read once */
    Map<String, IntensityTrace> traces() {
        if (loaded != null) {
            return loaded;
        }
        TraceFiles.Basis b = switch (basis.toLowerCase(Locale.ROOT)) {
            case "lifecycle" -> TraceFiles.Basis.LIFECYCLE;
            case "direct" -> TraceFiles.Basis.DIRECT;
            default -> throw new UsageException("--signal: '%s' is not lifecycle or direct".formatted(basis));
        };
        Map<String, IntensityTrace> out = new LinkedHashMap<>();
        for (String spec : traces) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new UsageException("--trace: '%s' is not ZONE=FILE; write e.g. --trace ES=em_ES_2022_hourly.csv".formatted(spec));
            }
            String zone = spec.substring(0, eq).strip();
            Path file = Path.of(spec.substring(eq + 1));
            try {
                out.put(zone.toUpperCase(Locale.ROOT), TraceFiles.read(file, zone, b));
            } catch (NoSuchFileException e) {
                throw new UsageException("--trace %s: no such file %s".formatted(spec, file));
            } catch (InvalidTraceException e) {
                throw new UsageException("--trace " + spec + ": " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read trace " + file, e);
            }
        }
        loaded = out;
        return out;
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
        String s = text.strip();
        try {
            if (s.matches("\\d{4}-\\d\\d-\\d\\d")) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (s.endsWith("Z") || s.endsWith("z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(s.toUpperCase(Locale.ROOT)).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UsageException("%s: '%s' is not a time; write 2022-03-01T12:00Z (UTC), 2022-03-01T12:00 or 2022-03-01".formatted(option, text));
        }
    }
}
