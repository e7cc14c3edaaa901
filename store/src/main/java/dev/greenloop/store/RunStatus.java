package dev.greenloop.store;

import java.util.Locale;

/** Where a stored run stands. */
public enum RunStatus {
    /** Started and not finished, and the process measuring it is alive (or on another host, where it cannot be told). */
    RUNNING,
    /** Finished with a report. */
    FINISHED,
    /**
     * The process measuring it ended without finishing it (killed, crashed, the machine stopped): its outcome holds
     * what the samples stored until then add up to, and {@link StoredRun#interruption()} says what is known.
     */
    INTERRUPTED;

    /** @return {@code running}, {@code finished} or {@code interrupted} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
