package dev.greenloop.app;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Work handed from a hot path to one thread of its own through a bounded queue: {@link #offer} never waits; when the
 * queue is full the item is dropped and counted. Items are handled in order.
 */
final class Outbox<T> implements AutoCloseable {

    private final BlockingQueue<T> queue;
    private final Consumer<T> handler;
    private final Consumer<String> log;
    private final String name;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    /**
     * @param name the thread's name, and what the log says was dropped
     * @param capacity the most items waiting
     * @param handler handles one item; an exception it throws is logged and the next item handled
     * @param log where drops and failures are told, one line each
     */
    Outbox(String name, int capacity, Consumer<T> handler, Consumer<String> log) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.handler = handler;
        this.log = log;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::drain);
    }

    /** @return true if queued, false if the queue was full (or closed) and the item dropped */
    boolean offer(T item) {
        if (!closing && queue.offer(item)) {
            return true;
        }
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 100 == 0) {
            log.accept("greenloop server: %s: %s, %d dropped so far".formatted(name, closing ? "stopped" : "queue full", n));
        }
        return false;
    }

    /** @return items dropped because the queue was full */
    long dropped() {
        return dropped.get();
    }

    private void drain() {
        while (true) {
            T item;
            try {
                item = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (item == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            try {
                handler.accept(item);
            } catch (RuntimeException e) {
                // Safe to go on: one item failed (it is logged); the next ones are independent.
                log.accept("greenloop server: %s: %s".formatted(name, e.getMessage()));
            }
        }
    }

    /** Handles what is queued, waiting up to {@code millis}, then stops the thread. */
    void close(long millis) {
        closing = true;
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }

    @Override
    public void close() {
        close(5_000);
    }
}
