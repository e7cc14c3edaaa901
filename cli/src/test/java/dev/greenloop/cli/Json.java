package dev.greenloop.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Reading the CLI's JSON output in tests. */
public final class Json {

    private Json() {
    }

    /** A tiny flattening JSON reader: "energy.totalJoules" -> value, arrays as name[i]. */
    public static Map<String, Object> flatten(String json) throws IOException {
        Map<String, Object> out = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            walk(p, p.nextToken(), "", out);
        }
        return out;
    }

    private static void walk(JsonParser p, JsonToken t, String path, Map<String, Object> out) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    walk(p, p.nextToken(), path.isEmpty() ? name : path + "." + name, out);
                }
            }
            case START_ARRAY -> {
                int i = 0;
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    walk(p, n, path + "[" + i++ + "]", out);
                }
                out.put(path + ".length", i);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> out.put(path, p.getDoubleValue());
            case VALUE_STRING -> out.put(path, p.getText());
            case VALUE_TRUE, VALUE_FALSE -> out.put(path, p.getBooleanValue());
            case VALUE_NULL -> out.put(path, null);
            default -> throw new IllegalStateException("unexpected " + t);
        }
    }

    /** @return the JSON report at the end of {@code stdout}, after the command's own output */
    public static String jsonPart(String stdout) {
        int brace = stdout.lastIndexOf("\n{");
        return brace >= 0 ? stdout.substring(brace + 1) : stdout.substring(stdout.indexOf('{'));
    }
}
