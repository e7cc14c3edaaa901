package dev.greenloop.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of {@code POST /api/v1/nodes/{node}/samples} with jackson-core's streaming parser, strictly: a JSON
 * array of objects with exactly the fields {@code id}, {@code time}, {@code seconds}, {@code component},
 * {@code scope}, {@code provenance}, {@code joules} and {@code watts}, each of its type. Anything else is a 400
 * naming the sample's index and field ({@code [3].joules}); more than the batch limit is a 413. The values' ranges
 * are the application layer's to check ({@code Fleet.ingest}).
 */
final class SampleParser {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final List<String> FIELDS = List.of("id", "time", "seconds", "component", "scope", "provenance", "joules", "watts");

    private SampleParser() {
    }

    /**
     * @throws ProblemException 400 naming the field at fault, or 413 if there are more than {@code maxSamples}
     * @throws IOException if the body cannot be read
     */
    static List<FleetSample> parse(InputStream body, int maxSamples) throws IOException {
        List<FleetSample> samples = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw bad("", "the body must be a JSON array of samples, such as [{\"id\":\"a1\",\"time\":\"2026-12-05T10:00:00Z\","
                        + "\"seconds\":1,\"component\":\"cpu-package-0\",\"scope\":\"cpu-package\",\"provenance\":\"measured\","
                        + "\"joules\":12.5,\"watts\":12.5}]");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                int index = samples.size();
                if (index == maxSamples) {
                    throw new ProblemException(413, "Content Too Large", "the batch has more than %d samples; send at most %d in one request"
                            .formatted(maxSamples, maxSamples), "[" + maxSamples + "]");
                }
                if (t != JsonToken.START_OBJECT) {
                    throw bad("[" + index + "]", "sample %d must be a JSON object, was %s".formatted(index, describe(t)));
                }
                samples.add(sample(p, index));
            }
            if (p.nextToken() != null) {
                throw bad("", "the body must hold one JSON array, and nothing after it");
            }
        } catch (JsonProcessingException e) {
            String where = samples.isEmpty() && e.getLocation() == null ? "" : "[" + samples.size() + "]";
            throw bad(where, "the body is not valid JSON at line %d, column %d: %s".formatted(
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getLocation() == null ? 0 : e.getLocation().getColumnNr(),
                    e.getOriginalMessage()));
        }
        return samples;
    }

    private static FleetSample sample(JsonParser p, int index) throws IOException {
        Object[] values = new Object[FIELDS.size()];
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            String field = "[%d].%s".formatted(index, name);
            int k = FIELDS.indexOf(name);
            if (k < 0) {
                throw bad(field, "unknown field '%s' in sample %d; a sample has exactly %s".formatted(name, index, String.join(", ", FIELDS)));
            }
            if (values[k] != null) {
                throw bad(field, "field '%s' appears twice in sample %d".formatted(name, index));
            }
            JsonToken v = p.nextToken();
            values[k] = switch (name) {
                case "seconds", "joules", "watts" -> {
                    if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw bad(field, "%s must be a number, was %s".formatted(field, describe(v)));
                    }
                    yield p.getDoubleValue();
                }
                default -> {
                    if (v != JsonToken.VALUE_STRING) {
                        throw bad(field, "%s must be a string, was %s".formatted(field, describe(v)));
                    }
                    yield p.getText();
                }
            };
        }
        for (int k = 0; k < FIELDS.size(); k++) {
            if (values[k] == null) {
                throw bad("[%d].%s".formatted(index, FIELDS.get(k)), "sample %d has no '%s'; a sample has exactly %s"
                        .formatted(index, FIELDS.get(k), String.join(", ", FIELDS)));
            }
        }
        String id = (String) values[0];
        if (id.isBlank()) {
            throw bad("[%d].id".formatted(index), "[%d].id must not be empty: give each sample an id unique for its node".formatted(index));
        }
        return new FleetSample(id, time(index, (String) values[1]), (double) values[2], (String) values[3],
                label(index, "scope", (String) values[4], Scope::fromLabel), label(index, "provenance", (String) values[5], Provenance::fromLabel),
                (double) values[6], (double) values[7]);
    }

    private static Instant time(int index, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw bad("[%d].time".formatted(index), "[%d].time '%s' is not an ISO-8601 time with an offset, such as 2026-12-05T10:00:00Z"
                    .formatted(index, text));
        }
    }

    private static <T> T label(int index, String name, String text, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw bad("[%d].%s".formatted(index, name), "[%d].%s: %s".formatted(index, name, e.getMessage()));
        }
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the body";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    private static ProblemException bad(String field, String detail) {
        return new ProblemException(400, "Bad Request", detail, field.isEmpty() ? null : field);
    }
}
