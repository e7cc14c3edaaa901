package dev.greenloop.cli.lab;

import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.ModelCatalog;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.lab.Pooling;
import dev.greenloop.lab.Variant;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The lab's model choice, shared by its commands (a picocli mixin): {@code --model NAME} or
 * {@code --model-dir DIR} (with {@code --pooling}, {@code --max-positions}), and {@code --no-fetch}.
 */
final class LabModelOptions {

    static {
        // Help texts list the variants from the registry (Variant.Kind, over onnx's Transforms.families()):
        // lab embed --variant says ${greenloop.variants}, lab build ${greenloop.buildableVariants}.
        // tfidf is left out: it is no model to embed with, only a baseline lab profile fits on its texts.
        List<String> all = Variant.Kind.values().stream().filter(k -> k != Variant.Kind.TFIDF).map(Variant.Kind::pattern).toList();
        System.setProperty("greenloop.variants", String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.getLast());
        System.setProperty("greenloop.buildableVariants", String.join(", ", Variant.Kind.values().stream()
                .filter(k -> k.family().isPresent() || k == Variant.Kind.STATIC).map(Variant.Kind::pattern).toList()));
    }

    @Option(names = "--model", paramLabel = "NAME", description = "A known model (greenloop lab models), e.g. all-minilm-l6-v2, bge-small-en-v15.")
    String model;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "A directory with model.onnx and tokenizer.json (any BERT-style ONNX encoder), instead of --model.")
    Path modelDir;

    @Option(names = "--pooling", paramLabel = "mean|cls", description = "With --model-dir: how to pool, when the directory has no 1_Pooling/config.json.")
    String pooling;

    @Option(names = "--max-positions", paramLabel = "N", defaultValue = "512", description = "With --model-dir: the most tokens the encoder takes; default ${DEFAULT-VALUE}.")
    int maxPositions;

    @Option(names = "--no-fetch", description = "Do not fetch a missing model through Maven; print the command instead.")
    boolean noFetch;

    /** The model's name for reports: the known model's name, or the directory. */
    String name() {
        return model != null ? model : modelDir.toString();
    }

    /**
     * Parses a variant name given on the command line.
     *
     * @throws UsageException naming the flag and the accepted forms
     */
    static Variant parseVariant(String flag, String name) {
        try {
            return Variant.parse(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": " + e.getMessage());
        }
    }

    /**
     * Checks the flags and returns the model they choose.
     *
     * @throws UsageException for flags that do not fit together, an unknown model, a bad {@code --pooling} or {@code --max-positions}
     */
    ModelChoice choice() {
        if ((model == null) == (modelDir == null)) {
            throw new UsageException("give either --model NAME or --model-dir DIR (greenloop lab models lists the names)");
        }
        if (modelDir != null) {
            if (maxPositions < 2) {
                throw new UsageException("--max-positions %d: must be at least 2".formatted(maxPositions));
            }
            Pooling p = null;
            if (pooling != null) {
                try {
                    p = Pooling.valueOf(pooling.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--pooling %s: one of mean, cls".formatted(pooling));
                }
            }
            return ModelChoice.directory(modelDir, p, maxPositions);
        }
        if (pooling != null) {
            throw new UsageException("--pooling applies to --model-dir; known models pool as published (greenloop lab models)");
        }
        if (!ModelCatalog.isValidName(model)) {
            throw new UsageException("--model %s: names no LangChain4j artifact (%sNAME: letters, digits, dashes; the -q twin is --variant int8); listed: %s (or --model-dir DIR)"
                    .formatted(model, ModelCatalog.ARTIFACT_PREFIX, String.join(", ", ModelCatalog.builtIn().names())));
        }
        return ModelChoice.known(ModelCatalog.normalise(model));
    }
}
