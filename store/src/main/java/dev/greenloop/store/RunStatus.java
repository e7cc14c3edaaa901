package dev.greenloop.store;

import java.util.Locale;

/** Where a stored run stands. */
public enum RunStatus {
    /** Started and not finished; after a crash it stays so. */
    RUNNING,
    /** Finished with a report. */
    FINISHED;

    /** @return {@code running} or {@code finished} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
