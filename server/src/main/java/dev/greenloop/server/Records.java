package dev.greenloop.server;

import dev.greenloop.store.JobEvent;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored runs and scheduled jobs the API reads: what {@code greenloop runs} and {@code greenloop schedule} read.
 * Safe for use by many threads at once.
 */
interface Records extends AutoCloseable {

    /** @return runs started at or after {@code since} (all when empty), newest first */
    List<StoredRun> runs(Optional<Instant> since);

    /** @return the run with that id, if any */
    Optional<StoredRun> run(long id);

    /** @return every job, as {@code schedule list} shows them */
    List<Job> jobs();

    /** @return the job with that id, with its events, if any */
    Optional<Job> job(String id);

    /** @return the measured energy of jobs whose run started at or after {@code since}, for {@code /metrics} */
    List<dev.greenloop.app.Scheduling.JobEnergy> jobEnergy(Instant since);

    @Override
    void close();

    /**
     * A job with what its JSON needs.
     *
     * @param events its events in order, or null where they are left out (lists)
     * @param run the run that measured it, or null
     */
    record Job(StoredJob job, List<JobEvent> events, StoredRun run) {
    }
}
