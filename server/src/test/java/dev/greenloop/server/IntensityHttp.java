package dev.greenloop.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Javalin with only the intensity routes on a loopback port, problem details rendered as RFC 7807 (as the server's
 * renderer will), and a client that reads JSON answers into maps and lists.
 */
final class IntensityHttp implements AutoCloseable {

    record Answer(int status, String contentType, String body, Object json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) json;
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> array() {
            return (List<Map<String, Object>>) json;
        }
    }

    private static final JsonFactory FACTORY = new JsonFactory();
    private final Javalin javalin;
    private final HttpClient client = HttpClient.newHttpClient();

    IntensityHttp(ServerContext context) {
        javalin = Javalin.create(c -> {
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            c.startup.showJavalinBanner = false;
            new CarbonAwareRoutes().register(c.routes, context);
            new IntensityRoutes().register(c.routes, context);
            c.routes.exception(ProblemException.class, (e, ctx) -> ctx.status(e.status()).contentType("application/problem+json")
                    .result(IntensityJson.write(g -> {
                        g.writeStartObject();
                        g.writeStringField("type", "about:blank");
                        g.writeStringField("title", e.title());
                        g.writeNumberField("status", e.status());
                        g.writeStringField("detail", e.detail());
                        if (e.field() != null) {
                            g.writeStringField("field", e.field());
                        }
                        g.writeEndObject();
                    })));
        });
        javalin.start();
    }

    Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    Answer post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + javalin.port() + pathAndQuery);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        Object json = null;
        if (!r.body().isEmpty()) {
            try (JsonParser p = FACTORY.createParser(r.body())) {
                json = value(p, p.nextToken());
            }
        }
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), json);
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    m.put(name, value(p, p.nextToken()));
                }
                yield m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(value(p, n));
                }
                yield l;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
            default -> null;
        };
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
