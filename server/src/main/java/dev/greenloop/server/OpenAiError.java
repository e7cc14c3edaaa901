package dev.greenloop.server;

/**
 * An error on {@code /v1/*}, answered in OpenAI's shape {@code {"error": {"message", "type", "param", "code"}}} rather
 * than as problem details, so that OpenAI clients show the message.
 */
final class OpenAiError extends RuntimeException {

    /** The request attribute set once an error in this shape is written, so that the server's 404 page leaves it. */
    static final String WRITTEN = "greenloop.openai-error";

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    /**
     * @param status the HTTP status
     * @param type OpenAI's error type, such as {@code invalid_request_error}
     * @param param the request field at fault, or null
     * @param code a short machine-readable code, or null
     * @param message what is wrong and how to fix it
     */
    OpenAiError(int status, String type, String param, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** A 400 for a bad request field. */
    static OpenAiError invalid(String param, String message) {
        return new OpenAiError(400, "invalid_request_error", param, null, message);
    }

    int status() {
        return status;
    }

    void write(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("error");
        g.writeStringField("message", getMessage());
        g.writeStringField("type", type);
        g.writeStringField("param", param);
        g.writeStringField("code", code);
        g.writeEndObject();
        g.writeEndObject();
    }
}
