package dev.greenloop.cli.schedule;

import dev.greenloop.report.Table;
import dev.greenloop.schedule.BatteryReport;
import dev.greenloop.schedule.InfeasibleJob;
import dev.greenloop.schedule.SimulationResult;
import dev.greenloop.schedule.SolverReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Prints a simulation's result as a small table for people ({@link dev.greenloop.report.SimulationJson} prints its JSON). */
final class ScheduleReport {

    /** Infeasible jobs listed one by one in the text summary, at most. */
    private static final int LISTED = 10;

    private ScheduleReport() {
    }

    static void text(SimulationResult r, PrintWriter out, Path plan) {
        Table t = new Table("policy", ">jobs", ">placed", ">kgCO2eq", ">baseline kgCO2eq", ">savings", ">missed", ">infeasible", ">planning s");
        t.row(r.options().policy().label(), r.jobs(), r.placements().size(), fmt("%.3f", r.grams() / 1000), fmt("%.3f", r.baselineGrams() / 1000),
                fmt("%.2f %%", r.savingsPercent()), r.missedDeadlines(), r.infeasible().size(), fmt("%.3f", r.planningSeconds()));
        t.print(out);
        out.println("baseline: agnostic (each job at once, in its first zone); emissions on the real trace"
                + (r.options().forecastError() > 0 ? fmt(", planned with %.1f %% forecast noise (seed %d)",
                        100 * r.options().forecastError(), r.options().seed()) : ", perfect foresight"));
        if (r.solver() != null) {
            SolverReport s = r.solver();
            out.println(fmt("optimality gap: %.3f %% (%s; objective %.3f g, best bound %.3f g (%s) on the planning trace, starts on a %d-minute grid, %.1f s)",
                    s.gapPercent(), s.optimal() ? "proven optimal" : s.status().toLowerCase(Locale.ROOT), s.objectiveGrams(),
                    s.bestBoundGrams(), s.boundMethod(), s.gridMinutes(), s.wallSeconds()));
        }
        if (r.battery() != null) {
            batteryText(r.battery(), out);
        }
        for (int i = 0; i < Math.min(LISTED, r.infeasible().size()); i++) {
            InfeasibleJob j = r.infeasible().get(i);
            out.println("infeasible: job " + j.job().id() + ": " + j.reason());
        }
        if (r.infeasible().size() > LISTED) {
            out.println("infeasible: ... and " + (r.infeasible().size() - LISTED) + " more (see --json)");
        }
        if (plan != null) {
            out.println("plan written to " + plan);
        }
    }

    private static void batteryText(BatteryReport b, PrintWriter out) {
        out.println(fmt("information battery: %d of %d precomputable jobs precomputed (%.1f kWh), %.3f kgCO2eq against %.3f on demand (just before needed): savings %.2f %%"
                        + " (%.3f kgCO2eq with no budget); budget %s; peak %s",
                b.precomputed(), b.jobs(), b.kWhShifted(), b.grams() / 1000, b.onDemandGrams() / 1000, b.savingsPercent(),
                b.unlimitedGrams() / 1000, perZone(b.budgetWatts()), perZone(b.peakWatts())));
        for (int i = 0; i < Math.min(LISTED, b.unplaced().size()); i++) {
            InfeasibleJob j = b.unplaced().get(i);
            out.println("on demand: job " + j.job().id() + ": " + j.reason());
        }
        if (b.unplaced().size() > LISTED) {
            out.println("on demand: ... and " + (b.unplaced().size() - LISTED) + " more (see --json)");
        }
    }

    private static String perZone(Map<String, Double> watts) {
        return watts.isEmpty() ? "none" : new TreeMap<>(watts).entrySet().stream().map(e -> fmt("%s %.0f W", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
