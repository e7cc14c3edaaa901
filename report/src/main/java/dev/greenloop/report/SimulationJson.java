package dev.greenloop.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.schedule.BatteryReport;
import dev.greenloop.schedule.InfeasibleJob;
import dev.greenloop.schedule.SimulationResult;
import dev.greenloop.schedule.SolverReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a simulation's result, what {@code schedule simulate --json} prints. {@code savingsPercent} (and
 * {@code battery.savingsPercent}) is {@code null} when its baseline emits nothing: a saving of nothing is undefined,
 * not 0 %.
 */
public final class SimulationJson {

    private SimulationJson() {
    }

    /**
     * Prints a simulation's result as one JSON document, then a line end.
     *
     * @param r the result
     * @param out where to print
     * @throws IOException if the generator fails
     */
    public static void print(SimulationResult r, PrintWriter out) throws IOException {
        try (JsonGenerator g = RunJson.generator(out)) {
            write(g, r);
        }
        out.println();
    }

    private static void write(JsonGenerator g, SimulationResult r) throws IOException {
        g.writeStartObject();
        g.writeStringField("policy", r.options().policy().label());
        g.writeNumberField("jobs", r.jobs());
        g.writeNumberField("placedJobs", r.placements().size());
        g.writeNumberField("grams", r.grams());
        g.writeNumberField("baselineGrams", r.baselineGrams());
        percent(g, "savingsPercent", r.baselineGrams() > 0, r.savingsPercent());
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

    private static void battery(JsonGenerator g, BatteryReport b) throws IOException {
        g.writeObjectFieldStart("battery");
        g.writeNumberField("jobs", b.jobs());
        g.writeNumberField("precomputedJobs", b.precomputed());
        g.writeNumberField("onDemandGrams", b.onDemandGrams());
        g.writeNumberField("grams", b.grams());
        percent(g, "savingsPercent", b.onDemandGrams() > 0, b.savingsPercent());
        g.writeNumberField("unlimitedGrams", b.unlimitedGrams());
        g.writeNumberField("kWh", b.kWhShifted());
        zones(g, "budget", b.budgetWatts());
        zones(g, "peakWatts", b.peakWatts());
        g.writeNumberField("unplacedJobs", b.unplaced().size());
        jobs(g, "unplaced", b.unplaced());
        g.writeEndObject();
    }

    /** A percentage of a baseline, {@code null} when the baseline is 0 and the percentage undefined. */
    private static void percent(JsonGenerator g, String name, boolean defined, double percent) throws IOException {
        if (defined) {
            g.writeNumberField(name, percent);
        } else {
            g.writeNullField(name);
        }
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
}
