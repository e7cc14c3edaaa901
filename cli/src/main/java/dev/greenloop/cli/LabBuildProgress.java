package dev.greenloop.cli;

import dev.greenloop.lab.VariantBuilder;
import java.io.PrintStream;

/**
 * A variant build's progress on stderr: a line when each stage starts, and for a counted stage
 * (the static student's teacher pass) the progress line of {@link Progress}. Stdout may be
 * carrying vectors, so nothing goes there.
 */
final class LabBuildProgress implements VariantBuilder.Progress {

    private final PrintStream err;
    private final String unit;
    private String stage;
    private Progress bar;

    /** @param unit what a counted stage counts, such as {@code tokens} */
    LabBuildProgress(PrintStream err, String unit) {
        this.err = err;
        this.unit = unit;
    }

    @Override
    public void update(String what, long done, long total) {
        if (!what.equals(stage)) {
            finish();
            stage = what;
            err.println("greenloop: " + what + " ...");
            bar = total > 0 ? new Progress(err, "  done", total) : null;
        }
        if (bar != null) {
            bar.update(done, unit);
        }
    }

    /** Erases a counted stage's line on a terminal; call once the build is done. */
    void finish() {
        if (bar != null) {
            bar.finish();
            bar = null;
        }
    }
}
