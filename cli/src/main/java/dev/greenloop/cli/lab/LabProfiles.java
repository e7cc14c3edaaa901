package dev.greenloop.cli.lab;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.app.LabService;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.LabResultsJson;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.StoredProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop lab profiles}: the profiles {@code lab profile} and {@code lab sweep} kept in the store, newest result first. */
@Command(name = "profiles", description = "List the stored results of lab profile and lab sweep, newest first: one row per variant × settings.")
final class LabProfiles implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "M", description = "Only this model's profiles.")
    String model;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "The most rows; default ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "Print a JSON array: each row with the keys of lab profile --json's variants, and measuredAt, resultId, "
            + "node, model, input, reference.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (limit < 1) {
            throw new UsageException("--limit %d: must be at least 1".formatted(limit));
        }
        List<LabService.StoredRow> rows = LabServices.create(Main.settings(spec), true).profiles(Optional.ofNullable(model), limit);
        if (json) {
            writeJson(spec.commandLine().getOut(), rows);
        } else if (rows.isEmpty()) {
            spec.commandLine().getOut().println("no stored profiles" + (model == null ? "" : " of " + model) + ": run lab profile or lab sweep");
        } else {
            printTable(spec.commandLine().getOut(), rows);
        }
        return 0;
    }

    private static void writeJson(PrintWriter out, List<LabService.StoredRow> rows) throws IOException {
        try (JsonGenerator g = RunJson.generator(out)) {
            g.writeStartArray();
            for (LabService.StoredRow row : rows) {
                StoredProfile s = row.stored();
                NewProfile p = s.profile();
                g.writeStartObject();
                LabResultsJson.writeRowFields(g, row.row(), p.labelled());
                g.writeStringField("measuredAt", p.measuredAt().toString());
                g.writeNumberField("resultId", s.resultId());
                g.writeStringField("node", p.node());
                g.writeStringField("model", p.model());
                g.writeStringField("input", p.input());
                g.writeBooleanField("reference", p.reference());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeRaw(System.lineSeparator());
        }
        out.flush();
    }

    private static void printTable(PrintWriter out, List<LabService.StoredRow> rows) {
        Table t = new Table(">result", "measured at", "node", "model", "variant", "settings", ">texts", ">mJ/query", "energy", "label", ">p50 ms",
                ">cos mean", ">kNN %");
        for (LabService.StoredRow row : rows) {
            StoredProfile s = row.stored();
            NewProfile p = s.profile();
            t.row(s.resultId(), p.measuredAt().toString(), p.node(), p.model(), p.variant() + (p.reference() ? " (ref)" : ""), p.settings(), p.texts(),
                    LabTable.f("%.3f", 1000 * p.joulesPerQuery()), p.provenance().label(), p.energyLabel(), LabTable.f("%.2f", p.latencyMsP50()),
                    p.meanCosine().isPresent() ? LabTable.f("%.5f", p.meanCosine().getAsDouble()) : "-",
                    p.knnAccuracy().isPresent() ? LabTable.f("%.2f", 100 * p.knnAccuracy().getAsDouble()) : "-");
        }
        t.print(out);
    }
}
