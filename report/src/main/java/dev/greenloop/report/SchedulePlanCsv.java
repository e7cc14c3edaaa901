package dev.greenloop.report;

import dev.greenloop.core.Interval;
import dev.greenloop.schedule.Placement;
import dev.greenloop.schedule.SimulationResult;
import java.nio.file.Path;

/** Writes a simulated plan as CSV {@code id,zone,start,end}: one row per run segment, times ISO-8601 UTC;
 * text cells quoted, and neutralised against formulas, as {@link RunCsv#quote} says. */
public final class SchedulePlanCsv {

    private SchedulePlanCsv() {
    }

    /**
     * Writes the plan to a file, replacing it: the header {@code id,zone,start,end}, then one line per run segment of
     * each placement, in the result's order, each ending in LF.
     *
     * @param file the CSV to write
     * @param result the simulation's placements
     * @throws WriteException naming the file if it cannot be written; nothing partial is left ({@link AtomicFile})
     */
    public static void write(Path file, SimulationResult result) throws WriteException {
        AtomicFile.writeText(file, w -> {
            w.write("id,zone,start,end\n");
            for (Placement p : result.placements()) {
                for (Interval s : p.segments()) {
                    w.write(RunCsv.quote(p.job().id()) + "," + RunCsv.quote(p.zone()) + "," + s.start() + "," + s.end() + "\n");
                }
            }
        });
    }
}
