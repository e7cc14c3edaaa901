package dev.greenloop.app;

import dev.greenloop.store.ServedTraffic;
import dev.greenloop.store.ServedTrafficStore;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoreException;
import dev.greenloop.store.Stores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps what a serving process answered in the store's {@code served_traffic} table, so that the report can count the
 * savings of the variants actually served: every {@code every} and when closed, one row per variant that answered
 * since the last row, with its queries, requests, energy and carbon ({@link EmbeddingService#served()}).
 *
 * <p>A write that fails is told to {@code notes} and its traffic is kept for the next write: nothing is lost while the
 * process lives. Safe for use by several threads.
 */
public final class ServedTrafficLog implements AutoCloseable {

    /** How often a serving process writes its traffic unless told otherwise. */
    public static final Duration DEFAULT_EVERY = Duration.ofMinutes(5);

    private final StoreConfig store;
    private final String node;
    private final String model;
    private final Supplier<Map<String, EmbeddingService.ServedCount>> counts;
    private final Clock clock;
    private final Consumer<String> notes;
    private final ScheduledExecutorService timer;
    private Map<String, EmbeddingService.ServedCount> written = new HashMap<>();
    private Instant since;
    private boolean closed;

    ServedTrafficLog(StoreConfig store, String node, String model, Supplier<Map<String, EmbeddingService.ServedCount>> counts, Duration every,
            Clock clock, Consumer<String> notes) {
        this.store = Objects.requireNonNull(store, "store");
        this.node = Objects.requireNonNull(node, "node");
        this.model = Objects.requireNonNull(model, "model");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notes = Objects.requireNonNull(notes, "notes");
        this.since = clock.instant();
        if (every.isZero() || every.isNegative()) {
            this.timer = null;
        } else {
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("greenloop-served-traffic").daemon().unstarted(r));
            timer.scheduleWithFixedDelay(this::flushQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts logging what {@code service} answers on this node.
     *
     * @param store the store to write to
     * @param node this node's name, as runs name it
     * @param every how often to write; zero writes only on {@link #flush()} and {@link #close()}
     * @param notes told when a write fails
     */
    public static ServedTrafficLog start(StoreConfig store, String node, EmbeddingService service, Duration every, Consumer<String> notes) {
        return new ServedTrafficLog(store, node, service.model(), service::served, every, Clock.systemUTC(), notes);
    }

    /**
     * Writes the traffic answered since the last write, one row per variant that answered any.
     *
     * @return the rows written (empty when nothing was answered)
     * @throws StoreException if the store cannot be written; the traffic is then kept for the next write
     */
    public synchronized List<ServedTraffic> flush() {
        Map<String, EmbeddingService.ServedCount> now = counts.get();
        Instant end = clock.instant();
        List<ServedTraffic> rows = new ArrayList<>();
        for (var e : now.entrySet()) {
            EmbeddingService.ServedCount c = e.getValue();
            EmbeddingService.ServedCount before = written.getOrDefault(e.getKey(), EmbeddingService.ServedCount.NONE);
            long queries = c.queries() - before.queries();
            if (queries <= 0 && c.requests() == before.requests()) {
                continue;
            }
            rows.add(new ServedTraffic(node, model, e.getKey(), since, end.isBefore(since) ? since : end, queries, c.requests() - before.requests(),
                    Math.max(0, c.joules() - before.joules()), c.provenance(), Math.max(0, c.grams() - before.grams()),
                    c.gramsQueries() - before.gramsQueries()));
        }
        if (!rows.isEmpty()) {
            try (ServedTrafficStore s = Stores.openServedTraffic(store)) {
                s.record(rows);
            }
        }
        written = new HashMap<>(now);
        since = end;
        return rows;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (StoreException e) {
            // Safe to go on: the traffic stays counted and is written with the next flush.
            notes.accept("served traffic not written yet (kept for the next write): " + e.getMessage());
        }
    }

    /** Stops the timer and writes what is left; a failure is told to {@code notes}. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        try {
            flush();
        } catch (StoreException e) {
            notes.accept("the last served traffic could not be written, so the report will not count it: " + e.getMessage());
        }
    }
}
