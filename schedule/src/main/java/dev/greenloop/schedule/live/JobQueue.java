package dev.greenloop.schedule.live;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where live jobs persist. The CLI backs it with the store's job tables; tests with memory.
 * Every update is atomic and durable before it returns, and compares versions, so a scheduler killed
 * at any point finds each job in a state it wrote, and two schedulers never both move one job.
 */
public interface JobQueue {

    /** @return every job not ended (queued, planned, running, suspended), oldest submission first */
    List<LiveJob> active();

    /** @return the job with this id, whatever its state */
    Optional<LiveJob> find(String id);

    /**
     * Writes {@code next} (its state, plan and progress) over the job if its version is still
     * {@code current.version()}, with an event {@code detail}.
     *
     * @return the job as written, with its new version; empty if another writer moved it first
     */
    Optional<LiveJob> update(LiveJob current, LiveJob next, Instant at, String detail);
}
