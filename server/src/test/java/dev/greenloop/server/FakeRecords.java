package dev.greenloop.server;

import dev.greenloop.store.StoredRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@link Records} in memory: the runs and jobs a test adds. */
final class FakeRecords implements Records {

    final List<StoredRun> runs = new ArrayList<>();
    final List<Job> jobs = new ArrayList<>();

    @Override
    public synchronized List<StoredRun> runs(Optional<Instant> since) {
        return runs.stream().filter(r -> since.isEmpty() || !r.start().startedAt().isBefore(since.get()))
                .sorted(Comparator.comparing((StoredRun r) -> r.start().startedAt()).reversed()).toList();
    }

    @Override
    public synchronized Optional<StoredRun> run(long id) {
        return runs.stream().filter(r -> r.id() == id).findFirst();
    }

    @Override
    public synchronized List<Job> jobs() {
        return jobs.stream().map(j -> new Job(j.job(), null, j.run())).toList();
    }

    @Override
    public synchronized Optional<Job> job(String id) {
        return jobs.stream().filter(j -> j.job().spec().id().equals(id)).findFirst();
    }

    @Override
    public List<dev.greenloop.app.Scheduling.JobEnergy> jobEnergy(java.time.Instant since) {
        return List.of();
    }

    @Override
    public void close() {
    }
}
