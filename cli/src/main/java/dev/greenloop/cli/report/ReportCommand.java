package dev.greenloop.cli.report;

import dev.greenloop.app.CarbonAwareQueries;
import dev.greenloop.app.Disclosure;
import dev.greenloop.app.DisclosureFormats;
import dev.greenloop.app.DisclosurePdf;
import dev.greenloop.app.EmbodiedFactors;
import dev.greenloop.app.Instrument;
import dev.greenloop.app.Instruments;
import dev.greenloop.app.ReportRequest;
import dev.greenloop.app.Reporting;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneIntensities;
import dev.greenloop.cli.InputFiles;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.TraceOptions;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.AtomicFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop report}: discloses the energy and carbon of the stored runs of a period, as JSON, CSV or a printable
 * HTML page, or that page as PDF; docs/report.md says what each figure means and where it comes from.
 */
@Command(name = "report", description = "Report the energy and carbon of stored runs over a period: JSON, CSV, printable HTML or PDF.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "T", description = "The period's start: 2026-11-01 or 2026-11-01T12:00Z (UTC).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "T", description = "The period's end, exclusive.")
    String to;

    @Option(names = "--node", paramLabel = "N", description = "Only runs on this node; repeatable (default: every node).")
    List<String> nodes = List.of();

    @Option(names = "--tag", paramLabel = "k=v", description = "Only runs with this tag; repeatable (all must match).")
    List<String> tags = List.of();

    @Option(names = "--unit", paramLabel = "query|job|run", defaultValue = "run", description = "SCI's functional unit (default: run).")
    String unit;

    @Option(names = "--instruments", paramLabel = "FILE",
            description = "Contractual instruments and residual mixes for the market-based figure: CSV zone,period,mwh,gco2e_per_kwh.")
    Path instruments;

    @Option(names = "--embodied-kg", paramLabel = "NODE=KG", description = "A node's manufacturing emissions, kgCO2eq; repeatable.")
    List<String> embodied = List.of();

    @Option(names = "--hardware", paramLabel = "FILE",
            description = "Each node's components for embodied emissions: CSV node,component,count (components of the factors table).")
    Path hardware;

    @Option(names = "--embodied-factors", paramLabel = "FILE",
            description = "Manufacturing factors to add or replace: CSV component,unit,kgco2e_per_unit,source,licence.")
    Path embodiedFactors;

    @Option(names = "--life-years", paramLabel = "Y", defaultValue = "4", description = "Hardware life for embodied emissions (default: 4).")
    double lifeYears;

    @Mixin
    TraceOptions traces = new TraceOptions();

    @Option(names = "--format", required = true, paramLabel = "json|csv|html|pdf|impact",
            description = "json, csv, html (printable, SVG charts), pdf (the same page on A4) or impact (an Impact Framework manifest, YAML).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the report; - for standard output.")
    String out;

    @Override
    public Integer call() throws IOException {
        String f = DisclosureFormats.parse(format);
        if (f.equals("pdf") && out.equals("-")) {
            throw new UsageException("--format pdf: give a file with --out, such as --out report.pdf; a PDF is not written to standard output");
        }
        Instant a = Times.parse("--from", from);
        Instant b = Times.parse("--to", to);
        if (!b.isAfter(a)) {
            throw new UsageException("--from %s is not before --to %s; give a period that ends after it starts".formatted(Times.iso(a), Times.iso(b)));
        }
        List<Instrument> instr = List.of();
        if (instruments != null) {
            InputFiles.require("--instruments", instruments);
            instr = Instruments.read(instruments);
        }
        Map<String, Double> kg = new LinkedHashMap<>();
        for (var e : pairs("--embodied-kg", embodied, "--embodied-kg gpu-1=1200").entrySet()) {
            try {
                kg.put(e.getKey(), Double.parseDouble(e.getValue()));
            } catch (NumberFormatException x) {
                throw new UsageException("--embodied-kg %s=%s: '%s' is not a number of kgCO2eq; write it like --embodied-kg %s=1200"
                        .formatted(e.getKey(), e.getValue(), e.getValue(), e.getKey()));
            }
        }
        Map<String, EmbodiedFactors.Factor> factors;
        if (embodiedFactors != null) {
            InputFiles.require("--embodied-factors", embodiedFactors);
            factors = EmbodiedFactors.withOverrides(embodiedFactors);
        } else {
            factors = EmbodiedFactors.builtIn();
        }
        Map<String, Map<String, Double>> parts = Map.of();
        if (hardware != null) {
            InputFiles.require("--hardware", hardware);
            parts = EmbodiedFactors.hardware(hardware);
        }
        ReportRequest request = new ReportRequest(a, b, nodes.stream().map(String::strip).toList(), pairs("--tag", tags, "--tag team=search"),
                ReportRequest.FunctionalUnit.parse(unit), instr, kg, lifeYears, "greenloop " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                parts, factors);
        Settings settings = Main.settings(spec);
        PrintWriter err = spec.commandLine().getErr();
        Disclosure d;
        try (ZoneIntensities grid = ZoneIntensities.open(traces.files(), Map.of(), settings.effectiveEnvironment(), Clock.systemUTC())) {
            d = Reporting.report(settings, request, new CarbonAwareQueries(grid, Clock.systemUTC()), note -> err.println("greenloop: " + note));
        }
        if (f.equals("pdf")) {
            List<String> notes = new java.util.ArrayList<>();
            AtomicFile.write(Path.of(out), o -> notes.addAll(DisclosurePdf.write(d, o)));
            notes.forEach(n -> err.println("greenloop: " + n));
            wrote(err, d);
        } else if (out.equals("-")) {
            DisclosureFormats.write(f, d, spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
        } else {
            AtomicFile.writeText(Path.of(out), w -> DisclosureFormats.write(f, d, w));
            wrote(err, d);
        }
        return 0;
    }

    private void wrote(PrintWriter err, Disclosure d) {
        err.printf("greenloop: wrote %s (%d runs, %s kWh, %s gCO2eq location-based)%n", out, d.runs(), significant(d.energy().totalJoules() / 3.6e6),
                significant(d.carbon().locationBasedGrams()));
    }

    /** @return the value to 4 significant digits, without trailing zeros */
    static String significant(double v) {
        return Double.isFinite(v) ? new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString() : String.valueOf(v);
    }

    /** Reads key=value pairs; a usage error naming the bad one and showing {@code example}. */
    static Map<String, String> pairs(String option, List<String> given, String example) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String t : given) {
            int eq = t.indexOf('=');
            if (eq <= 0 || eq == t.length() - 1) {
                throw new UsageException("%s: '%s' is not key=value; write it like %s".formatted(option, t, example));
            }
            map.put(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
        }
        return map;
    }
}
