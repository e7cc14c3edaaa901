package dev.greenloop.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * POSTs anomaly events as JSON to one URL, from a thread of its own: each event is tried up to {@link #ATTEMPTS} times
 * (each with a {@link #TIMEOUT} limit, waiting {@link #BACKOFF} times the attempt between tries) until the receiver
 * answers 2xx. Events wait in a bounded queue; when it is full an event is dropped, counted and logged, so a slow or
 * dead receiver never slows ingest.
 */
final class AnomalyWebhook implements AutoCloseable {

    static final int ATTEMPTS = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration BACKOFF = Duration.ofSeconds(1);
    static final int QUEUE = 1000;

    private final URI url;
    private final HttpClient client;
    private final Consumer<String> log;
    private final Duration backoff;
    private final Outbox<String> outbox;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    AnomalyWebhook(URI url, Consumer<String> log) {
        this(url, log, BACKOFF, QUEUE);
    }

    AnomalyWebhook(URI url, Consumer<String> log, Duration backoff, int queue) {
        this.url = url;
        this.log = log;
        this.backoff = backoff;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        this.outbox = new Outbox<>("greenloop-anomaly-webhook", queue, this::post, log);
    }

    /**
     * Checks a webhook URL given by a flag or variable.
     *
     * @param origin where it was given, for the message ({@code --anomaly-webhook})
     * @throws IllegalArgumentException naming the value and the fix unless it is an absolute http or https URL with a host
     */
    static URI parse(String origin, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("%s: '%s' is not a URL (%s); give one such as https://hooks.example.org/greenloop"
                    .formatted(origin, value, e.getReason()));
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("%s: '%s' is not an http or https URL with a host; give one such as https://hooks.example.org/greenloop"
                    .formatted(origin, value));
        }
        return uri;
    }

    /** Queues an event's JSON body. @return false if the queue was full and it was dropped */
    boolean send(String body) {
        return outbox.offer(body);
    }

    long sent() {
        return sent.get();
    }

    long failed() {
        return failed.get();
    }

    long dropped() {
        return outbox.dropped();
    }

    private void post(String body) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                .header("User-Agent", "greenloop-server").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    sent.incrementAndGet();
                    return;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < ATTEMPTS) {
                try {
                    Thread.sleep(backoff.multipliedBy(attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        failed.incrementAndGet();
        log.accept("greenloop server: anomaly webhook %s failed %d times (last: %s); the event is not sent".formatted(url, ATTEMPTS, last));
    }

    @Override
    public void close() {
        outbox.close();
    }
}
