package dev.greenloop.app;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** Pushes what waits in an agent's spool, oldest first, until it is empty, the server fails, or time is up. */
final class SpoolPush {

    private SpoolPush() {
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
     * @param batchSize the most samples per request
     * @param requestTimeout the longest one request may take (less when {@code deadline} is nearer)
     * @param deadline when to stop starting requests
     * @param status told of every batch refused and kept in the dead letters
     * @throws IOException if the spool cannot be read or written
     * @throws InterruptedException if interrupted while waiting for the server
     */
    static Round pushAll(AgentSpool spool, IngestClient client, int batchSize, Duration requestTimeout, Instant deadline,
            Consumer<String> status) throws IOException, InterruptedException {
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
