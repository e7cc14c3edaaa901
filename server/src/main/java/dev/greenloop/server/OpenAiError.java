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

    /**
     * A problem raised before a {@code /v1/*} handler runs (the server's token check, rate limit, body limit, a missing
     * route) in OpenAI's shape, with the type and code OpenAI's API uses for the same status.
     *
     * @param status the HTTP status
     * @param field the request field or header at fault, or null
     * @param message what is wrong and how to fix it
     */
    static OpenAiError ofStatus(int status, String field, String message) {
        return switch (status) {
            case 401 -> new OpenAiError(401, "invalid_request_error", null, "invalid_api_key", message);
            case 403 -> new OpenAiError(403, "permission_error", null, "insufficient_role", message);
            case 404 -> new OpenAiError(404, "invalid_request_error", null, "not_found", message);
            case 413 -> new OpenAiError(413, "invalid_request_error", "input", "request_too_large", message);
            case 429 -> new OpenAiError(429, "requests", null, "rate_limit_exceeded", message);
            default -> new OpenAiError(status, status >= 500 ? "server_error" : "invalid_request_error", field, null, message);
        };
    }

    /** Whether a request is on the OpenAI-compatible routes, whose errors take this shape. */
    static boolean on(io.javalin.http.Context ctx) {
        return ctx.path().startsWith("/v1/");
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
