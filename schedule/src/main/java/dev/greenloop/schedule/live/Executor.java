package dev.greenloop.schedule.live;

import java.time.Instant;

/**
 * Runs live jobs' commands: on this machine ({@link LocalExecutor}) or through a batch system
 * ({@link SlurmExecutor}). An executor names each job it runs by an external id that survives the
 * scheduler's restart, so that a new scheduler can ask about jobs an earlier one started.
 */
public interface Executor {

    /** @return the name stored with each job, such as {@code local} */
    String name();

    /**
     * @return true if {@link #start} hands the planned start time to the executor, which then starts the
     *     job itself (Slurm's {@code --begin}); false if {@link #start} starts the command at once
     */
    boolean startsAtPlannedTime();

    /**
     * Hands {@code job} over.
     *
     * @param plannedStart when it should start; ignored unless {@link #startsAtPlannedTime()}
     * @return its external id
     * @throws ExecutorException if it cannot be started or submitted
     */
    String start(LiveJob job, Instant plannedStart);

    /**
     * Moves a job that has not started yet to a new start time.
     *
     * @throws UnsupportedOperationException if the executor does not hold jobs ({@link #startsAtPlannedTime()} false)
     * @throws ExecutorException if the request fails
     */
    void reschedule(String externalId, Instant newStart);

    /**
     * Looks for attempt {@code job.attempt()} of {@code job}, for a scheduler that stopped after handing the
     * job over but before writing down its external id.
     *
     * @return its external id, if that attempt was started
     */
    java.util.Optional<String> find(LiveJob job);

    /** @return what became of the job with this external id */
    Status status(String externalId);

    /**
     * Stops a running job so that it can be resumed.
     *
     * @throws ExecutorException if it cannot be stopped
     */
    void suspend(String externalId);

    /**
     * Continues a suspended job.
     *
     * @throws ExecutorException if it cannot be continued
     */
    void resume(String externalId);

    /** Ends the job, whatever it is doing; a job already ended is left alone. */
    void cancel(String externalId);

    /**
     * @return the process id to measure for a running job, or -1 when the job does not run as a process of
     *     this machine that can be measured from here
     */
    long pid(String externalId);

    /** What an executor knows of a job. */
    sealed interface Status {
        /** Waiting for its start time (Slurm: pending). */
        record Pending() implements Status {
        }

        /** Running (or stopped by {@link #suspend}). */
        record Running() implements Status {
        }

        /** Ended, with its exit code. */
        record Exited(int exitCode) implements Status {
        }

        /** Gone without an exit code (killed with the machine, purged by the batch system); {@code reason} says what was seen. */
        record Lost(String reason) implements Status {
        }
    }
}
