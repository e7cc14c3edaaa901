package dev.greenloop.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.greenloop.app.EmbeddingService;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A parsed {@code POST /v1/embeddings} body, as OpenAI's API takes it: {@code model}, {@code input} (a string or an
 * array of strings), {@code encoding_format} ({@code float} or {@code base64}), {@code dimensions}, {@code user}.
 * Other fields are ignored, as OpenAI clients send some this server has no use for.
 *
 * @param model the model, or {@code model:variant}
 * @param input the texts, 1 to {@value EmbeddingService#MAX_INPUTS}
 * @param base64 whether vectors are answered as base64 of little-endian float32s
 * @param dimensions the vector length asked for, if any
 */
record EmbeddingRequest(String model, List<String> input, boolean base64, OptionalInt dimensions) {

    private static final JsonFactory FACTORY = new JsonFactory();

    /**
     * @throws OpenAiError 400 naming the field and the fix for each mistake
     * @throws IOException if the body cannot be read
     */
    static EmbeddingRequest parse(InputStream body) throws IOException {
        String model = null;
        List<String> input = null;
        boolean base64 = false;
        OptionalInt dimensions = OptionalInt.empty();
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw OpenAiError.invalid(null, "the body must be a JSON object such as {\"model\": \"all-minilm-l6-v2\", \"input\": \"a text\"}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "model" -> model = string(p, value, "model");
                    case "input" -> input = input(p, value);
                    case "encoding_format" -> {
                        String f = string(p, value, "encoding_format");
                        base64 = switch (f) {
                            case "float" -> false;
                            case "base64" -> true;
                            default -> throw OpenAiError.invalid("encoding_format", "encoding_format '%s' is not supported; give float or base64".formatted(f));
                        };
                    }
                    case "dimensions" -> {
                        if (value == JsonToken.VALUE_NULL) {
                            break;
                        }
                        if (value != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 1 || p.getLongValue() > Integer.MAX_VALUE) {
                            throw OpenAiError.invalid("dimensions", "dimensions must be a positive whole number, was " + p.getText());
                        }
                        dimensions = OptionalInt.of(p.getIntValue());
                    }
                    default -> p.skipChildren(); // user, and fields of newer API versions: not used here
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw OpenAiError.invalid(null, "the body must be one JSON object");
            }
        } catch (JsonParseException e) {
            throw OpenAiError.invalid(null, "the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (model == null || model.isBlank()) {
            throw OpenAiError.invalid("model", "model is required: give the served model's name, or NAME:VARIANT (GET /v1/models lists them)");
        }
        if (input == null) {
            throw OpenAiError.invalid("input", "input is required: give a string or an array of strings");
        }
        return new EmbeddingRequest(model, List.copyOf(input), base64, dimensions);
    }

    private static String string(JsonParser p, JsonToken value, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw OpenAiError.invalid(field, "%s must be a string, was %s".formatted(field, p.getText()));
        }
        return p.getText();
    }

    private static List<String> input(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            if (p.getText().isEmpty()) {
                throw OpenAiError.invalid("input", "input is the empty string: give a text to embed");
            }
            return List.of(p.getText());
        }
        if (value != JsonToken.START_ARRAY) {
            throw OpenAiError.invalid("input", "input must be a string or an array of strings, was " + p.getText());
        }
        List<String> texts = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int index = texts.size();
            if (t != JsonToken.VALUE_STRING) {
                throw OpenAiError.invalid("input", ("input[%d] is not a string (%s); send texts as strings (token arrays are not supported)")
                        .formatted(index, t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT ? t.asString() : p.getText()));
            }
            if (p.getText().isEmpty()) {
                throw OpenAiError.invalid("input", "input[%d] is the empty string: every text must have at least one character".formatted(index));
            }
            if (texts.size() == EmbeddingService.MAX_INPUTS) {
                throw OpenAiError.invalid("input", "input has more than %d items; send at most %d texts per request"
                        .formatted(EmbeddingService.MAX_INPUTS, EmbeddingService.MAX_INPUTS));
            }
            texts.add(p.getText());
        }
        if (texts.isEmpty()) {
            throw OpenAiError.invalid("input", "input is an empty array: give at least one text");
        }
        return texts;
    }
}
