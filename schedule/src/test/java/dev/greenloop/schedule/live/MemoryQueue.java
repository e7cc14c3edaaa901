package dev.greenloop.schedule.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A job queue in memory, with the version check and an event log, as the store does it. */
final class MemoryQueue implements JobQueue {

    final Map<String, LiveJob> jobs = new LinkedHashMap<>();
    final List<String> events = new ArrayList<>();

    synchronized void add(LiveJob job) {
        jobs.put(job.id(), job);
    }

    synchronized LiveJob get(String id) {
        return jobs.get(id);
    }

    @Override
    public synchronized List<LiveJob> active() {
        return jobs.values().stream().filter(j -> !j.state().ended()).toList();
    }

    @Override
    public synchronized Optional<LiveJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public synchronized Optional<LiveJob> update(LiveJob current, LiveJob next, Instant at, String detail) {
        LiveJob stored = jobs.get(current.id());
        if (stored == null || stored.version() != current.version()) {
            return Optional.empty();
        }
        LiveJob written = new LiveJob(next.job(), next.name(), next.command(), next.state(), current.version() + 1, next.plan(),
                next.executor(), next.externalId(), next.attempt(), next.segmentStartedAt(), next.doneSeconds(), next.runId(), next.exitCode());
        jobs.put(current.id(), written);
        events.add(current.id() + " " + current.state().label() + "→" + next.state().label() + ": " + detail);
        return Optional.of(written);
    }
}
