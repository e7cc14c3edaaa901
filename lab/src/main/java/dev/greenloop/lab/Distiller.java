package dev.greenloop.lab;

import dev.greenloop.onnx.Graphs;
import dev.greenloop.onnx.OnnxFormatException;
import dev.greenloop.onnx.OnnxModels;
import dev.greenloop.onnx.proto.GraphProto;
import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.TensorProto;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Distils a static-embedding student from an encoder, after Model2Vec (MinishLab,
 * https://github.com/MinishLab/model2vec): no training data, one teacher pass per vocabulary token.
 *
 * <ol>
 *   <li>Every id {@code t} of the vocabulary (the rows of the encoder's word-embedding table) is
 *       fed to the teacher as the sequence {@code [CLS] t [SEP]} (the special tokens the tokenizer
 *       puts around a text), and the teacher's sentence vector taken as it outputs it: pooled as
 *       the model pools, L2-normalised.</li>
 *   <li>PCA to {@code dimension}: the rows are centred and projected on the top eigenvectors of
 *       their covariance (EJML's symmetric eigendecomposition), each eigenvector's sign chosen so
 *       that its largest component is positive (the same matrix on every run).</li>
 *   <li>Zipf/SIF weighting by vocabulary rank, as Model2Vec does: row {@code i} (0-based) is
 *       multiplied by {@code a / (a + p_i)}, {@code p_i = (1 / (i + 2)) / Σ_j 1 / (j + 2)},
 *       {@code a = 1e-4}: frequent (low-id) tokens weigh less.</li>
 * </ol>
 *
 * <p>Output folder: {@code matrix.f32} (tokens × dimension little-endian float32, row per token
 * id), {@code tokenizer.json} (the teacher's, copied) and {@code static.json} (what was done,
 * written last: it marks the folder whole). {@link StaticEncoder} runs it.
 */
public final class Distiller {

    /** The student's dimension unless asked otherwise (Model2Vec's default). */
    public static final int DEFAULT_DIMENSION = 256;
    /** Model2Vec's default SIF coefficient {@code a}. */
    public static final double SIF_COEFFICIENT = 1e-4;
    static final String MATRIX = "matrix.f32";
    static final String METADATA = "static.json";
    /** Token sequences given to the teacher at a time, between progress reports. */
    private static final int CHUNK = 2048;

    private Distiller() {
    }

    /**
     * A distilled student.
     *
     * @param dir its folder
     * @param tokens rows: the teacher's vocabulary
     * @param dimension columns
     * @param teacherDimension the teacher's dimension
     * @param explainedVariance the share of the teacher's token vectors' variance the kept components hold, in [0, 1]
     * @param seconds how long the distillation took
     * @param matrixBytes the size of {@code matrix.f32}
     */
    public record Result(Path dir, int tokens, int dimension, int teacherDimension, double explainedVariance, double seconds, long matrixBytes) {
    }

    /**
     * Distils into {@code dir} (written in place: {@link VariantBuilder#distilled} renames it into the cache when whole),
     * then, given a corpus, trains the rows on it ({@link TokenLearner}). Every stage is metered and the curve is
     * written as {@link TrainingCurve#FILE}.
     *
     * @throws IllegalArgumentException if {@code dimension} is below 1 or above the teacher's
     * @throws LabException if the teacher cannot be opened, run, or its vocabulary found
     */
    static void distill(ModelFiles teacher, RunnerSettings settings, int dimension, StudentCorpus corpus, VariantBuilder.Fingerprint source,
            Path dir, VariantBuilder.Progress progress) throws IOException {
        long t0 = System.nanoTime();
        int vocabulary = vocabularySize(teacher);
        float[][] vectors = new float[vocabulary][];
        long[] specials;
        int teacherDimension;
        List<TrainingCurve.Point> points = new ArrayList<>();
        try (TrainingMeter meter = new TrainingMeter(); Embedder e = Embedder.open(teacher, settings)) {
            meter.begin();
            teacherDimension = e.dimension();
            if (dimension < 1 || dimension > teacherDimension) {
                throw new IllegalArgumentException("dimension %d is not within 1 to the teacher's %d".formatted(dimension, teacherDimension));
            }
            specials = e.specialIds();
            String stage = "teacher pass over the vocabulary of " + teacher.label();
            progress.update(stage, 0, vocabulary);
            for (int from = 0; from < vocabulary; from += CHUNK) {
                int n = Math.min(CHUNK, vocabulary - from);
                long[][] ids = new long[n][];
                for (int i = 0; i < n; i++) {
                    ids[i] = sequence(specials, from + i);
                }
                int base = from;
                float[][] out = e.embedIds(ids, done -> progress.update(stage, base + done, vocabulary));
                System.arraycopy(out, 0, vectors, from, n);
            }
            double vocabularyFlops = 2.0 * vocabulary * e.multiplyAdds(specials.length + 1);
            progress.update("PCA %d -> %d and Zipf weighting".formatted(teacherDimension, dimension), 0, 0);
            Pca pca = Pca.fit(vectors, dimension);
            float[][] rows = pca.project(vectors);
            vectors = null;
            double[] w = sifWeights(vocabulary, SIF_COEFFICIENT);
            for (int i = 0; i < vocabulary; i++) {
                for (int d = 0; d < dimension; d++) {
                    rows[i][d] *= (float) w[i];
                }
            }
            points.add(meter.end(0, "teacher over the vocabulary, PCA, Zipf weights", vocabularyFlops + pca.flops(vocabulary), Double.NaN));
            int keptEpoch = 0;
            String stopReason = "no corpus: the per-token student";
            int trainTexts = 0;
            int heldOutTexts = 0;
            writeStudent(teacher, dimension, teacherDimension, pca.explained(), specials, source, corpus, 0, rows, dir, t0);
            if (!corpus.isNone()) {
                meter.begin();
                List<String> texts = corpus.texts();
                String targets = "teacher pass over the corpus " + corpus.name();
                progress.update(targets, 0, texts.size());
                List<float[]> teacherVectors = e.embed(texts, done -> progress.update(targets, done, texts.size())).vectors();
                double corpusFlops = 0;
                for (int tokens : e.tokenCounts(texts)) {
                    corpusFlops += 2.0 * e.multiplyAdds(tokens);
                }
                int[][] ids = new int[texts.size()][];
                try (StaticEncoder student = StaticEncoder.open(dir)) {
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = student.ids(texts.get(i));
                    }
                }
                float[][] y = new float[texts.size()][];
                for (int i = 0; i < y.length; i++) {
                    y[i] = Embedder.normalise(pca.project(teacherVectors.get(i)));
                }
                corpusFlops += pca.flops(y.length);
                // A seeded split: the held-out texts measure quality and decide when to stop; they are never fitted.
                int[] order = shuffled(texts.size());
                heldOutTexts = Math.min(HELD_OUT_MAX, Math.max(1, texts.size() / 10));
                trainTexts = texts.size() - heldOutTexts;
                int[][] heldIds = new int[heldOutTexts][];
                float[][] heldY = new float[heldOutTexts][];
                int[][] trainIds = new int[trainTexts][];
                float[][] trainY = new float[trainTexts][];
                for (int i = 0; i < order.length; i++) {
                    if (i < heldOutTexts) {
                        heldIds[i] = ids[order[i]];
                        heldY[i] = y[order[i]];
                    } else {
                        trainIds[i - heldOutTexts] = ids[order[i]];
                        trainY[i - heldOutTexts] = y[order[i]];
                    }
                }
                TokenLearner learner = new TokenLearner(rows, TokenLearner.LEARNING_RATE);
                double start = learner.quality(heldIds, heldY);
                TrainingCurve.Point before = meter.end(0, "teacher over the corpus (targets), student before training", corpusFlops
                        + learner.evaluationFlops(heldIds), start);
                points.add(before);
                TokenLearner.Outcome outcome = learner.fit(trainIds, trainY, heldIds, heldY, start, before.joules(), meter, progress);
                points.addAll(outcome.epochs());
                keptEpoch = outcome.keptEpoch();
                stopReason = outcome.stopReason();
                progress.update("writing the trained static variant", 0, 0);
                Files.delete(dir.resolve(METADATA));
                writeStudent(teacher, dimension, teacherDimension, pca.explained(), specials, source, corpus, keptEpoch, rows, dir, t0);
            }
            TrainingCurve curve = new TrainingCurve(corpus.isNone() ? StudentCorpus.NONE : corpus.name(), trainTexts, heldOutTexts, points,
                    keptEpoch, stopReason, meter.provenance());
            // The curve goes in before static.json is rewritten last, so a whole folder always has it.
            String meta = Files.readString(dir.resolve(METADATA));
            Files.delete(dir.resolve(METADATA));
            curve.write(dir);
            Files.writeString(dir.resolve(METADATA), meta);
        }
    }

    /** Held-out corpus texts at most: a tenth of the corpus up to this. */
    static final int HELD_OUT_MAX = 1000;

    private static int[] shuffled(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        TokenLearner.shuffle(order, new Random(1));
        return order;
    }

    /** Writes the matrix, the tokenizer (once) and {@code static.json} (last). */
    private static void writeStudent(ModelFiles teacher, int dimension, int teacherDimension, double explained, long[] specials,
            VariantBuilder.Fingerprint source, StudentCorpus corpus, int keptEpoch, float[][] rows, Path dir, long t0) throws IOException {
        int vocabulary = rows.length;
        Path matrix = dir.resolve(MATRIX);
        try (OutputStream out = Files.newOutputStream(matrix)) {
            ByteBuffer buf = ByteBuffer.allocate(dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] row : rows) {
                buf.clear();
                buf.asFloatBuffer().put(row);
                out.write(buf.array());
            }
        }
        if (!Files.exists(dir.resolve("tokenizer.json"))) {
            Files.copy(teacher.tokenizer(), dir.resolve("tokenizer.json"));
        }
        String model = teacher.label().endsWith(" fp32") ? teacher.label().substring(0, teacher.label().length() - 5) : teacher.label();
        StringBuilder empty = new StringBuilder();
        for (long id : specials) {
            empty.append(empty.isEmpty() ? "" : ",").append(id);
        }
        String method = corpus.isNone()
                ? "Model2Vec (MinishLab): teacher vector of [CLS] t [SEP] per token, PCA, Zipf/SIF weights a/(a+p_i)"
                : "Model2Vec (MinishLab) per-token distillation, then tokenlearn-style training on the corpus: rows fitted so that the "
                        + "normalised sum matches the teacher's PCA-projected vector (cosine loss, Adam), best held-out epoch kept";
        String json = String.format(Locale.ROOT, """
                {
                  "format": "greenloop-static-1",
                  "label": %s,
                  "teacher": %s,
                  "sourceBytes": %d,
                  "sourceModifiedMillis": %d,
                  "tokens": %d,
                  "dimension": %d,
                  "teacherDimension": %d,
                  "teacherPooling": %s,
                  "sifCoefficient": %s,
                  "explainedVariance": %.6f,
                  "specialIds": "%s",
                  "emptyText": "the normalised mean of the specialIds rows",
                  "corpus": %s,
                  "corpusBytes": %d,
                  "corpusModifiedMillis": %d,
                  "keptEpoch": %d,
                  "matrixBytes": %d,
                  "seconds": %.3f,
                  "method": %s
                }
                """, VariantCache.quote(model + " static"), VariantCache.quote(teacher.source()), source.bytes(), source.modifiedMillis(),
                vocabulary, dimension, teacherDimension, VariantCache.quote(teacher.pooling().label()), Double.toString(SIF_COEFFICIENT),
                explained, empty, VariantCache.quote(corpus.name()), corpus.bytes(), corpus.modifiedMillis(), keptEpoch, Files.size(matrix),
                (System.nanoTime() - t0) / 1e9, VariantCache.quote(method));
        Files.writeString(dir.resolve(METADATA), json);
    }

    /** The teacher's input for one vocabulary id: the id between the first special token and the rest. */
    private static long[] sequence(long[] specials, long id) {
        if (specials.length == 0) {
            return new long[] {id};
        }
        long[] s = new long[specials.length + 1];
        s[0] = specials[0];
        s[1] = id;
        System.arraycopy(specials, 1, s, 2, specials.length - 1);
        return s;
    }

    /** The rows of the word-embedding table: the first dimension of the initializer a Gather on {@code input_ids} reads. */
    static int vocabularySize(ModelFiles teacher) {
        try {
            GraphProto graph = OnnxModels.read(teacher.onnx()).getGraph();
            var inits = Graphs.initializers(graph);
            for (NodeProto node : graph.getNodeList()) {
                if (node.getOpType().equals("Gather") && node.getInputCount() == 2 && node.getInput(1).equals("input_ids")) {
                    TensorProto table = inits.get(node.getInput(0));
                    if (table != null && table.getDimsCount() == 2) {
                        return Math.toIntExact(table.getDims(0));
                    }
                }
            }
            throw new LabException("%s: no word-embedding table found (a Gather of input_ids from a 2-D initializer), so no vocabulary to distil"
                    .formatted(teacher.onnx()));
        } catch (OnnxFormatException | UncheckedIOException e) {
            throw new LabException("cannot read the teacher %s: %s".formatted(teacher.onnx(), e.getMessage()), e);
        }
    }

    /** Model2Vec's weights by rank: {@code a / (a + p_i)}, {@code p_i = (1/(i+2)) / Σ_j 1/(j+2)}. */
    static double[] sifWeights(int n, double a) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / (i + 2);
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double p = (1.0 / (i + 2)) / sum;
            w[i] = a / (a + p);
        }
        return w;
    }

    /**
     * Centres the rows and projects them on the {@code k} leading eigenvectors of their covariance.
     *
     * @param explained receives, at index 0, the share of the total variance the {@code k} components hold
     */
    static float[][] pca(float[][] x, int k, double[] explained) {
        Pca p = Pca.fit(x, k);
        explained[0] = p.explained();
        return p.project(x);
    }

    /**
     * A fitted PCA: the rows' mean and the {@code k} leading eigenvectors of their covariance (each
     * eigenvector's sign chosen so that its largest component is positive).
     *
     * @param mean the mean row
     * @param basis k unit vectors, largest eigenvalue first
     * @param explained the share of the total variance they hold
     */
    record Pca(double[] mean, double[][] basis, double explained) {

        static Pca fit(float[][] x, int k) {
            int n = x.length;
            int m = x[0].length;
            double[] mean = new double[m];
            for (float[] row : x) {
                for (int j = 0; j < m; j++) {
                    mean[j] += row[j];
                }
            }
            for (int j = 0; j < m; j++) {
                mean[j] /= n;
            }
            double[] cov = new double[m * m];
            double[] c = new double[m];
            for (float[] row : x) {
                for (int j = 0; j < m; j++) {
                    c[j] = row[j] - mean[j];
                }
                for (int j = 0; j < m; j++) {
                    double cj = c[j];
                    int at = j * m;
                    for (int l = j; l < m; l++) {
                        cov[at + l] += cj * c[l];
                    }
                }
            }
            for (int j = 0; j < m; j++) {
                for (int l = j; l < m; l++) {
                    cov[j * m + l] /= Math.max(1, n - 1);
                    cov[l * m + j] = cov[j * m + l];
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
            if (!eig.decompose(DMatrixRMaj.wrap(m, m, cov))) {
                throw new LabException("PCA failed: the eigendecomposition of the %dx%d covariance did not converge".formatted(m, m));
            }
            Integer[] order = new Integer[m];
            double total = 0;
            for (int j = 0; j < m; j++) {
                order[j] = j;
                total += eig.getEigenvalue(j).getReal();
            }
            Arrays.sort(order, (p, q) -> Double.compare(eig.getEigenvalue(q).getReal(), eig.getEigenvalue(p).getReal()));
            double[][] basis = new double[k][];
            double kept = 0;
            for (int r = 0; r < k; r++) {
                DMatrixRMaj v = eig.getEigenVector(order[r]);
                kept += eig.getEigenvalue(order[r]).getReal();
                double[] b = new double[m];
                int largest = 0;
                for (int j = 0; j < m; j++) {
                    b[j] = v.get(j, 0);
                    if (Math.abs(b[j]) > Math.abs(b[largest])) {
                        largest = j;
                    }
                }
                if (b[largest] < 0) {
                    for (int j = 0; j < m; j++) {
                        b[j] = -b[j];
                    }
                }
                basis[r] = b;
            }
            return new Pca(mean, basis, total > 0 ? kept / total : 0);
        }

        /** One vector centred and projected. */
        float[] project(float[] row) {
            int m = mean.length;
            float[] out = new float[basis.length];
            for (int r = 0; r < basis.length; r++) {
                double[] b = basis[r];
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += (row[j] - mean[j]) * b[j];
                }
                out[r] = (float) s;
            }
            return out;
        }

        float[][] project(float[][] x) {
            float[][] out = new float[x.length][];
            for (int i = 0; i < x.length; i++) {
                out[i] = project(x[i]);
            }
            return out;
        }

        /** FLOPs of fitting on (or projecting) {@code n} rows: covariance m(m+1)/2 and projection m·k multiply-adds per row, × 2; the m×m eigendecomposition is not counted. */
        double flops(int n) {
            int m = mean.length;
            return 2.0 * n * ((double) m * (m + 1) / 2 + (double) m * basis.length);
        }
    }

    /** Whether {@code dir} holds a whole student of the file {@code source} identifies, of {@code dimension} (0: any). */
    static boolean isWhole(Path dir, VariantBuilder.Fingerprint source, int dimension) {
        Optional<String> meta = VariantCache.read(dir.resolve(METADATA));
        if (meta.isEmpty()) {
            return false;
        }
        String json = meta.get();
        double tokens = VariantCache.number(json, "tokens").orElse(-1.0);
        double dim = VariantCache.number(json, "dimension").orElse(-1.0);
        try {
            return VariantCache.number(json, "sourceBytes").orElse(-1.0) == source.bytes()
                    && VariantCache.number(json, "sourceModifiedMillis").orElse(-1.0) == source.modifiedMillis()
                    && (dimension == 0 || dim == dimension)
                    && Files.isRegularFile(dir.resolve("tokenizer.json")) && Files.isRegularFile(dir.resolve(MATRIX))
                    && Files.size(dir.resolve(MATRIX)) == (long) (tokens * dim * Float.BYTES);
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the student in {@code dir} was trained on {@code corpus} (the same name, size and modification time); a student without a recorded corpus is the per-token one. */
    static boolean trainedOn(Path dir, StudentCorpus corpus) {
        Optional<String> meta = VariantCache.read(dir.resolve(METADATA));
        if (meta.isEmpty()) {
            return false;
        }
        String json = meta.get();
        String name = VariantCache.string(json, "corpus").orElse(StudentCorpus.NONE);
        if (corpus.isNone()) {
            return name.equals(StudentCorpus.NONE);
        }
        return name.equals(corpus.name()) && VariantCache.number(json, "corpusBytes").orElse(-1.0) == corpus.bytes()
                && VariantCache.number(json, "corpusModifiedMillis").orElse(-1.0) == corpus.modifiedMillis();
    }

    /** The result a whole student's metadata records. */
    static Result readResult(Path dir) {
        String json = VariantCache.read(dir.resolve(METADATA))
                .orElseThrow(() -> new LabException("%s has no %s: not a static variant".formatted(dir, METADATA)));
        return new Result(dir, (int) num(json, "tokens", dir), (int) num(json, "dimension", dir), (int) num(json, "teacherDimension", dir),
                num(json, "explainedVariance", dir), num(json, "seconds", dir), (long) num(json, "matrixBytes", dir));
    }

    private static double num(String json, String key, Path dir) {
        return VariantCache.number(json, key).orElseThrow(() -> new LabException("%s/%s has no %s".formatted(dir, METADATA, key)));
    }
}
