package dev.greenloop.cli;

import dev.greenloop.lab.Embedder;
import dev.greenloop.lab.ModelCatalog;
import dev.greenloop.lab.ModelFiles;
import dev.greenloop.lab.ModelRepository;
import dev.greenloop.lab.Pooling;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.TextEncoder;
import dev.greenloop.lab.Variant;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The lab's model choice, shared by its commands (a picocli mixin): {@code --model NAME} or
 * {@code --model-dir DIR} (with {@code --pooling}, {@code --max-positions}), and {@code --no-fetch}.
 */
final class LabModelOptions {

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
     * Checks the flags and returns the files of the published variant ({@code fp32} or {@code int8})
     * or of {@code --model-dir}, fetching a missing known model unless {@code --no-fetch}.
     *
     * @throws UsageException for flags that do not fit together, an unknown model, a variant not built
     */
    ModelFiles resolve(LabSetup setup, Variant v, PrintStream err) {
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
            if (v.kind() != Variant.Kind.FP32) {
                throw new UsageException("--model-dir runs the model in the directory as it is: variant %s applies to --model only".formatted(v));
            }
            return ModelRepository.fromDirectory(modelDir, p, maxPositions);
        }
        if (pooling != null) {
            throw new UsageException("--pooling applies to --model-dir; known models pool as published (greenloop lab models)");
        }
        if (ModelCatalog.builtIn().find(model).isEmpty()) {
            throw new UsageException("--model %s: unknown; known: %s (or --model-dir DIR)".formatted(model,
                    String.join(", ", ModelCatalog.builtIn().models().stream().map(ModelCatalog.Model::name).toList())));
        }
        if (!v.built()) {
            throw new UsageException("variant %s is not built yet; built now: fp32, int8 (see docs/lab.md for what comes later)".formatted(v));
        }
        return setup.resolve(model, v, !noFetch, err);
    }

    /**
     * Opens a variant to run: resolves its files (see {@link #resolve}) and opens them with the settings.
     *
     * @throws UsageException as {@link #resolve} does
     * @throws dev.greenloop.lab.LabException if the model is missing and cannot be fetched, or cannot be loaded
     */
    TextEncoder open(LabSetup setup, Variant v, RunnerSettings settings, PrintStream err) {
        ModelFiles files = resolve(setup, v, err);
        setup.nativeCache();
        return Embedder.open(files, settings);
    }
}
