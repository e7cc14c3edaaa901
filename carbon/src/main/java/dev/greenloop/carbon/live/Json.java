package dev.greenloop.carbon.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the providers' small JSON answers into plain maps, lists, strings, doubles, booleans and nulls
 * with Jackson's streaming parser, and picks fields out of them. Every failure is a
 * {@link BadAnswerException} that says what was expected.
 */
final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** The answer does not have the documented shape. */
    static final class BadAnswerException extends RuntimeException {
        BadAnswerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Json() {
    }

    /** @return the document as maps, lists, strings, doubles, booleans and nulls */
    static Object parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new BadAnswerException("the answer is empty", null);
            }
            return value(parser, first);
        } catch (IOException e) {
            throw new BadAnswerException("the answer is not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    map.put(name, value(parser, parser.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    list.add(value(parser, t));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new BadAnswerException("unexpected JSON token " + token, null);
        };
    }

    /** @return {@code node} as an object */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object node, String what) {
        if (node instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new BadAnswerException("expected %s to be an object, found %s".formatted(what, describe(node)), null);
    }

    /** @return {@code node} as an array */
    @SuppressWarnings("unchecked")
    static List<Object> array(Object node, String what) {
        if (node instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new BadAnswerException("expected %s to be an array, found %s".formatted(what, describe(node)), null);
    }

    /** @return the string field {@code key} of {@code object} */
    static String text(Map<String, Object> object, String key) {
        if (object.get(key) instanceof String s) {
            return s;
        }
        throw new BadAnswerException("expected a string field '%s', found %s".formatted(key, describe(object.get(key))), null);
    }

    /** @return the number field {@code key}, or empty when it is null or absent */
    static Optional<Double> optionalNumber(Map<String, Object> object, String key) {
        Object value = object.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Double d) {
            return Optional.of(d);
        }
        throw new BadAnswerException("expected a number field '%s', found %s".formatted(key, describe(value)), null);
    }

    /** @return the number field {@code key} */
    static double number(Map<String, Object> object, String key) {
        return optionalNumber(object, key).orElseThrow(
                () -> new BadAnswerException("expected a number field '%s', found none".formatted(key), null));
    }

    /** @return the ISO-8601 time with an offset in field {@code key} (seconds optional, as NESO writes them) */
    static Instant time(Map<String, Object> object, String key) {
        String value = text(object, key);
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadAnswerException("field '%s' is not an ISO-8601 time: %s".formatted(key, value), e);
        }
    }

    private static String describe(Object node) {
        return switch (node) {
            case null -> "null";
            case Map<?, ?> m -> "an object with fields " + m.keySet();
            case List<?> l -> "an array of " + l.size();
            default -> "'" + node + "'";
        };
    }
}
