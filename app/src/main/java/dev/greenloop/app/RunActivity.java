package dev.greenloop.app;

import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreException;
import dev.greenloop.store.StoredRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The work on each node, as the run store records it: read every {@link #EVERY} on a thread of its own, so that
 * {@link #activity} answers from memory on the ingest path. A node that has a run in the last {@link #LOOKBACK} is
 * known to record its work: it is {@code BUSY} while one is running, else {@code IDLE}; any other node is
 * {@code UNKNOWN}. Each run that ended since the previous read is fed to the watch's energy-per-job series.
 */
final class RunActivity implements AnomalyWatch.Work, AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(15);
    static final Duration LOOKBACK = Duration.ofDays(7);

    private final Supplier<Store> open;
    private final Consumer<String> log;
    private volatile Set<String> known = Set.of();
    private volatile Set<String> running = Set.of();
    private Set<Long> ended = Set.of();
    private Thread thread;
    private volatile boolean stopping;
    private String lastFailure = "";

    RunActivity(Supplier<Store> open, Consumer<String> log) {
        this.open = open;
        this.log = log;
    }

    @Override
    public AnomalyWatch.Activity activity(String node) {
        if (running.contains(node)) {
            return AnomalyWatch.Activity.BUSY;
        }
        return known.contains(node) ? AnomalyWatch.Activity.IDLE : AnomalyWatch.Activity.UNKNOWN;
    }

    void start(AnomalyWatch watch) {
        thread = Thread.ofPlatform().name("greenloop-anomaly-runs").daemon().start(() -> loop(watch));
    }

    private void loop(AnomalyWatch watch) {
        Store store = null;
        boolean first = true;
        while (!stopping) {
            try {
                if (store == null) {
                    store = open.get();
                }
                read(store, watch, first);
                first = false;
                lastFailure = "";
            } catch (StoreException e) {
                // Safe to go on: the last answer stays in use, and the next read opens the store again.
                if (!e.getMessage().equals(lastFailure)) {
                    log.accept("greenloop server: anomaly watch: cannot read runs: " + e.getMessage());
                    lastFailure = e.getMessage();
                }
                if (store != null) {
                    store.close();
                    store = null;
                }
            }
            try {
                Thread.sleep(EVERY);
            } catch (InterruptedException e) {
                break;
            }
        }
        if (store != null) {
            store.close();
        }
    }

    /** One read; on the first, runs that ended before are only remembered, not fed. */
    void read(Store store, AnomalyWatch watch, boolean first) {
        Set<String> nowKnown = new HashSet<>();
        Set<String> nowRunning = new HashSet<>();
        Set<Long> nowEnded = new HashSet<>();
        List<StoredRun> newlyEnded = new ArrayList<>();
        for (StoredRun r : store.listRuns(Optional.of(Instant.now().minus(LOOKBACK)))) {
            String node = r.start().node().name();
            nowKnown.add(node);
            if (r.status() == RunStatus.RUNNING) {
                nowRunning.add(node);
            } else if (r.outcome().isPresent()) {
                nowEnded.add(r.id());
                if (!ended.contains(r.id()) && !first) {
                    newlyEnded.add(r);
                }
            }
        }
        // A series takes its points in time order: the store lists runs newest start first.
        newlyEnded.sort(Comparator.comparing((StoredRun r) -> r.outcome().orElseThrow().endedAt()));
        for (StoredRun r : newlyEnded) {
            RunOutcome o = r.outcome().orElseThrow();
            watch.completedRun(r.start().node().name(), r.start().name(), r.start().startedAt(), o.endedAt(), o.total().joules());
        }
        ended = nowEnded;
        known = Set.copyOf(nowKnown);
        running = Set.copyOf(nowRunning);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(5));
        }
    }
}
