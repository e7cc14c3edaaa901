package dev.greenloop.cli;

import dev.greenloop.lab.Distiller;
import dev.greenloop.lab.Embedder;
import dev.greenloop.lab.ModelCatalog;
import dev.greenloop.lab.ModelFiles;
import dev.greenloop.lab.ModelRepository;
import dev.greenloop.lab.Pooling;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.StaticEncoder;
import dev.greenloop.lab.TextEncoder;
import dev.greenloop.lab.Variant;
import dev.greenloop.lab.VariantBuilder;
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
     * Checks the flags and returns the files of an ONNX variant: the published {@code fp32} or
     * {@code int8} (fetching a missing known model unless {@code --no-fetch}), the fp32 model of
     * {@code --model-dir}, or a variant the lab builds from fp32 ({@code int8-pc}, {@code int4},
     * {@code lowrank-R}, {@code pruned-P}), built into {@code $GREENLOOP_HOME/lab/variants} on first
     * use with its stages on {@code err}.
     *
     * @throws UsageException for flags that do not fit together, an unknown model, {@code int8} with
     *     {@code --model-dir}, or {@code static} (no ONNX file: {@link #open} runs it)
     * @throws dev.greenloop.lab.LabException if the model is missing and cannot be fetched, or a transform does not apply
     */
    ModelFiles resolve(LabSetup setup, Variant v, PrintStream err) {
        if (v.kind() == Variant.Kind.STATIC) {
            throw new UsageException("variant static is a token table, not an ONNX model: it has no model files to resolve (lab embed --variant static runs it)");
        }
        ModelFiles published = published(setup, v.kind() == Variant.Kind.INT8 ? v : Variant.FP32, err);
        if (v.kind() == Variant.Kind.FP32 || v.kind() == Variant.Kind.INT8) {
            return published;
        }
        VariantBuilder builder = setup.variants();
        if (!builder.isCached(published, v)) {
            err.printf("greenloop: building %s of %s on first use, once, into %s%n", v, published.label(), builder.directory(published, v));
        }
        StageProgress progress = StageProgress.announced(err, "steps");
        try {
            return builder.build(published, v, progress);
        } finally {
            progress.finish();
        }
    }

    /**
     * The files of the published variant ({@code fp32} or {@code int8}) or of {@code --model-dir}.
     *
     * @throws UsageException for flags that do not fit together, an unknown model, int8 of a directory
     */
    private ModelFiles published(LabSetup setup, Variant v, PrintStream err) {
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
                throw new UsageException("--model-dir has no published int8 model: use --variant int8-pc (built from the directory's model) or --model");
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
        return setup.resolve(model, v, !noFetch, err);
    }

    /**
     * The static student of the model, distilled into {@code $GREENLOOP_HOME/lab/variants} if not
     * there yet (with {@code dimension}, or {@link Distiller#DEFAULT_DIMENSION} when 0 and none is
     * cached), with its progress on {@code err}.
     *
     * @return the student, and whether it was in the cache already
     * @throws UsageException as {@link #resolve} does, or for a dimension out of range
     */
    Distilled distilled(LabSetup setup, int dimension, RunnerSettings settings, PrintStream err) {
        ModelFiles teacher = published(setup, Variant.FP32, err);
        setup.nativeCache();
        VariantBuilder builder = setup.variants();
        Variant v = Variant.parse("static");
        boolean cached = builder.isCached(teacher, v) && (dimension == 0 || builder.distilled(teacher, 0, settings, VariantBuilder.Progress.none()).dimension() == dimension);
        if (dimension == 0 && !cached) {
            err.printf("greenloop: distilling the static variant of %s on first use, once, into %s (greenloop lab distill chooses the dimension)%n",
                    teacher.label(), builder.directory(teacher, v));
        }
        StageProgress progress = StageProgress.announced(err, "tokens");
        try {
            return new Distilled(builder.distilled(teacher, dimension, settings, progress), cached);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dimension: " + e.getMessage());
        } finally {
            progress.finish();
        }
    }

    /**
     * Opens a variant to run, any of them: an ONNX one through {@link #resolve} (building it on
     * first use), {@code static} through {@link #distilled} (distilling it on first use).
     *
     * @throws UsageException as {@link #resolve} does
     * @throws dev.greenloop.lab.LabException if the model is missing and cannot be fetched, or cannot be built or loaded
     */
    TextEncoder open(LabSetup setup, Variant v, RunnerSettings settings, PrintStream err) {
        if (v.kind() == Variant.Kind.STATIC) {
            return StaticEncoder.open(distilled(setup, 0, settings, err).result().dir());
        }
        ModelFiles files = resolve(setup, v, err);
        setup.nativeCache();
        return Embedder.open(files, settings);
    }

    /**
     * A static student ready to run.
     *
     * @param result what the distillation made
     * @param reused whether it was in the cache already
     */
    record Distilled(Distiller.Result result, boolean reused) {
    }
}
