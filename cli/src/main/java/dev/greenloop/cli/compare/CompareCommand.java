package dev.greenloop.cli.compare;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.app.CompareInputException;
import dev.greenloop.app.Comparing;
import dev.greenloop.carbon.PlacementEstimate;
import dev.greenloop.carbon.Range;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop compare}: a measured workload on this node, on cloud instances and on an edge device, ranked by carbon. */
@Command(name = "compare", description = {"Compare energy, carbon and latency of a stored run or lab profile on this node (measured),",
        "on cloud instance types in regions and on an edge device (modelled), ranked by carbon, as ranges with their sources."})
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--run", paramLabel = "ID", description = "A stored run, as 'greenloop runs list' shows it.")
    Long run;

    @Option(names = "--profile", paramLabel = "ID", description = "A stored lab profile row, as 'greenloop lab profiles' shows it.")
    Long profile;

    @Option(names = "--queries-per-day", paramLabel = "N", description = "Queries a day the placements serve (with --profile).")
    Long queriesPerDay;

    @Option(names = "--payload-bytes", paramLabel = "B", description = "Bytes moved per query (profile) or for the whole run (default 0).")
    Double payloadBytes;

    @Option(names = "--cloud", paramLabel = "P", split = ",",
            description = "Cloud placements provider:type@region, comma-separated (default: aws:m5.xlarge@us-east-1,aws:m5.xlarge@eu-central-1,aws:m6g.xlarge@eu-north-1,"
                    + "gcp:n2-standard-4@europe-west3,azure:D4_v4@westeurope).")
    List<String> cloud = new ArrayList<>();

    @Option(names = "--rtt-ms", paramLabel = "MS", description = "Network round trip to the cloud regions, added to their latency (default: not counted).")
    Double rttMs;

    @Option(names = "--edge-profile", paramLabel = "ID", description = "A lab profile measured on the edge device.")
    Long edgeProfile;

    @Option(names = "--edge-watts", paramLabel = "W", description = "The edge device's power while working (with --edge-latency-ms).")
    Double edgeWatts;

    @Option(names = "--edge-latency-ms", paramLabel = "MS", description = "The edge device's latency per query (profile) or for the whole run.")
    Double edgeLatencyMs;

    @Option(names = "--edge-zone", paramLabel = "ZONE", description = "The edge device's grid zone (default: this node's).")
    String edgeZone;

    @Option(names = "--edge-embodied-kg", paramLabel = "KG", description = "The edge device's manufacturing emissions, kgCO2eq.")
    Double edgeEmbodiedKg;

    @Option(names = "--pue", paramLabel = "X", description = "This node's PUE (default: the run's node's stored PUE; for a profile the configured one, else 1, assumed).")
    Double pue;

    @Option(names = "--embodied-kg", paramLabel = "KG", description = "This node's manufacturing emissions, kgCO2eq, amortised over --years.")
    Double embodiedKg;

    @Option(names = "--years", paramLabel = "Y", description = "Hardware life of this node and the edge device, years (default 4; cloud: 4, as CCF).")
    Double years;

    @Option(names = "--utilisation", paramLabel = "U", description = "The workload's CPU utilisation 0..1 if known (default: full min..max cloud watts).")
    Double utilisation;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        positive("--payload-bytes", payloadBytes, true, "a number of bytes such as 2048");
        positive("--rtt-ms", rttMs, true, "milliseconds such as 40");
        positive("--edge-watts", edgeWatts, false, "watts such as 7.5");
        positive("--edge-latency-ms", edgeLatencyMs, false, "milliseconds such as 30");
        positive("--edge-embodied-kg", edgeEmbodiedKg, true, "kgCO2eq such as 50");
        positive("--embodied-kg", embodiedKg, true, "kgCO2eq such as 1200");
        positive("--years", years, false, "years such as 4");
        if (pue != null && !(pue >= 1 && Double.isFinite(pue))) {
            throw new UsageException("--pue: %s is below 1 or not a number; PUE is facility energy / IT energy, such as 1.4".formatted(pue));
        }
        if (utilisation != null && !(utilisation >= 0 && utilisation <= 1)) {
            throw new UsageException("--utilisation: %s is not between 0 and 1; write 0.35 for 35 %%".formatted(utilisation));
        }
        var request = new Comparing.Request(optional(run), optional(profile), optional(queriesPerDay), optional(payloadBytes), cloud,
                optional(rttMs), optional(edgeProfile), optional(edgeWatts), optional(edgeLatencyMs), Optional.ofNullable(edgeZone),
                optional(edgeEmbodiedKg), optional(pue), optional(embodiedKg), optional(years), optional(utilisation));
        Comparing.Comparison c;
        try {
            c = Comparing.compare(Main.settings(spec), request, note -> err.println("greenloop: " + note));
        } catch (CompareInputException e) {
            throw new UsageException("compare: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            writeJson(out, c);
        } else {
            printTable(out, c);
        }
        return 0;
    }

    private static void printTable(PrintWriter out, Comparing.Comparison c) {
        out.printf("%s, ranked by carbon (lowest first); ranges low..high%n%n", Table.escape(c.workload()));
        Table t = new Table(">#", "placement", "provenance", ">energy kWh", ">operational gCO2eq", ">embodied gCO2eq", ">network gCO2eq",
                ">total gCO2eq", ">latency ms", "zone");
        int rank = 1;
        for (PlacementEstimate e : c.ranked()) {
            t.row(rank++, e.name(), e.provenance(), range(e.energyKWh()), range(e.operationalGrams()), range(e.embodiedGrams()),
                    range(e.networkGrams()), range(e.totalGrams()), range(e.latencyMs()), e.zone());
        }
        t.print(out);
        out.println();
        out.println("Sources and assumptions:");
        for (PlacementEstimate e : c.ranked()) {
            out.printf("  %s%n", Table.escape(e.name()));
            for (String s : e.sources()) {
                out.printf("    - %s%n", Table.escape(s));
            }
            for (String n : e.notes()) {
                out.printf("    * %s%n", Table.escape(n));
            }
        }
    }

    static String range(Range r) {
        return dev.greenloop.report.Fmt.range(r);
    }

    private static void writeJson(PrintWriter out, Comparing.Comparison c) throws IOException {
        try (JsonGenerator g = RunJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("workload", c.workload());
            g.writeStringField("store", c.location());
            g.writeArrayFieldStart("placements");
            int rank = 1;
            for (PlacementEstimate e : c.ranked()) {
                g.writeStartObject();
                g.writeNumberField("rank", rank++);
                g.writeStringField("name", e.name());
                g.writeStringField("kind", e.kind());
                g.writeStringField("provenance", e.provenance());
                g.writeStringField("zone", e.zone());
                g.writeNumberField("gramsPerKWh", e.gramsPerKWh());
                g.writeNumberField("pue", e.pue());
                range(g, "energyKWh", e.energyKWh());
                range(g, "operationalGrams", e.operationalGrams());
                range(g, "embodiedGrams", e.embodiedGrams());
                range(g, "networkKWh", e.networkKWh());
                range(g, "networkGrams", e.networkGrams());
                range(g, "totalGrams", e.totalGrams());
                range(g, "latencyMs", e.latencyMs());
                strings(g, "sources", e.sources());
                strings(g, "notes", e.notes());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }

    private static void range(JsonGenerator g, String name, Range r) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("low", r.low());
        g.writeNumberField("high", r.high());
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void positive(String flag, Double value, boolean zeroAllowed, String example) {
        if (value != null && !(Double.isFinite(value) && (zeroAllowed ? value >= 0 : value > 0))) {
            throw new UsageException("%s: %s must be %s; give %s".formatted(flag, value, zeroAllowed ? "0 or more" : "above 0", example));
        }
    }

    private static OptionalLong optional(Long v) {
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static OptionalDouble optional(Double v) {
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
