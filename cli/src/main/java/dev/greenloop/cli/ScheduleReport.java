package dev.greenloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.schedule.BatteryReport;
import dev.greenloop.schedule.InfeasibleJob;
import dev.greenloop.schedule.SimulationResult;
import dev.greenloop.schedule.SolverReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

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
     * {@code objective}, {@code bestBound}, {@code gapPercent}, {@code gridMinutes}, {@code solverSeconds}, {@code boundMethod},
     * {@code iterations}),
     * with precomputable jobs {@code battery} ({@code jobs}, {@code precomputedJobs}, {@code onDemandGrams},
     * {@code grams}, {@code savingsPercent}, {@code unlimitedGrams}, {@code kWh}, {@code budget} and
     * {@code peakWatts} per zone, {@code unplacedJobs}, {@code unplaced[]} with {@code id} and {@code reason}),
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
            if (r.battery() != null) {
                battery(g, r.battery());
            }
            jobs(g, "infeasible", r.infeasible());
            g.writeEndObject();
        }
        out.println();
    }

    private static void battery(JsonGenerator g, BatteryReport b) throws IOException {
        g.writeObjectFieldStart("battery");
        g.writeNumberField("jobs", b.jobs());
        g.writeNumberField("precomputedJobs", b.precomputed());
        g.writeNumberField("onDemandGrams", b.onDemandGrams());
        g.writeNumberField("grams", b.grams());
        g.writeNumberField("savingsPercent", b.savingsPercent());
        g.writeNumberField("unlimitedGrams", b.unlimitedGrams());
        g.writeNumberField("kWh", b.kWhShifted());
        zones(g, "budget", b.budgetWatts());
        zones(g, "peakWatts", b.peakWatts());
        g.writeNumberField("unplacedJobs", b.unplaced().size());
        jobs(g, "unplaced", b.unplaced());
        g.writeEndObject();
    }

    private static void zones(JsonGenerator g, String name, Map<String, Double> watts) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Double> e : new TreeMap<>(watts).entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void jobs(JsonGenerator g, String name, List<InfeasibleJob> jobs) throws IOException {
        g.writeArrayFieldStart(name);
        for (InfeasibleJob j : jobs) {
            g.writeStartObject();
            g.writeStringField("id", j.job().id());
            g.writeStringField("reason", j.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
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

    private static void batteryText(BatteryReport b, PrintStream out) {
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
