package dev.greenloop.cli.lab;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long job on stderr, shown once it has run for two seconds: a line redrawn in place
 * on a terminal, else a line every ten seconds (logs stay short).
 */
final class Progress {

    private static final long SHOW_AFTER_NANOS = 2_000_000_000L;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastShown;
    private boolean shown;

    /**
     * @param err where to print
     * @param label what is counted, such as {@code lab embed}
     * @param total how many there are; 0 or less when unknown
     */
    Progress(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.terminal = System.console() != null && System.console().isTerminal();
    }

    /** Reports {@code done} items so far. */
    void update(long done, String unit) {
        long now = System.nanoTime();
        if (now - start < SHOW_AFTER_NANOS || (!terminal && shown && now - lastShown < LOG_EVERY_NANOS) || (terminal && now - lastShown < 200_000_000L)) {
            return;
        }
        double seconds = (now - start) / 1e9;
        String of = total > 0 ? String.format(Locale.ROOT, "/%d (%.0f %%)", total, 100.0 * done / total) : "";
        String line = String.format(Locale.ROOT, "%s: %d%s %s, %.0f %s/s", label, done, of, unit, done / seconds, unit);
        err.print(terminal ? "\r\033[K" + line : line + System.lineSeparator());
        err.flush();
        lastShown = now;
        shown = true;
    }

    /** Erases the line on a terminal before the summary. */
    void finish() {
        if (terminal && shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
