package dev.greenloop.server;

import dev.greenloop.app.RunStores;
import dev.greenloop.app.Scheduling;
import dev.greenloop.app.Settings;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreException;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link Records} over the run store and the job queue that the settings name, each opened on first use and kept
 * open. Both are for one thread at a time, so calls take turns; a store that failed is closed and opened again on
 * the next call (a restarted database).
 */
final class StoreRecords implements Records {

    private final Supplier<Store> openRuns;
    private final Supplier<Scheduling> openJobs;
    private Store runs;
    private Scheduling jobs;

    StoreRecords(Settings settings, Consumer<String> notes) {
        this(() -> RunStores.open(settings, notes), () -> Scheduling.open(settings));
    }

    StoreRecords(Supplier<Store> openRuns, Supplier<Scheduling> openJobs) {
        this.openRuns = openRuns;
        this.openJobs = openJobs;
    }

    @Override
    public List<StoredRun> runs(Optional<Instant> since) {
        return withRuns(s -> s.listRuns(since));
    }

    @Override
    public Optional<StoredRun> run(long id) {
        return withRuns(s -> s.findRun(id));
    }

    @Override
    public List<Job> jobs() {
        return withJobs(s -> s.list().stream().map(j -> new Job(j, null, s.measuredRun(j).orElse(null))).toList());
    }

    @Override
    public Optional<Job> job(String id) {
        return withJobs(s -> {
            Optional<StoredJob> job = s.find(id);
            return job.map(j -> new Job(j, s.events(id), s.measuredRun(j).orElse(null)));
        });
    }

    private synchronized <T> T withRuns(Function<Store, T> read) {
        if (runs == null) {
            runs = openRuns.get();
        }
        try {
            return read.apply(runs);
        } catch (StoreException e) {
            runs.close();
            runs = null;
            throw e;
        }
    }

    private synchronized <T> T withJobs(Function<Scheduling, T> read) {
        if (jobs == null) {
            jobs = openJobs.get();
        }
        try {
            return read.apply(jobs);
        } catch (StoreException e) {
            jobs.close();
            jobs = null;
            throw e;
        }
    }

    @Override
    public List<Scheduling.JobEnergy> jobEnergy(Instant since) {
        return withJobs(jobs -> jobs.measuredEnergy(since));
    }

    @Override
    public synchronized void close() {
        if (runs != null) {
            runs.close();
            runs = null;
        }
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
    }
}
