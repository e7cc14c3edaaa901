package dev.greenloop.app;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pushes what waits in an agent's spool, oldest first, until it is empty, the server fails, or time is up. A batch the
 * server finds too large (413) is sent again in halves, and later batches are no larger; only a single sample refused
 * goes to the dead letters. Used from one thread.
 */
final class SpoolPush {

    private final AgentSpool spool;
    private final IngestTarget client;
    private final Duration requestTimeout;
    private final Consumer<String> status;
    private int batchSize;

    /**
     * @param batchSize the most samples per request, at first
     * @param requestTimeout the longest one request may take (less when a round's deadline is nearer)
     * @param status told of every batch refused and kept in the dead letters, and of smaller batches
     */
    SpoolPush(AgentSpool spool, IngestTarget client, int batchSize, Duration requestTimeout, Consumer<String> status) {
        this.spool = spool;
        this.client = client;
        this.batchSize = batchSize;
        this.requestTimeout = requestTimeout;
        this.status = status;
    }

    /**
     * How a round of pushes ended.
     *
     * @param pushed samples the server acknowledged
     * @param failure why it stopped early: the server answered {@link IngestClient.TryLater} or
     *     {@link IngestClient.Unauthorized}; empty when the spool was emptied or time ran out
     */
    record Round(long pushed, Optional<IngestClient.Answer> failure) {
    }

    /**
     * @param deadline when to stop starting requests
     * @throws IOException if the spool cannot be read or written
     * @throws InterruptedException if interrupted while waiting for the server
     */
    Round pushUntil(Instant deadline) throws IOException, InterruptedException {
        long pushed = 0;
        while (Instant.now().isBefore(deadline)) {
            Optional<AgentSpool.Batch> next = spool.next(batchSize);
            if (next.isEmpty()) {
                break;
            }
            AgentSpool.Batch batch = next.get();
            Duration left = Duration.between(Instant.now(), deadline);
            Duration timeout = left.compareTo(requestTimeout) < 0 ? left.plusMillis(1) : requestTimeout;
            IngestClient.Answer answer = client.push(batch.node(), batch.samples(), timeout);
            switch (answer) {
                case IngestClient.Accepted a -> {
                    spool.ack(batch);
                    pushed += batch.samples().size();
                }
                case IngestClient.Refused r when r.status() == 413 && batch.samples().size() > 1 -> {
                    // Too large for this server's limits: the same samples again, in smaller requests.
                    batchSize = Math.max(1, batch.samples().size() / 2);
                    status.accept("the server refused a batch of %d samples as too large (HTTP 413: %s); sending at most %d a request"
                            .formatted(batch.samples().size(), r.problem(), batchSize));
                }
                case IngestClient.Refused r -> {
                    // The same bytes would be refused again: keep them aside, so the samples after them still go.
                    var file = spool.deadLetter(batch, r.status(), r.problem());
                    status.accept("the server refused a batch of %d samples (HTTP %d: %s); kept in %s, going on"
                            .formatted(batch.samples().size(), r.status(), r.problem(), file));
                }
                case IngestClient.Unauthorized u -> {
                    return new Round(pushed, Optional.of(u));
                }
                case IngestClient.TryLater t -> {
                    return new Round(pushed, Optional.of(t));
                }
            }
        }
        return new Round(pushed, Optional.empty());
    }
}
