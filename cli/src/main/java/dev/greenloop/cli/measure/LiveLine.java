package dev.greenloop.cli.measure;

import dev.greenloop.cli.Durations;
import dev.greenloop.core.Units;
import dev.greenloop.meter.Sample;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** The live status line on a terminal's stderr: elapsed time, current watts, joules so far. */
final class LiveLine {

    private final PrintWriter err;
    private final Instant start;
    private final String label;
    private boolean shown;

    LiveLine(PrintWriter err, Instant start, String label) {
        this.err = err;
        this.start = start;
        this.label = label;
    }

    /** Redraws the line. Called on the sampler thread. */
    void update(Sample s) {
        String line = "%s %s  %s  %s so far%s".formatted(label, Durations.format(Duration.between(start, s.time())),
                Units.formatPower(s.nodePower()), Units.formatEnergy(s.nodeEnergy()),
                s.processEnergy().joules() > 0 ? " (process " + Units.formatEnergy(s.processEnergy()) + ")" : "");
        synchronized (err) {
            err.print("\r\033[K" + line);
            err.flush();
        }
        shown = true;
    }

    /** Erases the line before the command's last output or the report. */
    void clear() {
        if (shown) {
            synchronized (err) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
