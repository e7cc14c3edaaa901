package dev.greenloop.cli.lab;

import dev.greenloop.lab.LabListener;
import java.io.PrintWriter;

/** The lab's notes and stages on stderr: {@code greenloop: NOTE}, a tool's lines indented, stages through {@link StageProgress}. */
final class LabStderr implements LabListener {

    private final PrintWriter err;

    LabStderr(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void note(String message) {
        err.println("greenloop: " + message);
    }

    @Override
    public void detail(String line) {
        err.println("  " + line);
    }

    @Override
    public Stages stages(String label, String unit) {
        StageProgress progress = label == null ? StageProgress.announced(err, unit) : StageProgress.labelled(err, label);
        return new Stages() {
            @Override
            public void update(String stage, long done, long total) {
                progress.update(stage, done, total);
            }

            @Override
            public void close() {
                progress.finish();
            }
        };
    }
}
