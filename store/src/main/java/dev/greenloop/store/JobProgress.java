package dev.greenloop.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The changing part of a stored job: its state, plan and execution. Immutable; change it with the
 * {@code with...} methods and write it with {@link JobStore#update}.
 *
 * @param state one of {@code queued}, {@code planned}, {@code running}, {@code suspended}, {@code done},
 *     {@code failed}, {@code cancelled}
 * @param plan the current plan; null before the first plan
 * @param executor the executor that runs it ({@code local}, {@code slurm}); null before it was handed to one
 * @param externalId the executor's id for it (a process id, a Slurm job id); null before
 * @param attempt how many times it was handed to an executor
 * @param segmentStartedAt when its current run segment began; null when not running
 * @param doneSeconds run time completed in earlier segments, seconds
 * @param runId the measured run in the store ({@code run.id}); null until measured
 * @param exitCode its exit code once ended; null before
 */
public record JobProgress(String state, JobPlan plan, String executor, String externalId, int attempt,
                          Instant segmentStartedAt, long doneSeconds, Long runId, Integer exitCode) {

    /** The progress of a job just submitted. */
    public static final JobProgress QUEUED = new JobProgress("queued", null, null, null, 0, null, 0, null, null);

    /** @throws NullPointerException if the state is null */
    public JobProgress {
        Objects.requireNonNull(state, "state");
    }

    /** @return this with {@code state} */
    public JobProgress withState(String newState) {
        return new JobProgress(newState, plan, executor, externalId, attempt, segmentStartedAt, doneSeconds, runId, exitCode);
    }

    /** @return this with {@code newPlan} */
    public JobProgress withPlan(JobPlan newPlan) {
        return new JobProgress(state, newPlan, executor, externalId, attempt, segmentStartedAt, doneSeconds, runId, exitCode);
    }

    /** @return this handed to {@code newExecutor} as {@code newExternalId} */
    public JobProgress withHandle(String newExecutor, String newExternalId, int newAttempt) {
        return new JobProgress(state, plan, newExecutor, newExternalId, newAttempt, segmentStartedAt, doneSeconds, runId, exitCode);
    }

    /** @return this with the current segment and completed run time */
    public JobProgress withSegment(Instant newSegmentStartedAt, long newDoneSeconds) {
        return new JobProgress(state, plan, executor, externalId, attempt, newSegmentStartedAt, newDoneSeconds, runId, exitCode);
    }

    /** @return this with its measured run and exit code */
    public JobProgress withOutcome(Long newRunId, Integer newExitCode) {
        return new JobProgress(state, plan, executor, externalId, attempt, segmentStartedAt, doneSeconds, newRunId, newExitCode);
    }
}
