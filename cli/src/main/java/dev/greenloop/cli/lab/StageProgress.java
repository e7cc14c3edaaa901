package dev.greenloop.cli.lab;

import dev.greenloop.lab.Profiler;
import dev.greenloop.lab.VariantBuilder;
import java.io.PrintWriter;

/**
 * The lab's work in stages on stderr, one {@link Progress} line per counted stage: a variant's build
 * (each stage announced on a line of its own, as most are not counted) and a profile's warm-up and
 * rounds (every stage counted, the bar labelled with it). Stdout may be carrying vectors or a
 * result, so nothing goes there.
 */
final class StageProgress implements VariantBuilder.Progress, Profiler.Listener {

    private final PrintWriter err;
    private final String label;
    private final String unit;
    private final boolean announce;
    private String stage;
    private Progress bar;

    private StageProgress(PrintWriter err, String label, String unit, boolean announce) {
        this.err = err;
        this.label = label;
        this.unit = unit;
        this.announce = announce;
    }

    /** A build's stages: {@code greenloop: STAGE ...} when each starts, then a bar if it is counted in {@code unit}. */
    static StageProgress announced(PrintWriter err, String unit) {
        return new StageProgress(err, null, unit, true);
    }

    /** Counted stages of texts, each bar labelled {@code LABEL, STAGE}. */
    static StageProgress labelled(PrintWriter err, String label) {
        return new StageProgress(err, label, "texts", false);
    }

    @Override
    public void update(String what, long done, long total) {
        if (!what.equals(stage)) {
            finish();
            stage = what;
            if (announce) {
                err.println("greenloop: " + what + " ...");
            }
            bar = total > 0 || !announce ? new Progress(err, announce ? "  done" : label + ", " + what, total) : null;
        }
        if (bar != null) {
            bar.update(done, unit);
        }
    }

    @Override
    public void progress(String what, long done, long total) {
        update(what, done, total);
    }

    /** Erases a counted stage's line on a terminal; call once the work is done. */
    void finish() {
        if (bar != null) {
            bar.finish();
            bar = null;
        }
    }
}
