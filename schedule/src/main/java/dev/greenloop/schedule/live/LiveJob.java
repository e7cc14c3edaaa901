package dev.greenloop.schedule.live;

import dev.greenloop.schedule.Job;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A live job as the scheduler sees it: its spec, command and current progress. Immutable; the
 * {@code with...} methods give changed copies, which {@link JobQueue#update} writes.
 *
 * @param job the spec the planners use (id, submit time, duration, deadline, power, interruptibility, zones)
 * @param name a readable name
 * @param command the command and its arguments
 * @param state where it is
 * @param version the queue's version of it, compared on update
 * @param plan its current plan; null until planned
 * @param executor the executor it was handed to; null before
 * @param externalId that executor's id for it; null before it was handed over (or while it is being started)
 * @param attempt how many times it was handed to an executor
 * @param segmentStartedAt when the running segment began; null unless running
 * @param doneSeconds run time finished in earlier segments
 * @param runId its measured run in the store; null unless measured
 * @param exitCode its exit code; null before it ended
 */
public record LiveJob(Job job, String name, List<String> command, JobState state, long version, LivePlan plan,
                      String executor, String externalId, int attempt, Instant segmentStartedAt, long doneSeconds,
                      Long runId, Integer exitCode) {

    /** @throws NullPointerException if the job, name, command or state is null */
    public LiveJob {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        command = List.copyOf(command);
    }

    /** @return the job's id */
    public String id() {
        return job.id();
    }

    /** @return this in {@code s} */
    public LiveJob withState(JobState s) {
        return new LiveJob(job, name, command, s, version, plan, executor, externalId, attempt, segmentStartedAt, doneSeconds, runId, exitCode);
    }

    /** @return this with {@code p} */
    public LiveJob withPlan(LivePlan p) {
        return new LiveJob(job, name, command, state, version, p, executor, externalId, attempt, segmentStartedAt, doneSeconds, runId, exitCode);
    }

    /** @return this handed to {@code exec} as {@code id}, attempt {@code n} */
    public LiveJob withHandle(String exec, String id, int n) {
        return new LiveJob(job, name, command, state, version, plan, exec, id, n, segmentStartedAt, doneSeconds, runId, exitCode);
    }

    /** @return this with the running segment's start and the finished run time */
    public LiveJob withSegment(Instant started, long done) {
        return new LiveJob(job, name, command, state, version, plan, executor, externalId, attempt, started, done, runId, exitCode);
    }

    /** @return this with its measured run and exit code */
    public LiveJob withOutcome(Long run, Integer exit) {
        return new LiveJob(job, name, command, state, version, plan, executor, externalId, attempt, segmentStartedAt, doneSeconds, run, exit);
    }
}
