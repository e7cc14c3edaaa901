package dev.greenloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.schedule.InfeasibleJob;
import dev.greenloop.schedule.SimulationResult;
import dev.greenloop.schedule.SolverReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** Prints a simulation's result: a small table for people, or JSON. */
final class ScheduleReport {

    /** Infeasible jobs listed one by one in the text summary, at most. */
    private static final int LISTED = 10;

    private ScheduleReport() {
    }

    /**
     * JSON fields: {@code policy}, {@code jobs}, {@code placedJobs}, {@code grams}, {@code baselineGrams},
     * {@code savingsPercent}, {@code missedDeadlines}, {@code infeasibleJobs}, {@code planningSeconds},
     * {@code forecastError}, {@code seed}, under budgets {@code optimalityGap} ({@code status}, {@code optimal},
     * {@code objective}, {@code bestBound}, {@code gapPercent}, {@code gridMinutes}, {@code solverSeconds}, {@code boundMethod}, {@code iterations}),
     * and {@code infeasible[]} with {@code id} and {@code reason}.
     */
    static void json(SimulationResult r, PrintStream out) throws IOException {
        try (JsonGenerator g = RunJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("policy", r.options().policy().label());
            g.writeNumberField("jobs", r.jobs());
            g.writeNumberField("placedJobs", r.placements().size());
            g.writeNumberField("grams", r.grams());
            g.writeNumberField("baselineGrams", r.baselineGrams());
            g.writeNumberField("savingsPercent", r.savingsPercent());
            g.writeNumberField("missedDeadlines", r.missedDeadlines());
            g.writeNumberField("infeasibleJobs", r.infeasible().size());
            g.writeNumberField("planningSeconds", r.planningSeconds());
            g.writeNumberField("forecastError", r.options().forecastError());
            g.writeNumberField("seed", r.options().seed());
            if (r.options().thresholdGramsPerKWh() >= 0) {
                g.writeNumberField("thresholdGramsPerKWh", r.options().thresholdGramsPerKWh());
            }
            if (r.solver() != null) {
                SolverReport s = r.solver();
                g.writeObjectFieldStart("optimalityGap");
                g.writeStringField("status", s.status());
                g.writeBooleanField("optimal", s.optimal());
                g.writeNumberField("objective", s.objectiveGrams());
                g.writeNumberField("bestBound", s.bestBoundGrams());
                g.writeNumberField("gapPercent", s.gapPercent());
                g.writeNumberField("gridMinutes", s.gridMinutes());
                g.writeNumberField("solverSeconds", s.wallSeconds());
                g.writeStringField("boundMethod", s.boundMethod());
                g.writeNumberField("iterations", s.iterations());
                g.writeEndObject();
            }
            g.writeArrayFieldStart("infeasible");
            for (InfeasibleJob j : r.infeasible()) {
                g.writeStartObject();
                g.writeStringField("id", j.job().id());
                g.writeStringField("reason", j.reason());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }

    static void text(SimulationResult r, PrintStream out, Path plan) {
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

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
