package dev.greenloop.app;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * The report's {@code trainingDisclosure} object: the training runs of the selection and their totals, with what the EU
 * AI Act's Annex XI asks ({@link TrainingDisclosure}). FLOPs are {@code null} where any run's are unknown; energy in
 * joules and kWh, time in hours, carbon in grams of CO2eq.
 */
final class TrainingJson {

    private TrainingJson() {
    }

    /** Totals of the training runs: [joules, hours, grams, known FLOPs, runs with unknown FLOPs]. */
    static double[] totals(List<Disclosure.TrainingRun> runs) {
        double[] t = new double[5];
        for (Disclosure.TrainingRun r : runs) {
            t[0] += r.joules();
            t[1] += r.hours();
            t[2] += r.grams();
            if (r.flops().isPresent()) {
                t[3] += r.flops().getAsDouble();
            } else {
                t[4]++;
            }
        }
        return t;
    }

    static void write(JsonGenerator g, List<Disclosure.TrainingRun> runs) throws IOException {
        double[] t = totals(runs);
        g.writeObjectFieldStart("trainingDisclosure");
        g.writeStringField("reference", TrainingDisclosure.REFERENCE);
        g.writeStringField("selects", "runs tagged kind=training, and measured 'greenloop lab distill' runs; FLOPs from a run's flops tag");
        g.writeNumberField("runs", runs.size());
        g.writeNumberField("energyJoules", t[0]);
        g.writeNumberField("energyKWh", t[0] / 3.6e6);
        g.writeNumberField("hours", t[1]);
        g.writeNumberField("locationBasedGrams", t[2]);
        if (runs.isEmpty() || t[4] > 0) {
            g.writeNullField("flops");
        } else {
            g.writeNumberField("flops", t[3]);
        }
        g.writeNumberField("runsWithUnknownFlops", (int) t[4]);
        g.writeArrayFieldStart("items");
        for (Disclosure.TrainingRun r : runs) {
            g.writeStartObject();
            g.writeNumberField("run", r.run());
            g.writeStringField("name", r.name());
            g.writeStringField("node", r.node());
            g.writeStringField("start", DisclosureJson.iso(r.start()));
            g.writeStringField("end", DisclosureJson.iso(r.end()));
            g.writeNumberField("hours", r.hours());
            g.writeNumberField("energyJoules", r.joules());
            g.writeStringField("provenance", r.provenance());
            g.writeNumberField("locationBasedGrams", r.grams());
            if (r.flops().isPresent()) {
                g.writeNumberField("flops", r.flops().getAsDouble());
            } else {
                g.writeNullField("flops");
            }
            g.writeStringField("flopsSource", r.flops().isPresent() ? "the run's flops tag" : "unknown: tag the run flops=N to disclose it");
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
