package dev.greenloop.lab;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The lab's front door: opens a model variant to run (fetching the model, building or distilling the
 * variant on first use), and profiles variants at settings into a {@link LabResult}. Everything behind
 * it (where files live, fetching through Maven, the variant cache, the profiling loop) is
 * package-private. Safe for one caller at a time; the variant cache itself is safe across processes.
 *
 * <pre>{@code
 * Lab lab = Lab.at(new LabConfig(home, Optional.empty(), Optional.of("mvn"), true));
 * try (TextEncoder e = lab.open(ModelChoice.known("all-minilm-l6-v2"), Variant.parse("int8-pc"), RunnerSettings.tuned(), LabListener.silent())) {
 *     float[] v = e.embed(List.of("hello"), done -> { }).vectors().getFirst();
 * }
 * }</pre>
 */
public final class Lab {

    private static final String TFIDF_ONLY_PROFILED =
            "variant tfidf is a baseline fitted on the texts it is profiled on, not a model: only lab profile (and sweep) runs it, e.g. --variants static,tfidf";

    private final LabConfig config;
    private final ModelFetcher fetcher;
    private final VariantBuilder variants;

    private Lab(LabConfig config) {
        this.config = config;
        this.fetcher = new ModelFetcher(config);
        this.variants = new VariantBuilder(config.labDirectory().resolve("variants"));
    }

    /**
     * A lab over the files of {@code config}; nothing is read or created until it is used.
     *
     * @throws NullPointerException if {@code config} is null
     */
    public static Lab at(LabConfig config) {
        return new Lab(Objects.requireNonNull(config, "config"));
    }

    /** Its configuration. */
    public LabConfig config() {
        return config;
    }

    /** The known models' files in the local Maven repository, and where they are unpacked. */
    public ModelRepository repository() {
        return fetcher.repository();
    }

    /** The cache of built variants, {@code HOME/lab/variants}. */
    public VariantBuilder variants() {
        return variants;
    }

    /** The command that fetches {@code artifact} into the repository this lab reads, with the configured Maven program (else {@code mvn}). */
    public List<String> fetchCommand(ModelCatalog.Artifact artifact) {
        return fetcher.fetchCommand(artifact, config.maven().orElse("mvn"));
    }

    /**
     * The files of an ONNX variant: the published {@code fp32} or {@code int8} (a missing known model
     * fetched when the configuration allows), the fp32 model of a directory, or a variant the lab
     * builds from fp32, built into the cache on first use (told to {@code listener}).
     *
     * @throws UnsupportedVariantException for {@code static} (a token table: see {@link #distilled}), {@code cascade} (see
     *     {@link #calibrate}), {@code tfidf} (no model) or {@code int8} of a directory
     * @throws LabException for an unknown model, a model missing and not fetched (naming the command that fetches it),
     *     a bad model directory, or a transform that does not apply to the model
     */
    public ModelFiles files(ModelChoice model, Variant variant, LabListener listener) {
        if (variant.kind() == Variant.Kind.TFIDF) {
            throw new UnsupportedVariantException(TFIDF_ONLY_PROFILED);
        }
        if (variant.kind() == Variant.Kind.STATIC || variant.kind() == Variant.Kind.CASCADE) {
            throw new UnsupportedVariantException(variant.kind() == Variant.Kind.STATIC
                    ? "variant static is a token table, not an ONNX model: it has no model files to resolve (lab embed --variant static runs it)"
                    : "variant cascade routes between static and fp32, not one ONNX model: it has no model files to resolve (lab embed --variant cascade runs it)");
        }
        ModelFiles published = published(model, variant.kind() == Variant.Kind.INT8 ? variant : Variant.FP32, listener);
        if (variant.kind() == Variant.Kind.FP32 || variant.kind() == Variant.Kind.INT8) {
            return published;
        }
        if (!variants.isCached(published, variant)) {
            listener.note("building %s of %s on first use, once, into %s".formatted(variant, published.label(), variants.directory(published, variant)));
        }
        try (LabListener.Stages stages = listener.stages(null, "steps")) {
            return variants.build(published, variant, stages);
        }
    }

    /**
     * A static student ready to run.
     *
     * @param result what the distillation made
     * @param reused whether it was in the cache already
     */
    public record Distilled(Distiller.Result result, boolean reused) {
    }

    /**
     * The static student of the model, distilled into the cache if not there yet, with {@code dimension}
     * (or, when 0, the cached one or else {@link Distiller#DEFAULT_DIMENSION}); its progress told to {@code listener}.
     *
     * @throws IllegalArgumentException if {@code dimension} is negative or above the teacher's
     * @throws LabException as {@link #files} does, or if the teacher cannot be run or the cache written
     */
    public Distilled distilled(ModelChoice model, int dimension, RunnerSettings settings, LabListener listener) {
        return distilled(model, dimension, null, settings, listener);
    }

    /**
     * The static student of the model trained on {@code corpus} ({@link VariantBuilder#distilled(ModelFiles, int, StudentCorpus,
     * RunnerSettings, VariantBuilder.Progress)}): reused when the cached one has that corpus and dimension, else distilled, trained
     * and cached in place of it. Its curve is in {@link TrainingCurve#read} of the result's folder.
     *
     * @param corpus the corpus, {@link StudentCorpus#none()} for the per-token student, or null for whatever is cached
     * @throws IllegalArgumentException if {@code dimension} is negative or above the teacher's
     * @throws LabException as {@link #files} does, or if the teacher cannot be run or the cache written
     */
    public Distilled distilled(ModelChoice model, int dimension, StudentCorpus corpus, RunnerSettings settings, LabListener listener) {
        ModelFiles teacher = published(model, Variant.FP32, listener);
        nativeCache();
        Variant v = new Variant(Variant.Kind.STATIC, 0);
        boolean cached = variants.isCached(teacher, v)
                && (dimension == 0 || variants.distilled(teacher, 0, settings, VariantBuilder.Progress.none()).dimension() == dimension)
                && (corpus == null || Distiller.trainedOn(variants.directory(teacher, v), corpus));
        if (dimension == 0 && !cached) {
            listener.note("distilling the static variant of %s on first use, once, into %s (greenloop lab distill chooses the dimension)"
                    .formatted(teacher.label(), variants.directory(teacher, v)));
        }
        // With a corpus the counted stages are tokens (the vocabulary pass), then texts (the corpus pass and the epochs).
        try (LabListener.Stages stages = listener.stages(null, corpus == null || corpus.isNone() ? "tokens" : "tokens or texts")) {
            return new Distilled(variants.distilled(teacher, dimension, corpus, settings, stages), cached);
        }
    }

    /**
     * Calibrates the {@code cascade} variant of the model on {@code texts} (distilling its static student first if it
     * is not in the cache), replacing any calibration there. The texts should be like the ones it will serve and must
     * not be the ones it is evaluated on.
     *
     * @param texts at least {@link CascadeCalibration#MIN_TEXTS} texts
     * @param source where the texts came from (a file name), recorded in the calibration
     * @param teacherBudget the share of fp32's multiply-adds the cascade may spend, in (0, 1]; {@link CascadeCalibration#DEFAULT_TEACHER_BUDGET} by default
     * @throws IllegalArgumentException for too few texts or a budget out of range
     * @throws LabException as {@link #distilled} does, or if the cache cannot be written
     */
    public CascadeCalibration calibrate(ModelChoice model, List<String> texts, String source, double teacherBudget, RunnerSettings settings,
            LabListener listener) {
        ModelFiles teacher = published(model, Variant.FP32, listener);
        distilled(model, 0, settings, listener);
        try (LabListener.Stages stages = listener.stages(null, "texts")) {
            return variants.calibrated(teacher, texts, source, teacherBudget, settings, stages);
        }
    }

    /**
     * Opens any variant to run: an ONNX one through {@link #files} (building it on first use) on ONNX
     * Runtime, {@code static} through {@link #distilled} (distilling it on first use), {@code cascade} from its
     * calibration ({@link #calibrate}, which it needs first). The caller closes it.
     *
     * @throws UnsupportedVariantException for {@code int8} of a directory, or {@code tfidf} (fitted on profiled texts only)
     * @throws LabException as {@link #files} does, if the model cannot be loaded, or for a {@code cascade} not
     *     calibrated (or calibrated with another fp32 file or student), naming the command that calibrates it
     */
    public TextEncoder open(ModelChoice model, Variant variant, RunnerSettings settings, LabListener listener) {
        if (variant.kind() == Variant.Kind.TFIDF) {
            throw new UnsupportedVariantException(TFIDF_ONLY_PROFILED);
        }
        if (variant.kind() == Variant.Kind.STATIC) {
            return StaticEncoder.open(distilled(model, 0, settings, listener).result().dir());
        }
        if (variant.kind() == Variant.Kind.CASCADE) {
            ModelFiles teacher = published(model, Variant.FP32, listener);
            if (!variants.isCalibrated(teacher)) {
                throw new LabException(("variant cascade of %s is not calibrated, or its fp32 model or static student changed since: "
                        + "greenloop lab calibrate %s --input TEXTS (texts like the ones it will serve, not the ones you evaluate on)")
                        .formatted(model.label(), model.isDirectory() ? "--model-dir " + model.directory() : "--model " + model.name()));
            }
            nativeCache();
            return CascadeEncoder.open(variants.directory(teacher, variant), variants.directory(teacher, new Variant(Variant.Kind.STATIC, 0)),
                    teacher, settings);
        }
        ModelFiles files = files(model, variant, listener);
        nativeCache();
        return Embedder.open(files, settings);
    }

    /**
     * Profiles every variant of the plan at every setting on its texts, fp32 at the first setting the
     * reference, and labels each row's energy relative to it. One summary line per profile, and a
     * note when the texts are too few for 10 neighbours (or 5 for kNN), go to {@code listener}; each
     * profile's stages too, labelled {@code TITLE VARIANT SETTINGS}.
     *
     * @param title what to call the run in notes, such as {@code lab profile}
     * @throws UnsupportedVariantException for {@code int8} of a directory
     * @throws LabException when a model cannot be opened, or the meter attributed no energy to the reference
     */
    public LabResult profile(ProfilePlan plan, String title, LabListener listener) {
        return ProfileLoop.run(this, plan, title, listener);
    }

    private ModelFiles published(ModelChoice model, Variant variant, LabListener listener) {
        if (model.isDirectory()) {
            if (variant.kind() != Variant.Kind.FP32) {
                throw new UnsupportedVariantException("--model-dir has no published int8 model: use --variant int8-pc (built from the directory's model) or --model");
            }
            return ModelRepository.fromDirectory(model.directory(), model.pooling(), model.maxPositions());
        }
        return fetcher.resolve(model.name(), variant, listener);
    }

    /** Keeps DJL's extracted native library in Greenloop's home rather than {@code ~/.djl.ai}, unless the user chose a place. */
    private void nativeCache() {
        if (System.getenv("ENGINE_CACHE_DIR") == null && System.getProperty("ENGINE_CACHE_DIR") == null
                && System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            System.setProperty("ENGINE_CACHE_DIR", nativeDirectory().toString());
        }
    }

    private Path nativeDirectory() {
        return config.labDirectory().resolve("native");
    }
}
