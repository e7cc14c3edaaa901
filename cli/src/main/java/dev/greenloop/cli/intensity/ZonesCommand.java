package dev.greenloop.cli.intensity;

import dev.greenloop.carbon.ZoneInfo;
import dev.greenloop.carbon.ZoneTable;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code greenloop zones [QUERY]}: the built-in grid zones and their yearly intensity. */
@Command(name = "zones", description = "List the built-in grid zones and their yearly carbon intensity; filter by code or name.")
public final class ZonesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Parameters(arity = "0..1", paramLabel = "QUERY", description = "Part of a zone code or name, e.g. US or germany.")
    String query;

    @Override
    public Integer call() throws IOException {
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT);
        List<ZoneInfo> zones = ZoneTable.builtIn().zones().stream()
                .filter(z -> z.code().toLowerCase(Locale.ROOT).contains(q) || z.name().toLowerCase(Locale.ROOT).contains(q)).toList();
        if (json) {
            try (var g = RunJson.generator(spec.commandLine().getOut())) {
                g.writeStartArray();
                for (ZoneInfo z : zones) {
                    g.writeStartObject();
                    g.writeStringField("zone", z.code());
                    g.writeStringField("name", z.name());
                    g.writeNumberField("gramsPerKWh", z.gramsPerKWh());
                    g.writeNumberField("year", z.year());
                    g.writeStringField("source", z.source());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            spec.commandLine().getOut().println();
            return 0;
        }
        if (zones.isEmpty()) {
            throw new UsageException("zones: nothing matches '%s'; run 'greenloop zones' for the whole list".formatted(query));
        }
        Table t = new Table("zone", "name", ">gCO2eq/kWh", ">year", "source");
        for (ZoneInfo z : zones) {
            t.row(z.code(), z.name(), String.format(Locale.ROOT, "%.0f", z.gramsPerKWh()), z.year(), z.source());
        }
        t.print(spec.commandLine().getOut());
        return 0;
    }
}
