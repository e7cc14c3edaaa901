package dev.greenloop.schedule;

/**
 * When a job may run, on the planners' one-minute grid, in seconds since the epoch: it starts at or
 * after {@code lo} and ends by {@code hiEnd}, both whole minutes, and runs {@code durationSeconds}.
 */
record Window(long lo, long hiEnd, long durationSeconds) {

    /** @return the window of {@code job}: submit rounded up and deadline rounded down to whole minutes */
    static Window of(Job job) {
        long lo = Math.ceilDiv(job.submit().getEpochSecond() + (job.submit().getNano() > 0 ? 1 : 0), 60) * 60;
        long hi = Math.floorDiv(job.deadline().getEpochSecond(), 60) * 60;
        return new Window(lo, hi, job.durationMinutes() * 60L);
    }

    /** @return the latest start that still ends by {@code hiEnd} */
    long latestStart() {
        return hiEnd - durationSeconds;
    }

    /** @return whether the job fits at all */
    boolean fits() {
        return latestStart() >= lo;
    }
}
