package dev.greenloop.app;

import dev.greenloop.schedule.Job;
import dev.greenloop.schedule.live.JobQueue;
import dev.greenloop.schedule.live.JobState;
import dev.greenloop.schedule.live.LiveJob;
import dev.greenloop.schedule.live.LivePlan;
import dev.greenloop.store.JobPlan;
import dev.greenloop.store.JobProgress;
import dev.greenloop.store.JobSpec;
import dev.greenloop.store.JobStore;
import dev.greenloop.store.StoredJob;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The live scheduler's queue in the store's job tables: maps the store's plain rows to the scheduler's types. */
final class StoreJobQueue implements JobQueue {

    private final JobStore store;

    StoreJobQueue(JobStore store) {
        this.store = store;
    }

    @Override
    public List<LiveJob> active() {
        return store.list().stream().filter(j -> !JobState.parse(j.state()).ended()).map(StoreJobQueue::live).toList();
    }

    @Override
    public Optional<LiveJob> find(String id) {
        return store.find(id).map(StoreJobQueue::live);
    }

    @Override
    public Optional<LiveJob> update(LiveJob current, LiveJob next, Instant at, String detail) {
        return store.update(current.id(), current.version(), progress(next), at, detail).map(StoreJobQueue::live);
    }

    static LiveJob live(StoredJob s) {
        JobSpec spec = s.spec();
        Job job = new Job(spec.id(), spec.submittedAt(), spec.durationMinutes(), spec.deadline(), spec.powerWatts(), spec.interruptible(),
                spec.checkpointMinutes(), spec.minSegmentMinutes(), spec.zones());
        JobProgress p = s.progress();
        LivePlan plan = p.plan() == null ? null : new LivePlan(p.plan().zone(), p.plan().segments(), p.plan().plannedGrams(),
                p.plan().baselineGrams(), p.plan().plannedAt());
        return new LiveJob(job, spec.name(), spec.command(), JobState.parse(p.state()), s.version(), plan, p.executor(), p.externalId(),
                p.attempt(), p.segmentStartedAt(), p.doneSeconds(), p.runId(), p.exitCode());
    }

    static JobProgress progress(LiveJob j) {
        LivePlan lp = j.plan();
        JobPlan plan = lp == null ? null : new JobPlan(lp.zone(), lp.segments(), lp.grams(), lp.baselineGrams(), lp.plannedAt());
        return new JobProgress(j.state().label(), plan, j.executor(), j.externalId(), j.attempt(), j.segmentStartedAt(), j.doneSeconds(),
                j.runId(), j.exitCode());
    }
}
