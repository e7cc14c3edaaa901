package dev.greenloop.carbon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.greenloop.core.BoundedLines;
import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.InputTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the emissions JSON of the Carbon Aware SDK (Green Software Foundation) as a trace.
 *
 * <p>The SDK's {@code /emissions/bylocation(s)} endpoints answer an array of {@code EmissionsData}
 * objects, {@code {"location": "eastus", "time": "2022-05-17T20:00:00+00:00", "duration": "01:00:00",
 * "rating": 70}}; its JSON data source reads the same rows from an object's {@code "Emissions"} array
 * (capitalised names, the rating sometimes as a string); its forecasts list
 * {@code {"location", "timestamp", "duration" (minutes), "value"}}. All three are accepted: field
 * names in any case, {@code time} or {@code timestamp}, {@code rating} or {@code value}; other fields
 * are ignored. Format and field names after the SDK's Web API documentation; no SDK code is used.
 *
 * <ul>
 *   <li>{@code time}: ISO-8601 with an offset, or without one meaning UTC;
 *   <li>{@code duration} (optional): {@code HH:MM:SS}, {@code d.HH:MM:SS} (a .NET {@code TimeSpan}),
 *       ISO-8601 ({@code PT1H}) or a number of minutes. When given, each point must end where the next
 *       begins; the last point lasts one step, as in every trace;
 *   <li>{@code rating}: gCO2eq/kWh, a number ≥ 0 or a string holding one.
 * </ul>
 *
 * A file may hold several locations; the rows of the requested one are taken (names compared
 * ignoring case) and sorted by time, since the SDK does not promise an order.
 */
public final class CarbonAwareSdkJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Pattern TIME_SPAN = Pattern.compile("(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,7}))?");

    private CarbonAwareSdkJson() {
    }

    /** One row as read: its time, value, duration in seconds (or -1), location and source line. */
    private record Row(String location, long epochSecond, double value, long durationSeconds, int line) {
    }

    /**
     * Reads one location's points from an emissions JSON file.
     *
     * @param file the file
     * @param zone the location to read, compared ignoring case; may be null when the file holds one location
     * @param basis how to label the values (the SDK's JSON does not say); the kind is labelled {@code average}
     * @return the trace, zone spelled as the caller gave it (or as the file does when null), labelled
     *     {@code actual} with the file as its source
     * @throws InvalidTraceException naming the file and line of a malformed row, a location that is not in
     *     the file (listing those that are), or a file with several locations and no zone
     * @throws IOException if the file cannot be read
     */
    public static IntensityTrace read(Path file, String zone, TraceFiles.Basis basis) throws IOException {
        List<Row> rows;
        try (InputStream in = BoundedLines.openStream(file); JsonParser p = FACTORY.createParser(in)) {
            rows = rows(p, file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such trace file");
        } catch (InputTooLargeException e) {
            throw new InvalidTraceException(e.getMessage());
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new InvalidTraceException("%s line %d column %d: not valid JSON: %s"
                    .formatted(file, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(), e.getOriginalMessage()));
        }
        Set<String> locations = new LinkedHashSet<>();
        for (Row r : rows) {
            locations.add(r.location());
        }
        String wanted = zone;
        if (wanted == null || wanted.isBlank()) {
            if (locations.size() != 1) {
                throw new InvalidTraceException("%s holds %s; which zone? Give it as LOCATION=FILE".formatted(file,
                        locations.isEmpty() ? "no emissions rows" : "the locations " + String.join(", ", locations)));
            }
            wanted = locations.iterator().next();
        }
        String key = wanted.strip().toLowerCase(Locale.ROOT);
        List<Row> mine = new ArrayList<>();
        for (Row r : rows) {
            if (r.location().toLowerCase(Locale.ROOT).equals(key)) {
                mine.add(r);
            }
        }
        if (mine.isEmpty()) {
            throw new InvalidTraceException("%s has no rows for location '%s'; it holds %s".formatted(file, wanted,
                    locations.isEmpty() ? "no emissions rows" : String.join(", ", locations)));
        }
        mine.sort(Comparator.comparingLong(Row::epochSecond));
        checkDurations(mine, file);
        long[] times = new long[mine.size()];
        double[] values = new double[mine.size()];
        int[] lines = new int[mine.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = mine.get(i).epochSecond();
            values[i] = mine.get(i).value();
            lines[i] = mine.get(i).line();
        }
        CarbonSignal signal = new CarbonSignal(wanted.strip(), "average", basis.label(), "actual",
                "Carbon Aware SDK emissions JSON " + file.getFileName());
        return IntensityTrace.of(signal, times, values, file.toString(), lines);
    }

    private static void checkDurations(List<Row> rows, Path file) {
        for (int i = 0; i + 1 < rows.size(); i++) {
            Row r = rows.get(i);
            long next = rows.get(i + 1).epochSecond();
            if (r.durationSeconds() >= 0 && r.epochSecond() != next && r.epochSecond() + r.durationSeconds() != next) {
                throw new InvalidTraceException("%s line %d: a point of %s at %s does not end where the next point (line %d) begins at %s; %s"
                        .formatted(file, r.line(), Duration.ofSeconds(r.durationSeconds()), Instant.ofEpochSecond(r.epochSecond()),
                                rows.get(i + 1).line(), Instant.ofEpochSecond(next),
                                r.epochSecond() + r.durationSeconds() < next ? "fill the gap" : "remove the overlap"));
            }
        }
    }

    private static List<Row> rows(JsonParser p, Path file) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
            // The SDK's JSON data source file: {"Description": ..., "Emissions": [ ... ]}.
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                if (name.equalsIgnoreCase("emissions") && t == JsonToken.START_ARRAY) {
                    List<Row> rows = array(p, file);
                    return rows;
                }
                p.skipChildren();
            }
            throw new InvalidTraceException("%s: no \"Emissions\" array; expected an array of {\"location\", \"time\", \"rating\"} objects"
                    .formatted(file));
        }
        if (t != JsonToken.START_ARRAY) {
            throw new InvalidTraceException("%s line %d: expected an array of {\"location\", \"time\", \"rating\"} objects, found %s"
                    .formatted(file, p.currentLocation().getLineNr(), t == null ? "nothing" : p.getText()));
        }
        return array(p, file);
    }

    private static List<Row> array(JsonParser p, Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int line = p.currentTokenLocation().getLineNr();
            if (t != JsonToken.START_OBJECT) {
                throw new InvalidTraceException("%s line %d: expected an emissions object, found %s".formatted(file, line, p.getText()));
            }
            rows.add(row(p, file, line));
        }
        return rows;
    }

    private static Row row(JsonParser p, Path file, int line) throws IOException {
        String location = null;
        String time = null;
        String rating = null;
        String duration = null;
        boolean durationIsNumber = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName().toLowerCase(Locale.ROOT);
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                p.skipChildren();
                continue;
            }
            String text = v == JsonToken.VALUE_NULL ? null : p.getText();
            switch (name) {
                case "location" -> location = text;
                case "time", "timestamp" -> time = text;
                case "rating", "value" -> rating = text;
                case "duration" -> {
                    duration = text;
                    durationIsNumber = v.isNumeric();
                }
                default -> {
                    // other fields of the SDK's objects carry nothing a trace needs
                }
            }
        }
        if (location == null || location.isBlank()) {
            throw new InvalidTraceException("%s line %d: emissions row without a \"location\"".formatted(file, line));
        }
        if (time == null) {
            throw new InvalidTraceException("%s line %d: emissions row without a \"time\"".formatted(file, line));
        }
        if (rating == null) {
            throw new InvalidTraceException("%s line %d: emissions row without a \"rating\"".formatted(file, line));
        }
        long t = parseTime(time, file, line);
        double value = parseRating(rating, file, line);
        long seconds = duration == null ? -1 : parseDuration(duration, durationIsNumber, file, line);
        return new Row(location.strip(), t, value, seconds, line);
    }

    private static long parseTime(String text, Path file, int line) {
        try {
            return TraceFiles.parseTime(text, file, line, 0);
        } catch (InvalidTraceException e) {
            throw new InvalidTraceException("%s line %d: \"time\" '%s' is not an ISO-8601 time such as 2022-05-17T20:00:00+00:00"
                    .formatted(file, line, text));
        }
    }

    private static double parseRating(String text, Path file, int line) {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            v = Double.NaN; // reported below with the line
        }
        if (Double.isFinite(v) && v > CarbonIntensity.MAX_GRAMS_PER_KWH) {
            throw new InvalidTraceException(("%s line %d: \"rating\" %s is above %.0f gCO2eq/kWh, more than any grid emits;"
                    + " write the value in gCO2eq/kWh").formatted(file, line, text.trim(), CarbonIntensity.MAX_GRAMS_PER_KWH));
        }
        if (Double.isFinite(v) && v >= 0) {
            return v;
        }
        throw new InvalidTraceException("%s line %d: \"rating\" '%s' is not an intensity in gCO2eq/kWh (a number >= 0)".formatted(file, line, text));
    }

    /** The longest duration of one point: 10 years (3,653 days); a longer one is refused, not clamped. */
    private static final long MAX_DURATION_SECONDS = 3653L * 86_400;

    /** @return the duration in seconds, &gt; 0 and at most 10 years */
    static long parseDuration(String text, boolean minutes, Path file, int line) {
        String t = text.trim();
        long seconds = -1;
        try {
            if (minutes || t.matches("\\d+(\\.\\d+)?")) {
                seconds = Math.round(Double.parseDouble(t) * 60);
            } else if (t.startsWith("P") || t.startsWith("p")) {
                seconds = Duration.parse(t.toUpperCase(Locale.ROOT)).toSeconds();
            } else {
                Matcher m = TIME_SPAN.matcher(t);
                if (m.matches() && m.group(1) == null) {
                    long days = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
                    seconds = Math.addExact(Math.multiplyExact(days, 86_400L), Long.parseLong(m.group(3)) * 3600
                            + Long.parseLong(m.group(4)) * 60 + Long.parseLong(m.group(5)));
                }
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            seconds = -1;
        } catch (ArithmeticException overflow) {
            seconds = Long.MAX_VALUE; // refused below as too long
        }
        if (seconds <= 0) {
            throw new InvalidTraceException("%s line %d: \"duration\" '%s' is not a positive duration; write 01:00:00, PT1H or 60 (minutes)"
                    .formatted(file, line, text));
        }
        if (seconds > MAX_DURATION_SECONDS || seconds == Long.MAX_VALUE) {
            throw new InvalidTraceException("%s line %d: \"duration\" '%s' is longer than 10 years, the longest point accepted; write 01:00:00, PT1H or 60 (minutes)"
                    .formatted(file, line, text));
        }
        return seconds;
    }
}
