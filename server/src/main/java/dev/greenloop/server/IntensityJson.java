package dev.greenloop.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the intensity routes share: times and durations written as the Carbon Aware SDK's .NET serializer writes them,
 * times read from query parameters and bodies, JSON written with Jackson's streaming generator, and batch bodies read.
 */
final class IntensityJson {

    static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    /** How many items a batch body may hold. */
    static final int MAX_BATCH = 1000;

    private IntensityJson() {
    }

    /** Writes JSON through {@code body}; I/O to a string cannot fail, so the checked exception is unwrapped. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * @return the time as a .NET {@code DateTimeOffset} serializes it in UTC, {@code 2022-07-19T13:37:49+00:00}, with
     *     a fraction only when there is one (the SDK's documented examples), to the microsecond (.NET keeps 7 digits)
     */
    static String time(Instant t) {
        OffsetDateTime odt = t.truncatedTo(java.time.temporal.ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(odt.toLocalDateTime()) + OFFSET.format(odt);
    }

    /** @return the duration as a .NET {@code TimeSpan} serializes it: {@code 01:00:00}, {@code 1.00:00:00} past a day */
    static String timeSpan(Duration d) {
        long s = d.toSeconds();
        String hms = "%02d:%02d:%02d".formatted((s / 3600) % 24, (s / 60) % 60, s % 60);
        return s >= 86_400 ? (s / 86_400) + "." + hms : hms;
    }

    /**
     * Reads a time as the SDK's clients send it: ISO-8601 with an offset or {@code Z}, a date-time without one (UTC),
     * or a date (its midnight, UTC). A {@code +} that URL decoding turned into a blank is taken back.
     *
     * @return the instant, or null if {@code text} is null or blank
     * @throws ProblemException 400 naming the field if it is no time
     */
    static Instant parseTime(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().replace(' ', '+');
        try {
            if (t.length() <= 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z") || t.endsWith("z") || t.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(t.toUpperCase(java.util.Locale.ROOT)).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new ProblemException(400, "Bad Request",
                    "%s '%s' is not a time; write ISO-8601 such as 2022-03-01T15:30:00Z".formatted(field, text), field);
        }
    }

    /**
     * Reads a JSON array of flat objects, such as a batch request.
     *
     * @return each object's fields as text (numbers as written, null as null), in order
     * @throws ProblemException 400 naming the item and field of what is malformed, or if there are more than {@link #MAX_BATCH}
     */
    static List<Map<String, String>> batch(String body) {
        List<Map<String, String>> items = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(body == null ? "" : body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new ProblemException(400, "Bad Request", "the body must be a JSON array of request objects", "body");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                String where = "[" + items.size() + "]";
                if (t != JsonToken.START_OBJECT) {
                    throw new ProblemException(400, "Bad Request", where + " is not a JSON object", where);
                }
                if (items.size() == MAX_BATCH) {
                    throw new ProblemException(400, "Bad Request", "a batch holds at most %d items; split it".formatted(MAX_BATCH), where);
                }
                Map<String, String> item = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                        throw new ProblemException(400, "Bad Request", "%s.%s must be a string or a number".formatted(where, name), where + "." + name);
                    }
                    item.put(name, v == JsonToken.VALUE_NULL ? null : p.getText());
                }
                items.add(item);
            }
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "Bad Request", "the body is not valid JSON: " + e.getOriginalMessage(), "body");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }
}
