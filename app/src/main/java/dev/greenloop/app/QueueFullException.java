package dev.greenloop.app;

import java.time.Duration;

/** Thrown when an embeddings request finds the serving queue full; the caller should retry after {@link #retryAfter()}. */
public final class QueueFullException extends RuntimeException {

    private final int queue;
    private final Duration retryAfter;

    /**
     * @param queue the queue's size
     * @param retryAfter an estimate of when a place frees
     */
    public QueueFullException(int queue, Duration retryAfter) {
        super("the queue is full (%d requests waiting); retry after %d s, or start the server with a larger --queue"
                .formatted(queue, Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        this.queue = queue;
        this.retryAfter = retryAfter;
    }

    /** @return the queue's size */
    public int queue() {
        return queue;
    }

    /** @return an estimate of when a place frees, at least one second when rounded up */
    public Duration retryAfter() {
        return retryAfter;
    }
}
