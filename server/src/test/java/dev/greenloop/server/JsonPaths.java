package dev.greenloop.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a JSON answer into path → value: {@code components[0].joules}, {@code [2].id}; arrays also get {@code .length}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static Map<String, Object> of(String json) {
        Map<String, Object> values = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            read(p, p.nextToken(), "", values);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value in " + json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    private static void read(JsonParser p, JsonToken token, String at, Map<String, Object> values) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                read(p, p.nextToken(), at.isEmpty() ? name : at + "." + name, values);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int n = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                read(p, t, at + "[" + n++ + "]", values);
            }
            values.put(at + ".length", n);
        } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            values.put(at, p.getDoubleValue());
        } else if (token == JsonToken.VALUE_NULL) {
            values.put(at, null);
        } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            values.put(at, token == JsonToken.VALUE_TRUE);
        } else {
            values.put(at, p.getText());
        }
    }
}
