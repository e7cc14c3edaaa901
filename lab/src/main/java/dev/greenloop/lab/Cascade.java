package dev.greenloop.lab;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The {@code cascade} variant's calibration and stored rule: a linear map from the static student's space into the
 * teacher's (fp32) space, and a confidence model that predicts, from what the student sees of a text, how close its
 * mapped vector will be to the teacher's. {@link CascadeEncoder} runs it.
 *
 * <p><b>Calibration</b> (on texts like the ones to be served, never the ones evaluated on): every text is embedded by
 * both. Every fifth text is held out; on the rest
 * <ol>
 *   <li>the <b>projection</b> {@code W} ((D + 1) × T: the student's D components and a constant 1 to the teacher's T) is
 *       the ridge least-squares fit of the teacher's unit vectors from the student's,
 *       {@code W = (XᵀX + λI)⁻¹ XᵀY}, λ = 10⁻³ × trace(XᵀX) / (D + 1);</li>
 *   <li>the <b>confidence</b> of a text is a linear model of its {@link #FEATURES} (standardised), fitted by ridge
 *       least squares (λ = 10⁻³ n) to the cosine between the student's mapped vector and the teacher's;</li>
 *   <li>the <b>threshold</b>: texts sorted by confidence, lowest first, go to the teacher while the teacher's
 *       multiply-adds on them stay within the budget's share of its multiply-adds on all of them; the confidence of the
 *       first text that does not fit is the threshold. A text whose confidence is at or above it is the student's.</li>
 * </ol>
 * The held-out fifth then gives the figures of {@link CascadeCalibration}.
 *
 * <p>Folder: {@code projection.f32} ((D + 1) × T little-endian float32, row by row) and {@code cascade.json} (the
 * rule and the fingerprints of the teacher's {@code model.onnx} and the student's {@code static.json} it was made
 * from; written last, it marks the folder whole).
 */
final class Cascade {

    static final String PROJECTION = "projection.f32";
    static final String METADATA = "cascade.json";
    /** The confidence model's inputs, in order, as {@code cascade.json} names them. */
    static final List<String> FEATURES = List.of("logTokens", "overflowShare", "unknownShare", "pieceShare", "coherence", "projectionNorm");

    /** The stored rule. */
    record Rule(int studentDimension, int teacherDimension, float[] projection, double[] featureMean, double[] featureScale, double[] beta,
            double threshold) {
    }

    /** What the rule reads of a text, besides its student vector. */
    record Vocabulary(int unknownId, boolean[] piece) {

        /** The unknown token and the continuation pieces ({@code ##…}) of a WordPiece {@code tokenizer.json}; none for any other. */
        static Vocabulary of(Path tokenizerJson) {
            try {
                JsonObject model = JsonParser.parseString(Files.readString(tokenizerJson)).getAsJsonObject().getAsJsonObject("model");
                JsonElement vocab = model == null ? null : model.get("vocab");
                if (vocab == null || !vocab.isJsonObject()) {
                    return new Vocabulary(-1, new boolean[0]);
                }
                String prefix = model.has("continuing_subword_prefix") && !model.get("continuing_subword_prefix").isJsonNull()
                        ? model.get("continuing_subword_prefix").getAsString() : "##";
                String unk = model.has("unk_token") && !model.get("unk_token").isJsonNull() ? model.get("unk_token").getAsString() : "[UNK]";
                int max = 0;
                for (Map.Entry<String, JsonElement> e : vocab.getAsJsonObject().entrySet()) {
                    max = Math.max(max, e.getValue().getAsInt());
                }
                boolean[] piece = new boolean[max + 1];
                int unknown = -1;
                for (Map.Entry<String, JsonElement> e : vocab.getAsJsonObject().entrySet()) {
                    int id = e.getValue().getAsInt();
                    piece[id] = !prefix.isEmpty() && e.getKey().startsWith(prefix);
                    if (e.getKey().equals(unk)) {
                        unknown = id;
                    }
                }
                return new Vocabulary(unknown, piece);
            } catch (IOException | RuntimeException e) {
                throw new LabException("cannot read the vocabulary of %s: %s".formatted(tokenizerJson, e.getMessage()), e);
            }
        }
    }

    private Cascade() {
    }

    /** The model's name in a label: fp32's label without its {@code fp32} suffix, as the other variants name it. */
    static String modelName(ModelFiles fp32) {
        String label = fp32.label();
        return label.endsWith(" fp32") ? label.substring(0, label.length() - 5) : label;
    }

    /** The student's mapped vector ({@code T + 1} floats: the unnormalised vector, then its norm) of a unit student vector. */
    static float[] project(Rule rule, float[] student) {
        int d = rule.studentDimension();
        int t = rule.teacherDimension();
        float[] w = rule.projection();
        float[] out = new float[t + 1];
        for (int i = 0; i <= d; i++) {
            float x = i < d ? student[i] : 1f;
            int at = i * t;
            for (int j = 0; j < t; j++) {
                out[j] += x * w[at + j];
            }
        }
        double norm = 0;
        for (int j = 0; j < t; j++) {
            norm += (double) out[j] * out[j];
        }
        out[t] = (float) Math.sqrt(norm);
        return out;
    }

    /**
     * The features of one text.
     *
     * @param ids the student's token ids of the text
     * @param rows the student's stored rows of those ids
     * @param specials tokens the teacher adds around a text
     * @param teacherMaxTokens the most tokens the teacher sees
     * @param projectionNorm the norm of the mapped student vector
     */
    static double[] features(int[] ids, float[][] rows, Vocabulary vocab, int specials, int teacherMaxTokens, double projectionNorm) {
        int n = ids.length;
        int unknown = 0;
        int pieces = 0;
        double normSum = 0;
        double[] sum = new double[rows.length == 0 ? 0 : rows[0].length];
        for (int k = 0; k < n; k++) {
            int id = ids[k];
            unknown += id == vocab.unknownId() ? 1 : 0;
            pieces += id >= 0 && id < vocab.piece().length && vocab.piece()[id] ? 1 : 0;
            double rn = 0;
            for (int c = 0; c < sum.length; c++) {
                sum[c] += rows[k][c];
                rn += (double) rows[k][c] * rows[k][c];
            }
            normSum += Math.sqrt(rn);
        }
        double sumNorm = 0;
        for (double x : sum) {
            sumNorm += x * x;
        }
        int seen = n + specials;
        return new double[] {
            Math.log1p(n),
            seen > teacherMaxTokens ? (double) (seen - teacherMaxTokens) / seen : 0,
            n == 0 ? 0 : (double) unknown / n,
            n == 0 ? 0 : (double) pieces / n,
            normSum == 0 ? 0 : Math.sqrt(sumNorm) / normSum,
            projectionNorm,
        };
    }

    /** The features of one text as the student sees it ({@link #features(int[], float[][], Vocabulary, int, int, double)}). */
    static double[] features(StaticEncoder student, String text, Vocabulary vocab, int specials, int teacherMaxTokens, double projectionNorm) {
        int[] ids = student.ids(text);
        float[][] rows = new float[ids.length][];
        for (int k = 0; k < ids.length; k++) {
            rows[k] = student.row(ids[k]);
        }
        return features(ids, rows, vocab, specials, teacherMaxTokens, projectionNorm);
    }

    /** The predicted cosine of a text's mapped student vector to the teacher's. */
    static double confidence(Rule rule, double[] f) {
        double c = rule.beta()[0];
        for (int k = 0; k < f.length; k++) {
            c += rule.beta()[k + 1] * (f[k] - rule.featureMean()[k]) / rule.featureScale()[k];
        }
        return c;
    }

    /**
     * Ridge least squares {@code (XᵀX + λI)⁻¹ XᵀY}.
     *
     * @param x n rows of p inputs
     * @param y n rows of q outputs
     * @param lambda the ridge
     * @return p × q, row-major
     * @throws LabException if the system is singular
     */
    static double[] ridge(double[][] x, double[][] y, double lambda) {
        int p = x[0].length;
        int q = y[0].length;
        DMatrixRMaj a = new DMatrixRMaj(p, p);
        DMatrixRMaj b = new DMatrixRMaj(p, q);
        for (int r = 0; r < x.length; r++) {
            double[] xr = x[r];
            for (int i = 0; i < p; i++) {
                double xi = xr[i];
                if (xi == 0) {
                    continue;
                }
                for (int j = i; j < p; j++) {
                    a.data[i * p + j] += xi * xr[j];
                }
                for (int j = 0; j < q; j++) {
                    b.data[i * q + j] += xi * y[r][j];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                a.data[i * p + j] = a.data[j * p + i];
            }
            a.data[i * p + i] += lambda;
        }
        DMatrixRMaj w = new DMatrixRMaj(p, q);
        if (!CommonOps_DDRM.solveSPD(a, b, w)) {
            throw new LabException("calibrating the cascade: the %d × %d least-squares system is singular (too few or identical texts?)".formatted(p, p));
        }
        return w.data;
    }

    /** Ridge λ for the projection: 10⁻³ × the mean of the diagonal of XᵀX. */
    static double projectionRidge(double[][] x) {
        double trace = 0;
        for (double[] r : x) {
            for (double v : r) {
                trace += v * v;
            }
        }
        return 1e-3 * trace / x[0].length;
    }

    /**
     * The threshold: the confidence of the first text, lowest confidence first, whose teacher cost does not fit in
     * {@code budget} of the total; {@link Double#MAX_VALUE} when all fit (the teacher answers every text).
     *
     * @throws IllegalArgumentException if the budget is not in (0, 1] or the arrays differ in length
     */
    static double threshold(double[] confidence, double[] cost, double budget) {
        if (!(budget > 0 && budget <= 1)) {
            throw new IllegalArgumentException("teacher budget %s: must be above 0 and at most 1 (a share of fp32's multiply-adds)".formatted(budget));
        }
        if (confidence.length != cost.length) {
            throw new IllegalArgumentException("%d confidences for %d costs".formatted(confidence.length, cost.length));
        }
        Integer[] order = new Integer[confidence.length];
        double total = 0;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            total += cost[i];
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> confidence[i]));
        double spent = 0;
        for (Integer i : order) {
            if (spent + cost[i] > budget * total) {
                return confidence[i];
            }
            spent += cost[i];
        }
        return Double.MAX_VALUE;
    }

    static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    static double cosine(float[] a, float[] b, int length) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < length; j++) {
            d += (double) a[j] * b[j];
            na += (double) a[j] * a[j];
            nb += (double) b[j] * b[j];
        }
        return na == 0 || nb == 0 ? 0 : d / Math.sqrt(na * nb);
    }

    /** Writes the rule into {@code dir}: the projection, then {@code cascade.json} with {@code extra} (JSON members, each line ending in a comma). */
    static void write(Path dir, Rule rule, String extra) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve(PROJECTION))) {
            ByteBuffer buf = ByteBuffer.allocate(rule.teacherDimension() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i <= rule.studentDimension(); i++) {
                buf.clear();
                buf.asFloatBuffer().put(rule.projection(), i * rule.teacherDimension(), rule.teacherDimension());
                out.write(buf.array());
            }
        }
        String json = String.format(Locale.ROOT, """
                {
                  "format": "greenloop-cascade-1",
                %s  "studentDimension": %d,
                  "teacherDimension": %d,
                  "features": "%s",
                  "featureMean": "%s",
                  "featureScale": "%s",
                  "beta": "%s",
                  "threshold": %s,
                  "projectionBytes": %d
                }
                """, extra, rule.studentDimension(), rule.teacherDimension(), String.join(",", FEATURES), join(rule.featureMean()),
                join(rule.featureScale()), join(rule.beta()), Double.toString(rule.threshold()), Files.size(dir.resolve(PROJECTION)));
        Files.writeString(dir.resolve(METADATA), json);
    }

    /**
     * Reads a whole cascade folder's rule.
     *
     * @throws LabException if it is not whole
     */
    static Rule read(Path dir) {
        String json = VariantCache.read(dir.resolve(METADATA))
                .orElseThrow(() -> new LabException("%s has no %s: not a calibrated cascade".formatted(dir, METADATA)));
        int d = (int) number(json, "studentDimension", dir);
        int t = (int) number(json, "teacherDimension", dir);
        Path file = dir.resolve(PROJECTION);
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != (long) (d + 1) * t * Float.BYTES) {
                throw new LabException("%s has %d bytes, expected (%d + 1) × %d float32: calibrate again (greenloop lab calibrate)".formatted(file, bytes.length, d, t));
            }
            float[] w = new float[(d + 1) * t];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(w);
            return new Rule(d, t, w, doubles(json, "featureMean", dir), doubles(json, "featureScale", dir), doubles(json, "beta", dir),
                    number(json, "threshold", dir));
        } catch (IOException e) {
            throw new LabException("cannot read the cascade's projection %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    private static String join(double[] v) {
        List<String> s = new ArrayList<>();
        for (double x : v) {
            s.add(Double.toString(x));
        }
        return String.join(",", s);
    }

    private static double[] doubles(String json, String key, Path dir) {
        String s = VariantCache.string(json, key).orElseThrow(() -> new LabException("%s/%s has no %s".formatted(dir, METADATA, key)));
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    static double number(String json, String key, Path dir) {
        return VariantCache.number(json, key).orElseThrow(() -> new LabException("%s/%s has no %s".formatted(dir, METADATA, key)));
    }
}
