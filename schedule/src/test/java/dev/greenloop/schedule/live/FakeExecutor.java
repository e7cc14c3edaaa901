package dev.greenloop.schedule.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An executor whose jobs do whatever the test says: they run until {@link #exit} is called. */
final class FakeExecutor implements Executor {

    final Map<String, Status> statuses = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    final Map<String, String> byAttempt = new LinkedHashMap<>();
    private int next = 100;

    void exit(String ext, int code) {
        statuses.put(ext, new Status.Exited(code));
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean startsAtPlannedTime() {
        return false;
    }

    @Override
    public String start(LiveJob job, Instant plannedStart) {
        String ext = Integer.toString(next++);
        statuses.put(ext, new Status.Running());
        byAttempt.put(job.id() + "/" + job.attempt(), ext);
        calls.add("start " + job.id() + " as " + ext);
        return ext;
    }

    @Override
    public Optional<String> find(LiveJob job) {
        return Optional.ofNullable(byAttempt.get(job.id() + "/" + job.attempt()));
    }

    @Override
    public void reschedule(String externalId, Instant newStart) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Status status(String externalId) {
        return statuses.getOrDefault(externalId, new Status.Lost("unknown " + externalId));
    }

    @Override
    public void suspend(String externalId) {
        calls.add("suspend " + externalId);
    }

    @Override
    public void resume(String externalId) {
        calls.add("resume " + externalId);
    }

    @Override
    public void cancel(String externalId) {
        calls.add("cancel " + externalId);
        statuses.put(externalId, new Status.Exited(143));
    }

    @Override
    public long pid(String externalId) {
        return Long.parseLong(externalId);
    }
}
