package dev.greenloop.cli.lab;

import dev.greenloop.cli.Main;
import dev.greenloop.lab.Lab;
import dev.greenloop.lab.ModelRepository;
import dev.greenloop.lab.Variant;
import dev.greenloop.lab.VariantBuilder;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop lab models}: the known models and variants, which are in the local Maven repository, how to fetch the rest, and the variants built so far. */
@Command(name = "models", description = "List the known models and variants: which are available locally, and the command that fetches the rest.")
final class LabModels implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Lab lab = LabServices.create(Main.settings(spec), true).lab();
        ModelRepository repo = lab.repository();
        List<ModelRepository.Entry> entries = repo.list();
        VariantBuilder variants = lab.variants();
        List<VariantBuilder.Cached> built = variants.list();
        if (json) {
            try (var g = RunJson.generator(spec.commandLine().getOut())) {
                g.writeStartObject();
                g.writeStringField("mavenRepository", repo.mavenRepository().toString());
                g.writeArrayFieldStart("models");
                for (ModelRepository.Entry e : entries) {
                    g.writeStartObject();
                    g.writeStringField("model", e.model().name());
                    g.writeStringField("variant", e.variant().name());
                    g.writeStringField("artifact", e.artifact().coordinates());
                    g.writeStringField("pooling", e.model().pooling().label());
                    g.writeBooleanField("available", e.jar().isPresent());
                    if (e.jar().isPresent()) {
                        g.writeStringField("jar", e.jar().get().toString());
                        g.writeNumberField("jarBytes", Files.size(e.jar().get()));
                    } else {
                        g.writeStringField("fetchCommand", String.join(" ", lab.fetchCommand(e.artifact())));
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("buildable");
                for (String b : buildable()) {
                    g.writeString(b);
                }
                g.writeEndArray();
                g.writeStringField("variantCache", variants.root().toString());
                g.writeArrayFieldStart("built");
                for (VariantBuilder.Cached c : built) {
                    g.writeStartObject();
                    g.writeStringField("key", c.key());
                    g.writeStringField("variant", c.variant());
                    g.writeStringField("dir", c.dir().toString());
                    g.writeNumberField("modelBytes", c.modelBytes());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            spec.commandLine().getOut().println();
            return 0;
        }
        Table t = new Table("model", "variant", "pooling", "artifact version", "status", ">size");
        List<String> fetch = new ArrayList<>();
        for (ModelRepository.Entry e : entries) {
            String status;
            String size = "";
            if (e.jar().isPresent()) {
                String found = e.jar().get().getParent().getFileName().toString();
                status = found.equals(e.artifact().version()) ? "available" : "available (" + found + ")";
                size = String.format(Locale.ROOT, "%.1f MB", Files.size(e.jar().get()) / 1e6);
            } else {
                status = "not fetched";
                fetch.add(String.join(" ", lab.fetchCommand(e.artifact())));
            }
            t.row(e.model().name(), e.variant().name(), e.model().pooling().label(), e.artifact().version(), status, size);
        }
        t.print(spec.commandLine().getOut());
        spec.commandLine().getOut().println();
        spec.commandLine().getOut().println("Local Maven repository: " + repo.mavenRepository());
        if (!fetch.isEmpty()) {
            spec.commandLine().getOut().println("Fetch the rest (or let 'greenloop lab embed' fetch what it needs):");
            fetch.forEach(c -> spec.commandLine().getOut().println("  " + c));
        }
        spec.commandLine().getOut().println();
        if (built.isEmpty()) {
            spec.commandLine().getOut().println("Built variants: none yet in " + variants.root());
        } else {
            spec.commandLine().getOut().println("Built variants in " + variants.root() + ":");
            Table b = new Table("built from", "variant", ">size");
            for (VariantBuilder.Cached c : built) {
                b.row(c.key(), c.variant(), String.format(Locale.ROOT, "%.1f MB", c.modelBytes() / 1e6));
            }
            b.print(spec.commandLine().getOut());
        }
        spec.commandLine().getOut().println("Built from fp32 on first use (or ahead with greenloop lab build / lab distill): "
                + String.join(", ", buildable()) + " (docs/lab-variants.md).");
        spec.commandLine().getOut().println("Calibrated on your texts with greenloop lab calibrate: cascade (static where it is safe, fp32 otherwise).");
        spec.commandLine().getOut().println("Any BERT-style ONNX encoder: --model-dir DIR with model.onnx and tokenizer.json.");
        return 0;
    }

    /** The variants the lab builds from fp32, as their names are written (not the cascade, which is calibrated on texts). */
    private static List<String> buildable() {
        List<String> names = new ArrayList<>();
        for (Variant.Kind k : Variant.Kind.values()) {
            if (k != Variant.Kind.FP32 && k != Variant.Kind.INT8 && k != Variant.Kind.CASCADE) {
                names.add(k.pattern());
            }
        }
        return names;
    }
}
