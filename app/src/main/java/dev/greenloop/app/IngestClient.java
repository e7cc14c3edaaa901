package dev.greenloop.app;

import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NodeRegistration;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pushes a node's samples to a Greenloop server: {@code POST /api/v1/nodes/{node}/samples?zone=&pue=&hardware=} with
 * {@code Authorization: Bearer TOKEN} and a JSON array of samples (docs/server.md, "API"), and sorts the answer into
 * what the agent does next. The token is sent in that header only, and never appears in a {@link Answer}.
 */
final class IngestClient implements IngestTarget {

    /** What the server's answer means for the batch. */
    sealed interface Answer {
    }

    /** 2xx: stored (the server's {@code stored} and {@code duplicates}, -1 where its body does not say). */
    record Accepted(long stored, long duplicates) implements Answer {
    }

    /** 400, 413 and other 4xx but 401, 403, 429: the batch will never be taken; keep it aside and go on. */
    record Refused(int status, String problem) implements Answer {
    }

    /** 401, 403: the token is wrong, revoked or not an agent's; pushing again will not help. */
    record Unauthorized(int status, String problem) implements Answer {
    }

    /** 429, 5xx, or no answer at all: try again later, after {@code retryAfter} where the server said. */
    record TryLater(String reason, Optional<Duration> retryAfter) implements Answer {
    }

    private final HttpClient http;
    private final URI server;
    private final String token;

    /**
     * @param server the server's base URL, such as {@code http://fleet:8080}
     * @param token the agent's bearer token
     * @param connectTimeout how long to wait for a connection
     */
    IngestClient(URI server, String token, Duration connectTimeout) {
        this.server = server;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @return the server's ingest URL for {@code node}, with its zone, PUE and hardware as query parameters */
    URI ingestUri(NodeRegistration node) {
        String base = server.toString().replaceAll("/+$", "");
        return URI.create(base + "/api/v1/nodes/" + encode(node.name()) + "/samples?zone=" + encode(node.zone()) + "&pue="
                + String.format(Locale.ROOT, "%s", node.pue()) + "&hardware=" + encode(node.hardware()));
    }

    /**
     * Pushes one batch.
     *
     * @param timeout how long the whole request may take
     * @throws InterruptedException if interrupted while waiting for the answer
     */
    @Override
    public Answer push(NodeRegistration node, List<FleetSample> samples, Duration timeout) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(ingestUri(node)).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SampleJson.array(samples), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new TryLater(describe(e), Optional.empty());
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status >= 200 && status < 300) {
            return new Accepted(number(body, "stored"), number(body, "duplicates"));
        }
        if (status == 401 || status == 403) {
            return new Unauthorized(status, problem(body));
        }
        if (status == 429 || status >= 500) {
            return new TryLater("HTTP " + status + (body.isBlank() ? "" : ": " + problem(body)),
                    response.headers().firstValue("Retry-After").flatMap(IngestClient::retryAfter));
        }
        return new Refused(status, problem(body));
    }

    @Override
    public String describe() {
        return server.toString();
    }

    private static String describe(IOException e) {
        String kind = e instanceof java.net.ConnectException ? "connection refused"
                : e instanceof java.net.http.HttpTimeoutException ? "timed out" : e.getClass().getSimpleName();
        return e.getMessage() == null || e.getMessage().isBlank() ? kind : kind + " (" + e.getMessage() + ")";
    }

    /** @return a Retry-After in seconds (RFC 9110 §10.2.3); an HTTP date is taken as its distance from now */
    static Optional<Duration> retryAfter(String value) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            try {
                var when = java.time.ZonedDateTime.parse(v, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(java.time.Instant.now(), when.toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (java.time.format.DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** @return a problem body's {@code detail} (RFC 9457), else {@code title}, else the body cut to a line */
    static String problem(String body) {
        try (var p = SampleJson.JSON.createParser(body)) {
            String detail = null;
            String title = null;
            if (p.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("detail")) {
                        detail = p.getText();
                    } else if (name.equals("title")) {
                        title = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
            }
            if (detail != null || title != null) {
                return detail != null ? detail : title;
            }
        } catch (IOException e) {
            // Not JSON: the body itself, cut to a line, says what there is to say.
        }
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static long number(String body, String field) {
        try (var p = SampleJson.JSON.createParser(body)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return -1;
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (name.equals(field) && p.currentToken().isNumeric()) {
                    return p.getLongValue();
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            // No JSON body: the 2xx alone says the batch was taken.
        }
        return -1;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
