package dev.greenloop.app;

import java.io.PrintWriter;

/**
 * The report as a Green Software Foundation Impact Framework manifest ({@code greenloop report --format impact}): YAML
 * with the manifest's context ({@code name}, {@code description}, {@code tags}, {@code initialize.plugins}) and a
 * {@code tree} with one child per node, whose one input spans the period: {@code energy} (facility kWh, PUE included),
 * {@code carbon-operational} (location-based gCO2eq), {@code carbon-embodied} (SCI M, gCO2eq) and {@code runs}. The
 * pipeline uses Impact Framework's builtins: {@code Sum} adds the two carbon figures into {@code carbon}, {@code Sci}
 * divides it by {@code runs}; running the manifest with Impact Framework's {@code if-run} recomputes those outputs. The
 * structure follows Impact Framework's manifest documentation (if.greensoftware.foundation, "Manifest file").
 */
public final class ImpactManifest {

    private ImpactManifest() {
    }

    /** Writes the manifest and flushes. */
    public static void write(PrintWriter out, Disclosure d) {
        ReportRequest q = d.request();
        String from = DisclosureJson.iso(q.from());
        String to = DisclosureJson.iso(q.to());
        long seconds = java.time.Duration.between(q.from(), q.to()).toSeconds();
        StringBuilder b = new StringBuilder();
        b.append("# Impact Framework manifest written by greenloop report (docs/report.md); run it with Impact Framework's if-run.\n");
        b.append("# energy: facility kWh (IT energy x PUE); carbon-operational: location-based gCO2eq, PUE included;\n");
        b.append("# carbon-embodied: SCI M in gCO2eq (0 where no manufacturing figure was given); runs: the node's selected runs.\n");
        b.append("name: ").append(str("greenloop report " + from + " to " + to)).append('\n');
        b.append("description: ").append(str("Energy and carbon of %d stored run%s, %s to %s (UTC, end exclusive), per node; produced by: %s; store: %s"
                .formatted(d.runs(), d.runs() == 1 ? "" : "s", from, to, q.command(), d.store()))).append('\n');
        b.append("tags:\n  kind: greenloop-report\n  nodes: ").append(str(q.nodes().isEmpty() ? "all" : String.join(",", q.nodes()))).append('\n');
        b.append("  run-tags: ").append(str(q.tags().isEmpty() ? "any" : q.tags().toString())).append('\n');
        b.append("""
                initialize:
                  plugins:
                    sum-carbon:
                      path: builtin
                      method: Sum
                      config:
                        input-parameters:
                          - carbon-operational
                          - carbon-embodied
                        output-parameter: carbon
                    sci:
                      path: builtin
                      method: Sci
                      config:
                        functional-unit: runs
                tree:
                  children:
                """);
        if (d.nodes().isEmpty()) {
            b.setLength(b.length() - "  children:\n".length());
            b.append("  children: {}\n");
        }
        for (Disclosure.NodeEnergy n : d.nodes()) {
            b.append("    ").append(str(n.node())).append(":\n");
            b.append("      pipeline:\n        compute:\n          - sum-carbon\n          - sci\n");
            b.append("      inputs:\n");
            b.append("        - timestamp: ").append(str(from)).append('\n');
            b.append("          duration: ").append(seconds).append('\n');
            b.append("          energy: ").append(DisclosureCsv.num(n.energy().totalJoules() * n.pue() / 3.6e6)).append('\n');
            b.append("          carbon-operational: ").append(DisclosureCsv.num(n.locationBasedGrams())).append('\n');
            b.append("          carbon-embodied: ").append(DisclosureCsv.num(n.embodiedGrams().orElse(0))).append('\n');
            b.append("          runs: ").append(n.runs()).append('\n');
            b.append("          grid-zone: ").append(str(n.zone())).append('\n');
        }
        out.print(b);
        out.flush();
    }

    /** A YAML double-quoted scalar: JSON's string escapes are YAML's. */
    static String str(String s) {
        return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
