package dev.greenloop.schedule.live;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The live scheduler: on every {@link #tick} it plans queued jobs, re-plans waiting ones when the intensity
 * data changed, starts jobs whose planned time has come, suspends and resumes interruptible jobs at their
 * segment boundaries, and records how each ended with its measured run. {@link #reconcile} adopts the jobs an
 * earlier, stopped scheduler left behind. One scheduler per queue at a time (the CLI holds a lock); versions
 * on every update keep a second one, or a concurrent {@code cancel}, from moving a job twice.
 *
 * <p>Not thread-safe: call from one thread.
 */
public final class LiveScheduler {

    private final JobQueue queue;
    private final Executor executor;
    private final Forecasts forecasts;
    private final RunMeter meter;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<String, RunMeter.Active> measuring = new HashMap<>();
    private String lastFingerprint;

    /**
     * @param log receives one line per thing done, for the runner's output
     */
    public LiveScheduler(JobQueue queue, Executor executor, Forecasts forecasts, RunMeter meter, Clock clock, Consumer<String> log) {
        this.queue = queue;
        this.executor = executor;
        this.forecasts = forecasts;
        this.meter = meter;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Adopts the jobs a stopped scheduler left: a job marked running whose command still runs is watched again
     * (and measured from now on); one that ended meanwhile is recorded with its exit code; one whose command is
     * gone without an exit code is failed, never re-run; one whose command never started goes back to planned.
     */
    public void reconcile() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (LiveJob j : queue.active()) {
            boolean handedOver = j.executor() != null && (j.state() == JobState.RUNNING || j.state() == JobState.SUSPENDED
                    || j.state() == JobState.PLANNED);
            if (!handedOver) {
                continue;
            }
            if (!j.executor().equals(executor.name())) {
                log.accept("job %s: handed to executor %s; run 'greenloop schedule run --executor %s' to watch it"
                        .formatted(j.id(), j.executor(), j.executor()));
                continue;
            }
            String ext = j.externalId();
            if (ext == null) {
                Optional<String> found = executor.find(j);
                if (found.isEmpty()) {
                    if (j.state() == JobState.RUNNING) {
                        write(j, j.withState(JobState.PLANNED).withHandle(executor.name(), null, j.attempt()).withSegment(null, j.doneSeconds()),
                                now, "the previous runner stopped before the command started; it starts as planned");
                    }
                    continue;
                }
                ext = found.get();
                Optional<LiveJob> written = write(j, j.withHandle(executor.name(), ext, j.attempt()), now,
                        "found attempt %d as %s %s after the previous runner stopped".formatted(j.attempt(), executor.name(), ext));
                if (written.isEmpty()) {
                    continue;
                }
                j = written.get();
            }
            Executor.Status status = executor.status(ext);
            switch (status) {
                case Executor.Status.Exited e -> ended(j, e.exitCode(), now, " while no runner watched it; not measured");
                case Executor.Status.Lost l -> write(j, j.withState(JobState.FAILED).withSegment(null, j.doneSeconds()), now,
                        "lost while no runner watched it: %s; not run again (a job runs at most once: resubmit it)".formatted(l.reason()));
                case Executor.Status.Running r -> {
                    if (j.state() == JobState.RUNNING || j.state() == JobState.SUSPENDED) {
                        startMeasuring(j, ext, " (adopted after a restart: measured from now on)");
                        log.accept("job %s: adopted %s %s, still %s".formatted(j.id(), executor.name(), ext, j.state().label()));
                    }
                }
                case Executor.Status.Pending p -> {
                }
            }
        }
    }

    /**
     * One pass over the queue.
     *
     * @param launch whether to start jobs whose time has come; false only finishes and steps what runs
     */
    public void tick(boolean launch) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        boolean changed = false;
        try {
            String fingerprint = forecasts.fingerprint();
            changed = lastFingerprint != null && !fingerprint.equals(lastFingerprint);
            lastFingerprint = fingerprint;
        } catch (UncheckedIOException e) {
            // Jobs keep their plans and running jobs are still followed; the data is looked at again next pass.
            log.accept("cannot look at the intensity data: %s: %s".formatted(e.getMessage(), e.getCause().getMessage()));
        }
        if (changed) {
            log.accept("intensity data changed: re-planning jobs that wait");
        }
        List<LiveJob> active = queue.active();
        Set<String> activeIds = new HashSet<>();
        for (LiveJob j : active) {
            activeIds.add(j.id());
            try {
                step(j, now, changed, launch);
            } catch (ExecutorException | UncheckedIOException | IllegalArgumentException e) {
                // The job stays as it was written and is tried again next tick; the message says what failed.
                log.accept("job %s: %s".formatted(j.id(), e.getMessage()));
            }
        }
        finishCancelled(activeIds, now);
    }

    /** @return whether some job is running or suspended (by any runner) */
    public boolean busy() {
        return queue.active().stream().anyMatch(j -> j.state() == JobState.RUNNING || j.state() == JobState.SUSPENDED);
    }

    /** @return whether no job is waiting, running or suspended */
    public boolean idle() {
        return queue.active().isEmpty();
    }

    private void step(LiveJob j, Instant now, boolean changed, boolean launch) {
        switch (j.state()) {
            case QUEUED -> {
                LivePlanner.Planned p = LivePlanner.plan(j, now, forecasts);
                Optional<LiveJob> planned = write(j, j.withState(JobState.PLANNED).withPlan(p.plan()), now, p.detail());
                if (planned.isPresent()) {
                    planned(planned.get(), now, false, launch);
                }
            }
            case PLANNED -> planned(j, now, changed, launch);
            case RUNNING -> running(j, now);
            case SUSPENDED -> suspended(j, now, changed);
            default -> {
            }
        }
    }

    private void planned(LiveJob j, Instant now, boolean changed, boolean launch) {
        if (changed || j.plan() == null) {
            Optional<LiveJob> re = replan(j, now);
            if (re.isEmpty()) {
                return;
            }
            j = re.get();
        }
        if (executor.startsAtPlannedTime()) {
            if (j.externalId() != null) {
                Executor.Status s = executor.status(j.externalId());
                switch (s) {
                    case Executor.Status.Running r -> write(j, j.withState(JobState.RUNNING).withSegment(now, j.doneSeconds()), now,
                            "started by %s as %s".formatted(executor.name(), j.externalId()));
                    case Executor.Status.Exited e -> ended(j, e.exitCode(), now, "");
                    case Executor.Status.Lost l -> write(j, j.withState(JobState.FAILED), now, "lost: " + l.reason());
                    case Executor.Status.Pending p -> {
                    }
                }
                return;
            }
            if (!launch) {
                return;
            }
            Optional<LiveJob> marked = write(j, j.withHandle(executor.name(), null, j.attempt() + 1), now,
                    "submitting attempt %d to %s".formatted(j.attempt() + 1, executor.name()));
            if (marked.isEmpty()) {
                return;
            }
            String ext = executor.start(marked.get(), j.plan().start());
            if (write(marked.get(), marked.get().withHandle(executor.name(), ext, marked.get().attempt()), now,
                    "submitted to %s as %s, to begin at %s".formatted(executor.name(), ext, j.plan().start())).isEmpty()) {
                executor.cancel(ext);
            }
            return;
        }
        if (!launch || now.isBefore(j.plan().start())) {
            return;
        }
        LiveJob starting = j.withState(JobState.RUNNING).withHandle(executor.name(), null, j.attempt() + 1).withSegment(now, j.doneSeconds());
        Optional<LiveJob> marked = write(j, starting, now, "starting attempt %d".formatted(starting.attempt()));
        if (marked.isEmpty()) {
            return;
        }
        String ext;
        try {
            ext = executor.start(marked.get(), now);
        } catch (ExecutorException e) {
            write(marked.get(), marked.get().withState(JobState.FAILED).withSegment(null, j.doneSeconds()), now, "cannot start: " + e.getMessage());
            return;
        }
        Optional<LiveJob> started = write(marked.get(), marked.get().withHandle(executor.name(), ext, starting.attempt()), now,
                "started as %s %s".formatted(executor.name(), ext));
        if (started.isEmpty()) {
            // Cancelled between the two writes: the command must not go on.
            executor.cancel(ext);
            return;
        }
        startMeasuring(started.get(), ext, "");
    }

    private void running(LiveJob j, Instant now) {
        if (j.externalId() == null) {
            return;
        }
        Executor.Status s = executor.status(j.externalId());
        switch (s) {
            case Executor.Status.Exited e -> ended(j, e.exitCode(), now, "");
            case Executor.Status.Lost l -> {
                measuring.remove(j.id());
                write(j, j.withState(JobState.FAILED).withSegment(null, j.doneSeconds()), now, "lost: " + l.reason());
            }
            case Executor.Status.Running r -> {
                LivePlan plan = j.plan();
                boolean between = plan != null && !now.isBefore(plan.start()) && plan.segmentAt(now).isEmpty() && plan.hasSegmentAfter(now);
                if (j.job().interruptible() && between) {
                    executor.suspend(j.externalId());
                    long done = j.doneSeconds() + secondsSince(j.segmentStartedAt(), now);
                    Instant next = plan.segments().stream().map(i -> i.start()).filter(t -> t.isAfter(now)).findFirst().orElseThrow();
                    write(j, j.withState(JobState.SUSPENDED).withSegment(null, done), now,
                            "suspended after %d s of work; resumes at %s".formatted(done, next));
                }
            }
            case Executor.Status.Pending p -> {
            }
        }
    }

    private void suspended(LiveJob j, Instant now, boolean changed) {
        if (changed) {
            Optional<LiveJob> re = replan(j, now);
            if (re.isEmpty()) {
                return;
            }
            j = re.get();
        }
        Executor.Status s = executor.status(j.externalId());
        if (s instanceof Executor.Status.Exited e) {
            ended(j, e.exitCode(), now, "");
            return;
        }
        LivePlan plan = j.plan();
        if (plan == null || plan.segmentAt(now).isPresent() || !plan.hasSegmentAfter(now)) {
            executor.resume(j.externalId());
            write(j, j.withState(JobState.RUNNING).withSegment(now, j.doneSeconds()), now, "resumed");
        }
    }

    private Optional<LiveJob> replan(LiveJob j, Instant now) {
        LivePlanner.Planned p = LivePlanner.plan(j, now, forecasts);
        if (p.plan().sameSchedule(j.plan())) {
            return Optional.of(j);
        }
        Optional<LiveJob> written = write(j, j.withPlan(p.plan()), now, (j.plan() == null ? "" : "re-planned: ") + p.detail());
        if (written.isPresent() && j.externalId() != null && executor.startsAtPlannedTime() && j.state() == JobState.PLANNED) {
            executor.reschedule(j.externalId(), p.plan().start());
        }
        return written;
    }

    private void ended(LiveJob j, int exitCode, Instant now, String note) {
        RunMeter.Active active = measuring.remove(j.id());
        RunMeter.Measured m = active == null ? meter.recorded(j) : active.finish(exitCode);
        long done = j.doneSeconds() + (j.segmentStartedAt() == null ? 0 : secondsSince(j.segmentStartedAt(), now));
        LiveJob next = j.withState(exitCode == 0 ? JobState.DONE : JobState.FAILED).withSegment(null, done)
                .withOutcome(m == null ? null : m.runId(), exitCode);
        String planned = j.plan() == null || !Double.isFinite(j.plan().grams())
                ? "no planned estimate" : "%.3f g planned".formatted(j.plan().grams());
        String measured = m == null ? "" : "; measured %.3f g (run %d) against %s".formatted(m.grams(), m.runId(), planned);
        write(j, next, now, "exited %d%s%s".formatted(exitCode, note, measured));
    }

    /** A job cancelled by a user while this scheduler measured it: record its run once the process is gone. */
    private void finishCancelled(Set<String> activeIds, Instant now) {
        for (String id : Set.copyOf(measuring.keySet())) {
            if (activeIds.contains(id)) {
                continue;
            }
            Optional<LiveJob> j = queue.find(id);
            if (j.isEmpty() || j.get().externalId() == null) {
                measuring.remove(id);
                continue;
            }
            if (executor.status(j.get().externalId()) instanceof Executor.Status.Exited e) {
                RunMeter.Measured m = measuring.remove(id).finish(e.exitCode());
                if (m != null) {
                    write(j.get(), j.get().withOutcome(m.runId(), e.exitCode()), now, "measured %.3f g until cancelled (run %d)".formatted(m.grams(), m.runId()));
                }
            }
        }
    }

    private void startMeasuring(LiveJob j, String ext, String note) {
        long pid = executor.pid(ext);
        if (pid >= 0 && !measuring.containsKey(j.id())) {
            measuring.put(j.id(), meter.begin(j, pid));
        }
        log.accept("job %s: running as %s %s%s".formatted(j.id(), executor.name(), ext, note));
    }

    private Optional<LiveJob> write(LiveJob current, LiveJob next, Instant now, String detail) {
        Optional<LiveJob> written = queue.update(current, next, now, detail);
        if (written.isPresent()) {
            log.accept("job %s: %s → %s: %s".formatted(current.id(), current.state().label(), next.state().label(), detail));
        } else {
            log.accept("job %s: changed by someone else (cancelled?); looking again next tick".formatted(current.id()));
        }
        return written;
    }

    private static long secondsSince(Instant start, Instant now) {
        return start == null ? 0 : Math.max(0, Duration.between(start, now).toSeconds());
    }

    /** What {@link #cancel} did. */
    public enum CancelResult {
        /** The job is now cancelled (and its command, if any, was told to stop). */
        CANCELLED,
        /** The job had already ended. */
        ALREADY_ENDED,
        /** No job has this id. */
        UNKNOWN
    }

    /**
     * Cancels a job: marks it cancelled, then stops its command if one was handed over, through the executor
     * named on the job.
     *
     * @param executors the executor by name, for a job already handed to one
     */
    public static CancelResult cancel(JobQueue queue, java.util.function.Function<String, Executor> executors, String id, Instant now) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<LiveJob> j = queue.find(id);
            if (j.isEmpty()) {
                return CancelResult.UNKNOWN;
            }
            if (j.get().state().ended()) {
                return CancelResult.ALREADY_ENDED;
            }
            if (queue.update(j.get(), j.get().withState(JobState.CANCELLED), now, "cancelled by user").isPresent()) {
                LiveJob c = j.get();
                if (c.externalId() != null && c.executor() != null) {
                    Executor e = executors.apply(c.executor());
                    if (c.state() == JobState.SUSPENDED) {
                        e.resume(c.externalId());
                    }
                    e.cancel(c.externalId());
                }
                return CancelResult.CANCELLED;
            }
        }
        throw new IllegalStateException("job " + id + " kept changing while cancelling it; try again");
    }
}
