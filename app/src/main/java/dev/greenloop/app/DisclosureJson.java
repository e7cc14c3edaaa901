package dev.greenloop.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.OptionalDouble;

/**
 * The JSON of a {@link Disclosure}, as {@code greenloop report --format json} writes it: the keys
 * ({@code period}, {@code energy}, {@code carbon}, {@code sci}, {@code perQuery}, {@code savings}, {@code sources}) and
 * the breakdowns behind them. Energy in joules, carbon in grams of CO2eq, energy per query in watt-hours, times ISO-8601
 * UTC; a figure that cannot be computed is {@code null}. docs/report.md describes every field.
 */
public final class DisclosureJson {

    private static final java.time.format.DateTimeFormatter ISO = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private DisclosureJson() {
    }

    /** @return the instant as ISO-8601 UTC with milliseconds, as the report's JSON and CSV write times */
    static String iso(java.time.Instant t) {
        return ISO.format(t);
    }

    /** Writes the report as one JSON object. */
    public static void write(JsonGenerator g, Disclosure d) throws IOException {
        ReportRequest q = d.request();
        g.writeStartObject();
        g.writeObjectFieldStart("period");
        g.writeStringField("from", iso(q.from()));
        g.writeStringField("to", iso(q.to()));
        g.writeEndObject();
        g.writeObjectFieldStart("selection");
        g.writeArrayFieldStart("nodes");
        for (String n : q.nodes()) {
            g.writeString(n);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("tags");
        for (var t : q.tags().entrySet()) {
            g.writeStringField(t.getKey(), t.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("runs", d.runs());
        g.writeEndObject();
        g.writeObjectFieldStart("energy");
        energy(g, d.energy());
        g.writeNumberField("facilityJoules", d.facilityJoules());
        g.writeNumberField("pue", d.pue());
        g.writeArrayFieldStart("nodes");
        for (Disclosure.NodeEnergy n : d.nodes()) {
            g.writeStartObject();
            g.writeStringField("node", n.node());
            g.writeStringField("zone", n.zone());
            g.writeNumberField("pue", n.pue());
            g.writeNumberField("runs", n.runs());
            energy(g, n.energy());
            g.writeNumberField("locationBasedGrams", n.locationBasedGrams());
            number(g, "embodiedGrams", n.embodiedGrams());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("components");
        for (Disclosure.ComponentRow c : d.components()) {
            g.writeStartObject();
            g.writeStringField("node", c.node());
            g.writeStringField("component", c.component());
            g.writeStringField("scope", c.scope());
            g.writeStringField("provenance", c.provenance());
            g.writeNumberField("joules", c.joules());
            g.writeNumberField("minJoules", c.minJoules());
            g.writeNumberField("maxJoules", c.maxJoules());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("carbon");
        g.writeNumberField("locationBasedGrams", d.carbon().locationBasedGrams());
        g.writeNumberField("marketBasedGrams", d.carbon().marketBasedGrams());
        g.writeNumberField("embodiedGrams", d.carbon().embodiedGrams());
        g.writeArrayFieldStart("zones");
        for (Disclosure.ZoneCarbon z : d.zones()) {
            g.writeStartObject();
            g.writeStringField("zone", z.zone());
            g.writeNumberField("facilityKWh", z.facilityKWh());
            g.writeNumberField("locationBasedGrams", z.locationBasedGrams());
            g.writeNumberField("marketBasedGrams", z.marketBasedGrams());
            g.writeNumberField("instrumentKWh", z.instrumentKWh());
            g.writeNumberField("residualMixKWh", z.residualKWh());
            g.writeNumberField("gridAverageKWh", z.gridAverageKWh());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("embodiedNodes");
        for (Disclosure.EmbodiedNode n : d.embodied()) {
            g.writeStartObject();
            g.writeStringField("node", n.node());
            g.writeNumberField("manufacturingKg", n.kg());
            g.writeStringField("from", n.how());
            g.writeArrayFieldStart("components");
            for (Disclosure.EmbodiedRow r : n.rows()) {
                g.writeStartObject();
                g.writeStringField("component", r.component());
                g.writeNumberField("count", r.count());
                g.writeNumberField("kgPerUnit", r.kgPerUnit());
                g.writeNumberField("kg", r.kg());
                g.writeStringField("source", r.source());
                g.writeStringField("licence", r.licence());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("sci");
        for (Disclosure.Sci s : d.sci()) {
            g.writeStartObject();
            g.writeStringField("functionalUnit", s.functionalUnit());
            g.writeNumberField("units", s.units());
            number(g, "gramsPerUnit", s.gramsPerUnit());
            g.writeStringField("method", s.method());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("perQuery");
        for (Disclosure.PerQuery p : d.perQuery()) {
            g.writeStartObject();
            g.writeStringField("model", p.model());
            g.writeStringField("variant", p.variant());
            g.writeNumberField("wattHours", p.wattHours());
            number(g, "grams", p.grams());
            g.writeNumberField("min", p.min());
            g.writeNumberField("max", p.max());
            g.writeNumberField("wattHoursPer1000", p.wattHours() * 1000);
            number(g, "gramsPer1000", p.grams().isPresent() ? OptionalDouble.of(p.grams().getAsDouble() * 1000) : OptionalDouble.empty());
            g.writeNumberField("profiles", p.profiles());
            g.writeStringField("provenance", p.provenance());
            g.writeStringField("task", p.task());
            if (p.stars().isPresent()) {
                g.writeNumberField("stars", p.stars().getAsInt());
            } else {
                g.writeNullField("stars");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("starRatingMethod", StarRating.METHOD);
        g.writeArrayFieldStart("savings");
        for (Disclosure.Saving s : d.savings()) {
            g.writeStartObject();
            g.writeStringField("kind", s.kind());
            g.writeNumberField("grams", s.grams());
            g.writeNumberField("items", s.items());
            g.writeStringField("method", s.method());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("variantsServed");
        for (Disclosure.VariantServed v : d.variantsServed()) {
            g.writeStartObject();
            g.writeStringField("model", v.model());
            g.writeStringField("variant", v.variant());
            g.writeNumberField("queries", v.queries());
            g.writeNumberField("wattHoursPerQuery", v.wattHoursPerQuery());
            g.writeNumberField("fp32WattHoursPerQuery", v.fp32WattHoursPerQuery());
            g.writeNumberField("savedWattHours", v.savedWattHours());
            number(g, "savedGrams", v.savedGrams());
            g.writeNumberField("profileResult", v.profileResult());
            g.writeNumberField("servedWattHours", v.measuredWattHours());
            g.writeEndObject();
        }
        g.writeEndArray();
        TrainingJson.write(g, d.training());
        g.writeArrayFieldStart("sources");
        for (Disclosure.Source s : d.sources()) {
            g.writeStartObject();
            g.writeStringField("name", s.name());
            g.writeStringField("version", s.version());
            g.writeStringField("usedFor", s.usedFor());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("assumptions");
        for (String a : d.assumptions()) {
            g.writeString(a);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("generatedBy");
        g.writeStringField("command", q.command());
        g.writeStringField("store", d.store());
        g.writeStringField("doc", "docs/report.md");
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void energy(JsonGenerator g, Disclosure.Energy e) throws IOException {
        g.writeNumberField("totalJoules", e.totalJoules());
        g.writeNumberField("measuredJoules", e.measuredJoules());
        g.writeNumberField("derivedJoules", e.derivedJoules());
        g.writeNumberField("modelledJoules", e.modelledJoules());
        g.writeNumberField("minJoules", e.minJoules());
        g.writeNumberField("maxJoules", e.maxJoules());
    }

    private static void number(JsonGenerator g, String name, OptionalDouble v) throws IOException {
        if (v.isPresent()) {
            g.writeNumberField(name, v.getAsDouble());
        } else {
            g.writeNullField(name);
        }
    }
}
