package dev.greenloop.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.report.RunJson;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes JSON answers with the generator every Greenloop JSON output uses, and RFC 7807 problem details. */
final class Responses {

    static final String JSON = "application/json";
    /** RFC 7807 section 3: the media type of a problem details object. */
    static final String PROBLEM_JSON = "application/problem+json";

    /** The time format of the API: ISO-8601 UTC with milliseconds, as the CLI's JSON writes times. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final com.fasterxml.jackson.core.JsonFactory COMPACT = new com.fasterxml.jackson.core.JsonFactory();

    private Responses() {
    }

    /** Writes one JSON value. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    static void json(Context ctx, int status, Body body) {
        send(ctx, status, JSON, body);
    }

    /**
     * Answers RFC 7807 problem details: {@code type} ({@code about:blank}: the status says what kind of problem it is),
     * {@code title}, {@code status}, {@code detail}, and {@code field} when one request field is at fault.
     */
    static void problem(Context ctx, int status, String title, String detail, String field) {
        send(ctx, status, PROBLEM_JSON, g -> {
            g.writeStartObject();
            g.writeStringField("type", "about:blank");
            g.writeStringField("title", title);
            g.writeNumberField("status", status);
            g.writeStringField("detail", detail);
            if (field != null) {
                g.writeStringField("field", field);
            }
            g.writeEndObject();
        });
    }

    static String iso(Instant t) {
        return ISO.format(t);
    }

    /** @return one JSON value as compact text on one line (as a server-sent event's data must be) */
    static String text(Body body) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JsonGenerator g = COMPACT.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static ByteArrayOutputStream bytes(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = RunJson.generator(bytes)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes;
    }

    private static void send(Context ctx, int status, String contentType, Body body) {
        ByteArrayOutputStream bytes = bytes(body);
        bytes.write('\n');
        ctx.status(status).contentType(contentType).result(bytes.toByteArray());
    }
}
