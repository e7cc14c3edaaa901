package dev.greenloop.cli.lab;

import dev.greenloop.cli.InputFiles;
import dev.greenloop.cli.UsageException;
import dev.greenloop.core.BoundedLines;
import dev.greenloop.core.InputTooLargeException;
import dev.greenloop.lab.Profiler;
import dev.greenloop.lab.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * What the lab's measuring commands ({@code profile}, {@code sweep}, and {@code pareto} and
 * {@code recommend} without {@code --from}) profile: the variants, the texts, their labels, how
 * many rounds, and where to keep the result (a picocli mixin).
 */
final class LabProfileOptions {

    @Option(names = "--variants", paramLabel = "V", split = ",",
            description = "Variants to profile; fp32 is always profiled as the reference. Default: fp32,int8 (fp32 with --model-dir).")
    List<String> variants;

    @Option(names = "--input", paramLabel = "TEXTS", description = "UTF-8 text file, one text per line; - for standard input.")
    String input;

    @Option(names = "--labels", paramLabel = "LABELS", description = "One label per line, aligned with TEXTS: adds leave-one-out 5-NN accuracy.")
    Path labels;

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N texts (and labels).")
    Integer limit;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "Measured rounds per variant (medians are reported); default ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--latency-texts", paramLabel = "N", defaultValue = "200",
            description = "Texts embedded one at a time per round for latency p50/p95; default ${DEFAULT-VALUE}.")
    int latencyTexts;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "64", description = "Texts of the warm-up pass; default ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--min-pass-seconds", paramLabel = "S", defaultValue = "1",
            description = "Repeat each round's batched pass over the texts until it has run S seconds; default ${DEFAULT-VALUE}.")
    double minPassSeconds;

    @Option(names = "--out", paramLabel = "FILE.json", description = "Also write the JSON result to FILE.json (for pareto/recommend --from).")
    Path out;

    /** The texts and their labels (empty without {@code --labels}). */
    record Inputs(List<String> texts, List<String> labels) {
    }

    /**
     * The variants to profile, fp32 first (added when not listed), duplicates removed.
     *
     * @param modelDir whether the model comes from {@code --model-dir} (then only fp32 unless variants are listed)
     * @throws UsageException naming an unknown variant or a parameter out of range
     */
    List<Variant> variants(boolean modelDir) {
        List<Variant> out = new ArrayList<>(List.of(Variant.FP32));
        for (String name : variants != null ? variants : modelDir ? List.of("fp32") : List.of("fp32", "int8")) {
            if (name.isBlank()) {
                continue;
            }
            Variant v = LabModelOptions.parseVariant("--variants", name);
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    /** @throws UsageException naming a count out of range */
    Profiler.Options profilerOptions() {
        if (rounds < 1) {
            throw new UsageException("--rounds %d: must be at least 1".formatted(rounds));
        }
        if (latencyTexts < 0 || warmup < 0) {
            throw new UsageException("--latency-texts %d and --warmup %d: must be at least 0".formatted(latencyTexts, warmup));
        }
        if (!(minPassSeconds >= 0 && minPassSeconds <= 3600)) {
            throw new UsageException("--min-pass-seconds %s: must be from 0 to 3600".formatted(minPassSeconds));
        }
        return new Profiler.Options(rounds, warmup, latencyTexts, minPassSeconds);
    }

    /**
     * Reads the texts and labels.
     *
     * @throws UsageException without {@code --input}, for a missing file, invalid UTF-8, no texts, a
     *     bad {@code --limit}, or a label count that is not the text count (naming both)
     */
    Inputs read() throws IOException {
        if (input == null) {
            throw new UsageException("give --input TEXTS (one text per line) to measure, or --from FILE.json where the command reads a result");
        }
        if (limit != null && limit < 1) {
            throw new UsageException("--limit %d: must be at least 1".formatted(limit));
        }
        Path in = input.equals("-") ? null : Path.of(input);
        if (in != null) {
            InputFiles.require("--input", in);
        }
        List<String> texts = lines(in == null ? System.in : Files.newInputStream(in), in == null ? "standard input" : "TEXTS " + input);
        if (texts.isEmpty()) {
            throw new UsageException("--input %s has no texts: give one text per line".formatted(input));
        }
        List<String> labelLines = List.of();
        if (labels != null) {
            InputFiles.require("--labels", labels);
            labelLines = lines(Files.newInputStream(labels), "LABELS " + labels);
            if (labelLines.size() != texts.size()) {
                throw new UsageException("--labels %s has %d labels but --input %s has %d texts: give one label per line, aligned with the texts"
                        .formatted(labels, labelLines.size(), input, texts.size()));
            }
            for (int i = 0; i < labelLines.size(); i++) {
                if (labelLines.get(i).isBlank()) {
                    throw new UsageException("--labels %s line %d is empty: every text needs a label".formatted(labels, i + 1));
                }
            }
        }
        if (limit != null && limit < texts.size()) {
            texts = texts.subList(0, limit);
            labelLines = labelLines.isEmpty() ? labelLines : labelLines.subList(0, limit);
        }
        return new Inputs(List.copyOf(texts), List.copyOf(labelLines));
    }

    /** Reads every text into memory, so within {@link BoundedLines}' size limit (256 MiB), as any input file. */
    static List<String> lines(InputStream source, String name) throws IOException {
        List<String> all = new ArrayList<>();
        try (TextLines lines = new TextLines(BoundedLines.bounded(source, name), name)) {
            for (List<String> chunk = lines.next(LabEmbed.CHUNK); !chunk.isEmpty(); chunk = lines.next(LabEmbed.CHUNK)) {
                all.addAll(chunk);
            }
        } catch (InputTooLargeException e) {
            throw new UsageException(e.getMessage());
        }
        return all;
    }
}
