package dev.greenloop.app;

import dev.greenloop.core.Power;
import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.Sample;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.SampleRow;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes one run (or the node's monitor series) to the store from a thread of its own, so that
 * opening the store overlaps the measured command instead of delaying it, and a slow store never
 * stalls the sampler. Every store call runs on that one thread, in order.
 *
 * <p>A store that cannot be opened or written does not fail the measurement: the first error is
 * kept and reported by {@link #problem()}, and the report is still printed. After it, nothing more is
 * written to the store; a run's samples not stored and its outcome are written to a spool file in
 * {@code GREENLOOP_HOME/spool/} ({@link #spoolFile()}), which the next command that opens the store stores.
 * For a run, spooled runs found when the store is opened are stored first ({@link #notes()}).
 */
final class RunWriter implements AutoCloseable {

    private static final int FLUSH_EVERY_TICKS = 10;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "greenloop-store");
        t.setDaemon(true);
        return t;
    });
    private final StoreConfig config;
    private final CompletableFuture<Store> store;
    private final NodeInfo node;
    private volatile CompletableFuture<Optional<Long>> runId = CompletableFuture.completedFuture(Optional.empty());
    private final List<SampleRow> buffer = new ArrayList<>();
    /** Samples the store did not take; touched on the store thread only. */
    private final List<SampleRow> unstored = new ArrayList<>();
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private volatile NewRun started;
    /** The zone and PUE to account a run's totals so far in; null for the node's monitor series. */
    private final ZoneChoice zone;
    private final double pue;
    /** Touched on the sampler's thread only (and by {@link #finish} after the sampler stopped). */
    private RunSoFar soFar;
    private volatile String problem;
    private volatile Path spoolFile;
    private volatile String spoolProblem;
    private int ticks;

    /** For the node's monitor series: starts opening the store in the background, and storing the runs spooled for it. */
    RunWriter(StoreConfig config, NodeInfo node) {
        this(config, node, null, Double.NaN);
    }

    /**
     * For a run: as {@link #RunWriter(StoreConfig, NodeInfo)}, and every batch of samples is stored with the run's totals
     * so far, accounted in {@code zone} with {@code pue}, so that a run whose process is killed keeps them.
     */
    RunWriter(StoreConfig config, NodeInfo node, ZoneChoice zone, double pue) {
        this.config = config;
        this.node = node;
        this.zone = zone;
        this.pue = pue;
        // A run's writer stores the runs spooled earlier (and reports them in notes()); the monitor's has nowhere to say so.
        this.store = CompletableFuture.supplyAsync(() -> zone != null ? RunStores.open(config, notes::add) : Stores.open(config), thread);
        store.whenComplete((s, e) -> {
            if (e != null) {
                fail(e);
            }
        });
    }

    /** Stores the run as started (in the background). */
    void start(NewRun run) {
        started = run;
        runId = store.thenApplyAsync(s -> Optional.of(s.startRun(run)), thread).exceptionally(e -> {
            fail(e);
            return Optional.empty();
        });
    }

    /** Buffers a tick's readings; every few ticks hands them to the store thread. Called on the sampler thread. */
    void onSample(Sample sample) {
        if (zone != null) {
            if (soFar == null) {
                soFar = new RunSoFar(started != null ? started.startedAt() : sample.time(), zone, pue);
            }
            soFar.add(sample);
        }
        List<Component> comps = sample.components();
        for (int i = 0; i < comps.size(); i++) {
            Component c = comps.get(i);
            Power p = sample.powers().get(i);
            buffer.add(new SampleRow(sample.time(), c.name(), p.watts(), sample.readings().get(i).energy().joules(), c.provenance()));
        }
        if (++ticks % FLUSH_EVERY_TICKS == 0) {
            flush();
        }
    }

    /** Hands buffered samples to the store thread. */
    void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        List<SampleRow> batch = List.copyOf(buffer);
        buffer.clear();
        RunOutcome totals = soFar == null ? null : soFar.outcome();
        runId.thenAcceptAsync(id -> {
            if (problem == null) {
                try {
                    if (id.isPresent() && totals != null) {
                        store.join().appendSamples(node, id.get(), batch, totals);
                    } else {
                        store.join().appendSamples(node, id, batch);
                    }
                    return;
                } catch (RuntimeException e) {
                    fail(e); // the batch was rolled back: kept below with the rest
                }
            }
            unstored.addAll(batch);
        }, thread).exceptionally(e -> {
            fail(e);
            return null;
        });
    }

    /**
     * Flushes samples, stores the outcome, and waits for the store thread. If the store failed, writes the run's
     * samples not stored and its outcome to a spool file.
     *
     * @return the run's id, or empty if the store failed (see {@link #problem()} and {@link #spoolFile()})
     */
    Optional<Long> finish(RunOutcome outcome) {
        flush();
        CompletableFuture<Optional<Long>> done = runId.thenApplyAsync(id -> {
            if (id.isPresent() && problem == null) {
                try {
                    store.join().finishRun(id.get(), outcome);
                } catch (RuntimeException e) {
                    fail(e);
                }
            }
            if (problem != null && started != null) {
                spool(id, outcome);
            }
            return id;
        }, thread).exceptionally(e -> {
            fail(e);
            return Optional.empty();
        });
        Optional<Long> id = done.join();
        return problem == null ? id : Optional.empty();
    }

    private void spool(Optional<Long> id, RunOutcome outcome) {
        String location = store.isDone() && !store.isCompletedExceptionally() ? store.join().location() : Stores.location(config);
        if (config.home() == null) {
            spoolProblem = "no GREENLOOP_HOME to keep it in";
            return;
        }
        try {
            spoolFile = Spool.write(config.home(), new Spool.SpooledRun(location, id, started, unstored, outcome));
        } catch (IOException | RuntimeException e) {
            spoolProblem = "cannot write it to %s: %s".formatted(config.home().toAbsolutePath().resolve(Spool.FOLDER), reason(e));
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        return e instanceof java.nio.file.FileSystemException && e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** Waits for pending writes (monitor), without an outcome. */
    void drain() {
        flush();
        runId.thenRunAsync(() -> { }, thread).join();
    }

    /** @return where the store is, once open */
    Optional<String> location() {
        return store.isDone() && !store.isCompletedExceptionally() ? Optional.of(store.join().location()) : Optional.empty();
    }

    /** @return the first store error, if any */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** @return the spool file that keeps the run the store did not take, once {@link #finish} wrote it */
    Optional<Path> spoolFile() {
        return Optional.ofNullable(spoolFile);
    }

    /** @return why the run could not be spooled either, if it could not */
    Optional<String> spoolProblem() {
        return Optional.ofNullable(spoolProblem);
    }

    /** @return what was done with the runs spooled earlier, one line each */
    List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    private void fail(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof java.util.concurrent.CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (problem == null) {
            problem = String.valueOf(cause.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            thread.submit(() -> {
                if (store.isDone() && !store.isCompletedExceptionally()) {
                    store.join().close();
                }
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // Closing never throws by contract; nothing is left to lose here.
        }
        thread.shutdown();
    }
}
