package dev.greenloop.app;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.store.RecommendationAction;
import java.io.IOException;
import java.util.List;

/**
 * The JSON form of recommendations that {@code greenloop recommendations list --json} prints and
 * {@code GET /api/v1/recommendations} answers: one shape for both. docs/recommendations.md shows it.
 */
public final class RecommendationJson {

    private RecommendationJson() {
    }

    /** Writes one recommendation as an object, with its actions. */
    public static void write(JsonGenerator g, Recommendation r, List<RecommendationAction> actions) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("kind", r.kind().label());
        g.writeStringField("target", r.target());
        g.writeStringField("status", r.status().label());
        g.writeObjectFieldStart("estimate");
        g.writeStringField("label", Recommendation.Estimate.LABEL);
        range(g, "kwh", r.estimate().kwh());
        range(g, "gramsCo2e", r.estimate().grams());
        g.writeStringField("basis", r.estimate().basis());
        g.writeStringField("method", r.estimate().method());
        g.writeEndObject();
        g.writeStringField("evidence", r.evidence());
        g.writeStringField("howToApply", r.howTo());
        g.writeStringField("change", r.change().spec());
        if (r.appliedAt().isPresent()) {
            g.writeStringField("appliedAt", r.appliedAt().get().toString());
        }
        if (r.verified().isPresent()) {
            g.writeObjectFieldStart("verified");
            g.writeStringField("label", "measured");
            g.writeNumberField("kwh", r.verified().get().kwh());
            g.writeNumberField("gramsCo2e", r.verified().get().grams());
            g.writeStringField("how", r.verified().get().how());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("actions");
        for (RecommendationAction a : actions) {
            g.writeStartObject();
            g.writeStringField("at", a.at().toString());
            g.writeStringField("who", a.who());
            g.writeStringField("action", a.action());
            g.writeBooleanField("dryRun", a.dryRun());
            g.writeStringField("detail", a.detail());
            g.writeStringField("result", a.result());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void range(JsonGenerator g, String name, Recommendation.Range r) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("min", r.min());
        g.writeNumberField("mid", r.mid());
        g.writeNumberField("max", r.max());
        g.writeEndObject();
    }

    /** @return a range for people: {@code 0.42 (0–0.84)} */
    public static String text(Recommendation.Range r) {
        return r.min() == r.max() ? "%.3g".formatted(r.mid()) : "%.3g (%.3g–%.3g)".formatted(r.mid(), r.min(), r.max());
    }
}
