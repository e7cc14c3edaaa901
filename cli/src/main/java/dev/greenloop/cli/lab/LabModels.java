package dev.greenloop.cli.lab;

import dev.greenloop.cli.Main;
import dev.greenloop.lab.Lab;
import dev.greenloop.lab.ModelCatalog;
import dev.greenloop.lab.ModelFacts;
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
                    // The coordinates of the jar found (its version may differ from the one fetched when missing).
                    g.writeStringField("artifact", e.jar().isPresent()
                            ? e.artifact().groupId() + ":" + e.artifact().artifactId() + ":" + e.jar().get().getParent().getFileName()
                            : e.artifact().coordinates());
                    g.writeBooleanField("available", e.jar().isPresent());
                    if (e.jar().isPresent()) {
                        g.writeStringField("jar", e.jar().get().toString());
                        g.writeStringField("version", e.jar().get().getParent().getFileName().toString());
                        g.writeNumberField("jarBytes", Files.size(e.jar().get()));
                        ModelFacts f = repo.facts(e.jar().get());
                        g.writeStringField("pooling", f.pooling().label());
                        g.writeStringField("className", f.className());
                        g.writeStringField("onnxEntry", f.onnxEntry());
                        g.writeStringField("tokenizerEntry", f.tokenizerEntry());
                        g.writeNumberField("dimension", f.dimension());
                        g.writeBooleanField("normalised", true);
                        writeStrings(g, "prefixes", f.prefixes());
                        if (f.truncation().isPresent()) {
                            g.writeNumberField("truncation", f.truncation().getAsInt());
                        } else {
                            g.writeNullField("truncation");
                        }
                        g.writeNumberField("positions", f.positions());
                        g.writeNumberField("pieceTokens", f.pieceTokens());
                        writeStrings(g, "inputs", f.inputs());
                        writeStrings(g, "outputs", f.outputs());
                        g.writeStringField("modelCard", f.modelCard());
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
        Table t = new Table("model", "variant", "status", "version", "pooling", ">dim", "truncation", "window", "inputs", "class", ">size");
        List<String> fetch = new ArrayList<>();
        for (ModelRepository.Entry e : entries) {
            if (e.jar().isEmpty()) {
                fetch.add(String.join(" ", lab.fetchCommand(e.artifact())));
                t.row(e.model().name(), e.variant().name(), "not fetched", e.artifact().version(), "", "", "", "", "", "", "");
                continue;
            }
            ModelFacts f = repo.facts(e.jar().get());
            String cls = f.className().substring(f.className().lastIndexOf('.') + 1);
            t.row(e.model().name(), e.variant().name(), "available", e.jar().get().getParent().getFileName().toString(), f.pooling().label(),
                    Integer.toString(f.dimension()), f.truncation().isPresent() ? f.truncation().getAsInt() + " (file)" : "512 (DJL)",
                    Integer.toString(f.positions()), String.join(",", f.inputs()).replace("input_ids", "ids").replace("attention_mask", "mask")
                            .replace("token_type_ids", "types"), cls, String.format(Locale.ROOT, "%.1f MB", Files.size(e.jar().get()) / 1e6));
        }
        t.print(spec.commandLine().getOut());
        spec.commandLine().getOut().println();
        spec.commandLine().getOut().println("Local Maven repository: " + repo.mavenRepository() + " (listed: its "
                + ModelCatalog.GROUP_ID + ":" + ModelCatalog.ARTIFACT_PREFIX + "* artifacts and those its langchain4j-bom lists; any other NAME is tried by the same rule)");
        List<String> prefixes = new ArrayList<>();
        for (ModelRepository.Entry e : entries) {
            if (e.jar().isPresent()) {
                repo.facts(e.jar().get()).prefixes().forEach(p -> prefixes.add(e.model().name() + " " + e.variant().name() + ": '" + p + "'"));
            }
        }
        spec.commandLine().getOut().println("Read from each jar: LangChain4j's model class (files, pooling, dimension, prefixes: "
                + (prefixes.isEmpty() ? "none" : String.join(", ", prefixes)) + "), the tokenizer's truncation, the graph's inputs and positions. "
                + "Vectors are L2-normalised. Texts are cut as DJL cuts them under LangChain4j (the file's max_length, else 512 tokens); "
                + "what is still longer than the window would go in pieces of window - 2 tokens, averaged, as LangChain4j's split.");
        if (!fetch.isEmpty()) {
            spec.commandLine().getOut().println("Fetch the rest (or let 'greenloop lab embed' fetch what it needs):");
            fetch.forEach(c -> spec.commandLine().getOut().println("  " + c));
        }
        spec.commandLine().getOut().println(entries.isEmpty()
                ? "No model artifacts and no langchain4j-bom there yet. Any NAME LangChain4j publishes works (--model NAME fetches it), "
                        + "such as all-minilm-l6-v2; fetch one, or the BOM that lists them all:"
                : "Any other NAME LangChain4j publishes (--model NAME fetches it; NAME-q is --variant int8):");
        spec.commandLine().getOut().println("  " + String.join(" ", lab.fetchCommand(new ModelCatalog.Model("NAME", ModelCatalog.defaultVersion())
                .artifact(Variant.FP32))));
        if (entries.isEmpty()) {
            ModelCatalog.Artifact bom = new ModelCatalog.Artifact(ModelCatalog.GROUP_ID, "langchain4j-bom", ModelCatalog.defaultVersion().replaceAll("-beta\\d+$", ""));
            spec.commandLine().getOut().println("  " + String.join(" ", lab.fetchCommand(bom)).replace(bom.coordinates(), bom.coordinates() + ":pom"));
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

    private static void writeStrings(com.fasterxml.jackson.core.JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /** The variants the lab builds from fp32, as their names are written (not the cascade, which is calibrated on texts, nor tfidf, fitted on the profiled texts). */
    private static List<String> buildable() {
        List<String> names = new ArrayList<>();
        for (Variant.Kind k : Variant.Kind.values()) {
            if (k != Variant.Kind.FP32 && k != Variant.Kind.INT8 && k != Variant.Kind.CASCADE && k != Variant.Kind.TFIDF) {
                names.add(k.pattern());
            }
        }
        return names;
    }
}
