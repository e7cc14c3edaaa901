package dev.greenloop.schedule.live;

import java.time.Instant;

/**
 * Measures the energy of a job's process tree while it runs, and stores the run (issue 2's meter).
 * The CLI implements it with the meter module; {@link #NONE} measures nothing.
 */
public interface RunMeter {

    /** Measures nothing: jobs keep no run. */
    RunMeter NONE = (job, pid) -> exitCode -> null;

    /**
     * Starts measuring the process tree of {@code pid}, which is running {@code job}.
     *
     * @return the measurement to finish when the process exits
     */
    Active begin(LiveJob job, long pid);

    /**
     * Looks for a run that the job's own command stored: a Slurm job's batch script wraps the command in
     * {@code greenloop measure}, which stores the run tagged with the job and attempt.
     *
     * @return that run, or null when there is none (the default: nothing is looked up)
     */
    default Measured recorded(LiveJob job) {
        return null;
    }

    /** A measurement in progress. */
    interface Active {
        /**
         * Stops measuring and stores the run.
         *
         * @return the stored run, or null when it could not be stored (the meter says why on stderr)
         */
        Measured finish(int exitCode);
    }

    /**
     * A stored run.
     *
     * @param runId the run's id in the store
     * @param grams its measured emissions, gCO2eq
     * @param endedAt when measuring stopped
     */
    record Measured(long runId, double grams, Instant endedAt) {
    }
}
