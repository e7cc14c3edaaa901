package dev.greenloop.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The JSON of {@link PowerAnalysis}'s answers, one document for the HTTP API and {@code greenloop analyze --json}.
 * Energy in joules, power in watts, carbon in grams of CO2eq, times ISO-8601 UTC; a figure that cannot be computed
 * (no samples, no work) is {@code null}. docs/analysis.md describes every field.
 */
public final class AnalysisJson {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AnalysisJson() {
    }

    /** Writes {@code GET /api/v1/nodes/{node}/analysis}. */
    public static void analysis(JsonGenerator g, PowerAnalysis.Analysis a) throws IOException {
        g.writeStartObject();
        g.writeStringField("node", a.node());
        g.writeStringField("from", iso(a.from()));
        g.writeStringField("to", iso(a.to()));
        g.writeStringField("timeZone", "UTC");
        g.writeObjectFieldStart("baseline");
        g.writeStringField("from", iso(a.baselineFrom()));
        g.writeStringField("to", iso(a.baselineTo()));
        g.writeNumberField("weeks", PowerAnalysis.BASELINE_WEEKS);
        g.writeArrayFieldStart("series");
        for (PowerAnalysis.Baseline b : a.baselines()) {
            g.writeStartObject();
            g.writeStringField("series", b.series());
            g.writeStringField("scope", b.scope());
            g.writeStringField("provenance", b.provenance());
            number(g, "periodJoules", b.periodJoules());
            number(g, "expectedJoules", b.expectedJoules());
            number(g, "deviationPercent", b.deviationPercent());
            g.writeArrayFieldStart("slots");
            for (PowerAnalysis.Slot s : b.slots()) {
                g.writeStartObject();
                g.writeNumberField("slot", s.slot());
                g.writeNumberField("minutes", s.minutes());
                number(g, "meanWatts", s.meanWatts());
                number(g, "p10Watts", s.p10Watts());
                number(g, "p90Watts", s.p90Watts());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("hours");
            for (PowerAnalysis.HourVsBaseline h : b.hours()) {
                g.writeStartObject();
                g.writeStringField("hour", iso(h.hour()));
                g.writeNumberField("slot", h.slot());
                number(g, "meanWatts", h.meanWatts());
                number(g, "coveredSeconds", h.coveredSeconds());
                number(g, "baselineMeanWatts", h.baselineMeanWatts());
                number(g, "baselineP10Watts", h.baselineP10Watts());
                number(g, "baselineP90Watts", h.baselineP90Watts());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("idleActive");
        for (PowerAnalysis.Split s : a.splits()) {
            split(g, s);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("energyPerWork");
        for (PowerAnalysis.WorkGroup w : a.work()) {
            g.writeStartObject();
            g.writeStringField("kind", w.kind());
            g.writeStringField("key", w.key());
            g.writeNumberField("count", w.count());
            number(g, "units", w.units());
            number(g, "joules", w.joules());
            number(g, "joulesPerUnit", w.joulesPerUnit());
            g.writeArrayFieldStart("days");
            for (PowerAnalysis.WorkDay d : w.days()) {
                g.writeStartObject();
                g.writeStringField("day", d.day().toString());
                g.writeNumberField("count", d.count());
                number(g, "units", d.units());
                number(g, "joules", d.joules());
                number(g, "joulesPerUnit", d.joulesPerUnit());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        spans(g, a.spans(), a.to());
        g.writeEndObject();
    }

    /** Writes {@code GET /api/v1/nodes/{node}/daily}. */
    public static void daily(JsonGenerator g, String node, List<PowerAnalysis.Day> days) throws IOException {
        g.writeStartObject();
        g.writeStringField("node", node);
        g.writeStringField("timeZone", "UTC");
        g.writeArrayFieldStart("days");
        for (PowerAnalysis.Day d : days) {
            g.writeStartObject();
            g.writeStringField("day", d.day().toString());
            g.writeStringField("from", iso(d.from()));
            g.writeStringField("to", iso(d.to()));
            number(g, "joules", d.joules());
            number(g, "grams", d.grams());
            number(g, "meanWatts", d.meanWatts());
            number(g, "peakWatts", d.peakWatts());
            number(g, "idleShare", d.split().idleShare());
            number(g, "idleJoules", d.split().idleJoules());
            number(g, "activeJoules", d.split().activeJoules());
            number(g, "idleFloorWatts", d.split().idleFloorWatts());
            number(g, "idleWasteJoules", d.split().idleWasteJoules());
            g.writeNumberField("runs", d.runs());
            g.writeNumberField("jobs", d.jobs());
            number(g, "joulesPerRun", d.joulesPerRun());
            number(g, "joulesPerJob", d.joulesPerJob());
            number(g, "joulesPerQuery", d.joulesPerQuery());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * Writes {@code "spans": [{"kind", "id", "name", "start", "end", "running", "joules"}]}: a span still running ends at
     * {@code now} and says so.
     */
    public static void spans(JsonGenerator g, List<WorkSpan> spans, Instant now) throws IOException {
        g.writeArrayFieldStart("spans");
        for (WorkSpan s : spans) {
            g.writeStartObject();
            g.writeStringField("kind", s.kind().label());
            g.writeStringField("id", s.id());
            g.writeStringField("name", s.name());
            g.writeStringField("start", iso(s.start()));
            g.writeStringField("end", iso(s.endOr(now)));
            g.writeBooleanField("running", s.end().isEmpty());
            if (s.joules().isPresent()) {
                g.writeNumberField("joules", s.joules().getAsDouble());
            } else {
                g.writeNullField("joules");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void split(JsonGenerator g, PowerAnalysis.Split s) throws IOException {
        g.writeStartObject();
        g.writeStringField("series", s.series());
        number(g, "activeJoules", s.activeJoules());
        number(g, "idleJoules", s.idleJoules());
        number(g, "activeSeconds", s.activeSeconds());
        number(g, "idleSeconds", s.idleSeconds());
        number(g, "idleShare", s.idleShare());
        number(g, "idleFloorWatts", s.idleFloorWatts());
        number(g, "idleWasteJoules", s.idleWasteJoules());
        g.writeEndObject();
    }

    private static String iso(Instant t) {
        return ISO.format(t);
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }
}
