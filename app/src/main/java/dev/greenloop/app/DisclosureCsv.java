package dev.greenloop.app;

import dev.greenloop.report.RunCsv;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * The CSV of a {@link Disclosure}, as {@code greenloop report --format csv} writes it: one figure a row, RFC 4180
 * (CRLF line ends, fields quoted as {@link RunCsv#quote} says), with the header {@value #HEADER}. {@code section} and
 * {@code key} follow the JSON's names ({@code energy,totalJoules}); {@code subject} names the node, zone, unit, model or
 * kind a row is about; an empty {@code value} is a figure that cannot be computed.
 */
public final class DisclosureCsv {

    /** The header row, without its line end. */
    public static final String HEADER = "section,subject,key,value,unit,method";

    private DisclosureCsv() {
    }

    /** Writes the report and flushes. */
    public static void write(PrintWriter out, Disclosure d) {
        StringBuilder b = new StringBuilder(HEADER).append("\r\n");
        ReportRequest q = d.request();
        row(b, "period", "", "from", DisclosureJson.iso(q.from()), "UTC", "");
        row(b, "period", "", "to", DisclosureJson.iso(q.to()), "UTC", "end exclusive");
        row(b, "selection", "", "runs", String.valueOf(d.runs()), "runs", "started in the period, with an outcome, on the nodes and with the tags asked");
        energy(b, "", d.energy());
        row(b, "energy", "", "facilityJoules", num(d.facilityJoules()), "J", "each run's energy x its PUE");
        row(b, "energy", "", "pue", num(d.pue()), "", "facilityJoules / totalJoules");
        for (Disclosure.NodeEnergy n : d.nodes()) {
            energy(b, n.node(), n.energy());
            row(b, "energy", n.node(), "pue", num(n.pue()), "", "zone " + n.zone());
        }
        for (Disclosure.ComponentRow c : d.components()) {
            row(b, "component", c.node() + "/" + c.component(), "joules", num(c.joules()), "J", c.scope() + ", " + c.provenance()
                    + (c.minJoules() != c.maxJoules() ? ", range %s..%s J".formatted(num(c.minJoules()), num(c.maxJoules())) : ""));
        }
        row(b, "carbon", "", "locationBasedGrams", num(d.carbon().locationBasedGrams()), "gCO2eq", "sum of the runs' hourly accounted emissions, PUE included");
        row(b, "carbon", "", "marketBasedGrams", num(d.carbon().marketBasedGrams()), "gCO2eq", "instruments, then residual mix, then grid average");
        row(b, "carbon", "", "embodiedGrams", num(d.carbon().embodiedGrams()), "gCO2eq", "SCI M = TE x TiR/EL x RR/ToR");
        for (Disclosure.ZoneCarbon z : d.zones()) {
            row(b, "carbon", z.zone(), "locationBasedGrams", num(z.locationBasedGrams()), "gCO2eq", "");
            row(b, "carbon", z.zone(), "marketBasedGrams", num(z.marketBasedGrams()), "gCO2eq", "instruments %s kWh, residual mix %s kWh, grid average %s kWh"
                    .formatted(num(z.instrumentKWh()), num(z.residualKWh()), num(z.gridAverageKWh())));
        }
        for (Disclosure.EmbodiedNode n : d.embodied()) {
            row(b, "embodied", n.node(), "manufacturingKg", num(n.kg()), "kgCO2eq", "TE from " + n.how());
            for (Disclosure.EmbodiedRow r : n.rows()) {
                row(b, "embodied", n.node() + "/" + r.component(), "kg", num(r.kg()), "kgCO2eq", "%s x %s kg; %s; licence %s"
                        .formatted(num(r.count()), num(r.kgPerUnit()), r.source(), r.licence()));
            }
        }
        for (Disclosure.Sci s : d.sci()) {
            row(b, "sci", s.functionalUnit(), "gramsPerUnit", num(s.gramsPerUnit()), "gCO2eq per " + s.functionalUnit(),
                    "(E x I + M) / R; R = %s; %s".formatted(num(s.units()), s.method()));
        }
        for (Disclosure.PerQuery p : d.perQuery()) {
            String subject = p.model() + "/" + p.variant();
            String range = "mean of %d profiles, %s; range %s..%s Wh".formatted(p.profiles(), p.provenance(), num(p.min()), num(p.max()));
            row(b, "perQuery", subject, "wattHours", num(p.wattHours()), "Wh per query", range);
            row(b, "perQuery", subject, "grams", num(p.grams()), "gCO2eq per query", "at the selection's mean location-based intensity");
            row(b, "perQuery", subject, "stars", p.stars().isPresent() ? String.valueOf(p.stars().getAsInt()) : "", "stars of 5, task " + p.task(),
                    StarRating.METHOD);
        }
        for (Disclosure.Saving s : d.savings()) {
            row(b, "savings", s.kind(), "grams", num(s.grams()), "gCO2eq", s.method());
        }
        for (Disclosure.VariantServed v : d.variantsServed()) {
            String subject = v.model() + "/" + v.variant();
            row(b, "variantsServed", subject, "queries", String.valueOf(v.queries()), "queries", "served in the period");
            row(b, "variantsServed", subject, "savedWattHours", num(v.savedWattHours()), "Wh", "queries x (%s - %s Wh per query), lab result %d"
                    .formatted(num(v.fp32WattHoursPerQuery()), num(v.wattHoursPerQuery()), v.profileResult()));
            row(b, "variantsServed", subject, "savedGrams", num(v.savedGrams()), "gCO2eq", "");
        }
        double[] t = TrainingJson.totals(d.training());
        if (!d.training().isEmpty()) {
            String ref = TrainingDisclosure.REFERENCE;
            row(b, "trainingDisclosure", "", "runs", String.valueOf(d.training().size()), "runs", "tagged kind=training, or lab distill");
            row(b, "trainingDisclosure", "", "energyJoules", num(t[0]), "J", ref);
            row(b, "trainingDisclosure", "", "hours", num(t[1]), "h", "wall-clock time of the runs");
            row(b, "trainingDisclosure", "", "locationBasedGrams", num(t[2]), "gCO2eq", "");
            row(b, "trainingDisclosure", "", "flops", t[4] > 0 ? "" : num(t[3]), "FLOP", t[4] > 0 ? "unknown for %d runs: tag them flops=N".formatted((int) t[4])
                    : "from the runs' flops tags");
            for (Disclosure.TrainingRun r : d.training()) {
                String subject = "run " + r.run();
                row(b, "trainingDisclosure", subject, "energyJoules", num(r.joules()), "J", r.provenance() + "; " + r.name() + " on " + r.node());
                row(b, "trainingDisclosure", subject, "hours", num(r.hours()), "h", DisclosureJson.iso(r.start()) + " to " + DisclosureJson.iso(r.end()));
                row(b, "trainingDisclosure", subject, "flops", num(r.flops()), "FLOP", r.flops().isPresent() ? "the run's flops tag" : "unknown");
            }
        }
        for (Disclosure.Source s : d.sources()) {
            row(b, "sources", s.name(), "version", s.version(), "", s.usedFor());
        }
        for (String a : d.assumptions()) {
            row(b, "assumptions", "", "", "", "", a);
        }
        out.print(b);
        out.flush();
    }

    private static void energy(StringBuilder b, String subject, Disclosure.Energy e) {
        row(b, "energy", subject, "totalJoules", num(e.totalJoules()), "J", "sum of counted components");
        row(b, "energy", subject, "measuredJoules", num(e.measuredJoules()), "J", "hardware energy counters");
        row(b, "energy", subject, "derivedJoules", num(e.derivedJoules()), "J", "integrated from measured power");
        row(b, "energy", subject, "modelledJoules", num(e.modelledJoules()), "J", "power model, range %s..%s J".formatted(num(e.minJoules()), num(e.maxJoules())));
    }

    private static void row(StringBuilder b, String section, String subject, String key, String value, String unit, String method) {
        b.append(section).append(',').append(RunCsv.quote(subject)).append(',').append(key).append(',').append(value).append(',')
                .append(RunCsv.quote(unit)).append(',').append(RunCsv.quote(method)).append("\r\n");
    }

    static String num(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : "";
    }

    private static String num(OptionalDouble v) {
        return v.isPresent() ? num(v.getAsDouble()) : "";
    }
}
