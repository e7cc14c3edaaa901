package dev.greenloop.carbon.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GETs one provider's URLs with timeouts and bounded retries: HTTP 429 and 503 are tried again after the
 * answer's {@code Retry-After} (seconds or an HTTP date) or, without one, after an exponential back-off;
 * any other status outside 2xx fails at once with the provider's message. Redirects are followed here, not by the
 * HTTP client, and only within the origin (scheme, host and port) of the URL asked for, at most
 * {@value #MAX_REDIRECTS} times: a redirect to another origin fails, so that credentials never leave the
 * configured origin. Every message is redacted before it is shortened: the secrets given, the values of the
 * {@code Authorization} and {@code auth-token} headers sent, and any such header written in the text. A body larger
 * than {@value #MAX_BODY_BYTES} bytes (16 MiB) is refused as "response too large" once that much has arrived, never
 * read whole; a host that cannot be reached (connection refused, unknown host) or does not answer in time is named.
 * Thread-safe.
 */
final class HttpFetcher {

    /** Waits between attempts; tests substitute one that records the waits. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final int MAX_MESSAGE_CHARS = 300;

    /** The largest answer read, in bytes (16 MiB): a provider's answer is a few kB; a year of hourly points, ~1 MB. */
    static final int MAX_BODY_BYTES = 16 << 20;

    /** How many same-origin redirects one request follows. */
    static final int MAX_REDIRECTS = 5;

    /** The headers that carry credentials; their values are never shown. */
    private static final List<String> CREDENTIAL_HEADERS = List.of("authorization", "auth-token");

    /** A credential header written in text ({@code Authorization: Bearer X}, {@code "auth-token":"X"}): its value. */
    private static final Pattern CREDENTIAL_IN_TEXT = Pattern.compile(
            "(?i)\\b(authorization|auth-token)([\"']?\\s*[:=]\\s*[\"']?)((?:bearer|basic|token)\\s+)?[^\\s\"',;}]+");

    private final String provider;
    private final HttpClient client;
    private final LiveOptions options;
    private final Clock clock;
    private final Sleeper sleeper;

    HttpFetcher(String provider, LiveOptions options, Clock clock, Sleeper sleeper) {
        this.provider = provider;
        this.options = options;
        this.clock = clock;
        this.sleeper = sleeper;
        this.client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param headers request headers, credentials included
     * @param secrets values never to show in a message (credentials), blanked wherever they appear
     * @return the body of a 2xx answer
     * @throws LiveProviderException on a timeout, an unreachable host, an interrupt, a 4xx/5xx answer, 429/503
     *     beyond the retries, a redirect to another origin, more than {@value #MAX_REDIRECTS} redirects, or an answer
     *     over {@value #MAX_BODY_BYTES} bytes; the message names the host where no answer came
     */
    String get(URI uri, Map<String, String> headers, List<String> secrets) {
        List<String> hidden = hidden(headers, secrets);
        String where = redact(pathOf(uri), hidden);
        URI target = uri;
        int redirects = 0;
        for (int attempt = 0; ; ) {
            HttpResponse<String> response = send(request(target, headers), where, hidden);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response.body();
            }
            if (isRedirect(status) && response.headers().firstValue("Location").isPresent()) {
                if (++redirects > MAX_REDIRECTS) {
                    throw new LiveProviderException("%s: more than %d redirects for %s; check the base URL"
                            .formatted(provider, MAX_REDIRECTS, where), status, null);
                }
                target = redirect(uri, target, response.headers().firstValue("Location").get(), status, where, hidden);
                continue;
            }
            String message = providerMessage(response.body(), hidden);
            if (status != 429 && status != 503) {
                throw new LiveProviderException("%s refused %s: HTTP %d%s%s".formatted(provider, where, status,
                        message, hint(status)), status, null);
            }
            if (attempt >= options.maxRetries()) {
                throw new LiveProviderException("%s answered %s with HTTP %d %d times in a row%s; try again later"
                        .formatted(provider, where, status, attempt + 1, message), status, null);
            }
            Duration wait = waitBefore(response, attempt, where);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LiveProviderException("%s: interrupted while waiting to retry %s".formatted(provider, where),
                        status, e);
            }
            attempt++;
        }
    }

    private HttpRequest request(URI target, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(options.requestTimeout()).GET()
                .header("Accept", "application/json");
        headers.forEach(builder::header);
        return builder.build();
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** @return where a redirect leads, if it stays within the origin of {@code asked} */
    private URI redirect(URI asked, URI from, String location, int status, String where, List<String> hidden) {
        URI next;
        try {
            next = from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new LiveProviderException("%s redirected %s (HTTP %d) to '%s', which is not a URL"
                    .formatted(provider, where, status, redact(location, hidden)), status, e);
        }
        if (!origin(next).equals(origin(asked))) {
            throw new LiveProviderException(("%s redirected %s (HTTP %d) from %s to another origin, %s; not followed, so"
                    + " that credentials stay with %s; check the base URL").formatted(provider, where, status, origin(asked),
                    origin(next), origin(asked)), status, null);
        }
        return next;
    }

    /** @return {@code scheme://host:port}, in lower case, with the scheme's default port made explicit */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        return scheme + "://" + host + ":" + port;
    }

    private static String pathOf(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** @return the secrets and the values of the credential headers (a {@code Bearer}/{@code Basic} value also bare) */
    static List<String> hidden(Map<String, String> headers, List<String> secrets) {
        List<String> hidden = new ArrayList<>(secrets);
        headers.forEach((name, value) -> {
            if (CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && value != null) {
                hidden.add(value);
                int space = value.indexOf(' ');
                if (space > 0) {
                    hidden.add(value.substring(space + 1).strip());
                }
            }
        });
        return hidden;
    }

    private HttpResponse<String> send(HttpRequest request, String where, List<String> hidden) {
        String host = hostOf(request.uri());
        try {
            return client.send(request, info -> new BoundedBody());
        } catch (HttpTimeoutException e) {
            throw new LiveProviderException("%s at %s did not answer %s within the timeout (connect %s, request %s); try again later"
                    .formatted(provider, host, where, options.connectTimeout(), options.requestTimeout()), 0, e);
        } catch (IOException e) {
            if (causes(e, ResponseTooLargeException.class)) {
                throw new LiveProviderException(("%s at %s: response too large: the answer to %s goes on past %d MiB, the most read;"
                        + " check the base URL (a provider answers a few kB)").formatted(provider, host, where, MAX_BODY_BYTES >> 20), 0, e);
            }
            throw new LiveProviderException("cannot reach %s at %s for %s: %s; check the network and the base URL"
                    .formatted(provider, host, where, reason(e, hidden)), 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LiveProviderException("%s: interrupted while waiting for %s".formatted(provider, where), 0, e);
        }
    }

    /** @return {@code host:port} as the URL names them */
    private static String hostOf(URI uri) {
        return (uri.getHost() == null ? "?" : uri.getHost()) + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static boolean causes(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** @return why a host could not be reached, in words: connection refused, unknown host, or the exception */
    private static String reason(IOException e, List<String> hidden) {
        if (causes(e, java.nio.channels.UnresolvedAddressException.class) || causes(e, java.net.UnknownHostException.class)) {
            return "unknown host";
        }
        if (causes(e, java.net.ConnectException.class)) {
            return "connection refused";
        }
        return redact(e.toString(), hidden);
    }

    /** The answer was longer than {@link #MAX_BODY_BYTES}; reading stopped there. */
    private static final class ResponseTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseTooLargeException() {
            super("response too large: more than " + MAX_BODY_BYTES + " bytes");
        }
    }

    /** Collects a body as UTF-8 text (JSON's encoding), cancelling the exchange as soon as it passes the limit. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<String> {
        private final java.util.concurrent.CompletableFuture<String> result = new java.util.concurrent.CompletableFuture<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private java.util.concurrent.Flow.Subscription subscription;

        @Override
        public java.util.concurrent.CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<java.nio.ByteBuffer> items) {
            for (java.nio.ByteBuffer b : items) {
                if (bytes.size() + (long) b.remaining() > MAX_BODY_BYTES) {
                    subscription.cancel();
                    result.completeExceptionally(new ResponseTooLargeException());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** @return the wait the answer asks for, or the back-off for this attempt, capped at {@code maxRetryWait} */
    private Duration waitBefore(HttpResponse<String> response, int attempt, String where) {
        Optional<Duration> asked = response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter);
        if (asked.isPresent()) {
            if (asked.get().compareTo(options.maxRetryWait()) > 0) {
                throw new LiveProviderException(("%s asks to wait %d s before retrying %s (HTTP %d), longer than the %d s"
                        + " this client waits; try again later").formatted(provider, asked.get().toSeconds(), where,
                        response.statusCode(), options.maxRetryWait().toSeconds()), response.statusCode(), null);
            }
            return asked.get();
        }
        Duration backoff = options.initialBackoff().multipliedBy(1L << Math.min(attempt, 20));
        return backoff.compareTo(options.maxRetryWait()) > 0 ? options.maxRetryWait() : backoff;
    }

    /** RFC 9110 §10.2.3: either a number of seconds or an HTTP date; anything else is ignored. */
    private Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            // Not a number of seconds: try the HTTP-date form below.
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            // Neither form: the header is unusable, so the exponential back-off applies (the documented fallback).
            return Optional.empty();
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (check the credentials and that your plan covers this zone and endpoint)";
            case 404 -> " (check the zone or region code)";
            default -> "";
        };
    }

    /**
     * @return {@code ": <the provider's message>"}, without secrets and then shortened (so that no piece of a
     *     secret cut by the limit survives), or empty for an empty body
     */
    private static String providerMessage(String body, List<String> secrets) {
        String text = redact(body == null ? "" : body, secrets).strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "";
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            text = text.substring(0, MAX_MESSAGE_CHARS) + "...";
        }
        return ": " + text;
    }

    /**
     * @return {@code text} with every secret, and the value of any {@code Authorization} or {@code auth-token}
     *     header written in it, replaced by {@code ***}
     */
    static String redact(String text, List<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                result = result.replace(secret, "***");
            }
        }
        return CREDENTIAL_IN_TEXT.matcher(result).replaceAll("$1$2$3***");
    }
}
