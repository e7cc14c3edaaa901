package dev.greenloop.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Fits the {@code cascade} rule ({@link Cascade}) on calibration texts and writes it into a folder. */
final class CascadeCalibrator {

    /** Texts given to the teacher at a time, between progress reports. */
    private static final int CHUNK = 256;

    private CascadeCalibrator() {
    }

    /**
     * Calibrates into {@code dir} (written in place: {@link VariantBuilder#calibrated} renames it into the cache when whole).
     *
     * @param fingerprints JSON members naming the teacher and student files it is made from, each line ending in a comma
     * @throws IllegalArgumentException if there are fewer than {@link CascadeCalibration#MIN_TEXTS} texts or the budget is not in (0, 1]
     * @throws LabException if a model cannot be run or the fit fails
     */
    static CascadeCalibration calibrate(ModelFiles teacherFiles, Path studentDir, List<String> texts, String source, double budget,
            RunnerSettings settings, Path dir, String fingerprints, VariantBuilder.Progress progress) throws IOException {
        if (texts.size() < CascadeCalibration.MIN_TEXTS) {
            throw new IllegalArgumentException("%d calibration texts: give at least %d texts like the ones the cascade will serve"
                    .formatted(texts.size(), CascadeCalibration.MIN_TEXTS));
        }
        if (!(budget > 0 && budget <= 1)) {
            throw new IllegalArgumentException("teacher budget %s: must be above 0 and at most 1 (a share of fp32's multiply-adds)".formatted(budget));
        }
        long t0 = System.nanoTime();
        int n = texts.size();
        List<float[]> teacherVectors = new ArrayList<>(n);
        List<float[]> studentVectors;
        double[] cost = new double[n];
        int specials;
        int teacherMax;
        Cascade.Vocabulary vocab = Cascade.Vocabulary.of(studentDir.resolve("tokenizer.json"));
        try (StaticEncoder student = StaticEncoder.open(studentDir); Embedder teacher = Embedder.open(teacherFiles, settings)) {
            specials = teacher.tokenCounts(List.of(""))[0];
            teacherMax = teacher.maxTokens();
            String stage = "teacher pass over %d calibration texts".formatted(n);
            progress.update(stage, 0, n);
            for (int from = 0; from < n; from += CHUNK) {
                List<String> chunk = texts.subList(from, Math.min(n, from + CHUNK));
                int base = from;
                teacherVectors.addAll(teacher.embed(chunk, done -> progress.update(stage, base + done, n)).vectors());
            }
            int[] tokens = teacher.tokenCounts(texts);
            for (int i = 0; i < n; i++) {
                cost[i] = teacher.multiplyAdds(Math.max(1, tokens[i]));
            }
            progress.update("student pass and fit", 0, 0);
            studentVectors = student.embed(texts).vectors();
            int d = student.dimension();
            int t = teacher.dimension();
            List<Integer> fit = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                (i % 5 == 4 ? held : fit).add(i);
            }
            double[][] x = new double[fit.size()][d + 1];
            double[][] y = new double[fit.size()][t];
            for (int r = 0; r < fit.size(); r++) {
                float[] s = studentVectors.get(fit.get(r));
                float[] tv = teacherVectors.get(fit.get(r));
                for (int c = 0; c < d; c++) {
                    x[r][c] = s[c];
                }
                x[r][d] = 1;
                for (int c = 0; c < t; c++) {
                    y[r][c] = tv[c];
                }
            }
            double[] w = Cascade.ridge(x, y, Cascade.projectionRidge(x));
            float[] projection = new float[w.length];
            for (int k = 0; k < w.length; k++) {
                projection[k] = (float) w[k];
            }
            int f = Cascade.FEATURES.size();
            Cascade.Rule unfitted = new Cascade.Rule(d, t, projection, new double[f], ones(f), new double[f + 1], 0);
            double[][] features = new double[n][];
            double[] cosine = new double[n];
            for (int i = 0; i < n; i++) {
                float[] mapped = Cascade.project(unfitted, studentVectors.get(i));
                features[i] = Cascade.features(student, texts.get(i), vocab, specials, teacherMax, mapped[t]);
                cosine[i] = Cascade.cosine(mapped, teacherVectors.get(i), t);
            }
            double[] mean = new double[f];
            double[] scale = new double[f];
            for (int k = 0; k < f; k++) {
                double m = 0;
                for (int i : fit) {
                    m += features[i][k];
                }
                m /= fit.size();
                double v = 0;
                for (int i : fit) {
                    v += (features[i][k] - m) * (features[i][k] - m);
                }
                mean[k] = m;
                // A feature constant on the calibration texts (no unknown tokens, say) gets scale 1: it then adds nothing.
                scale[k] = v > 0 ? Math.sqrt(v / fit.size()) : 1;
            }
            double[][] z = new double[fit.size()][f + 1];
            double[][] c = new double[fit.size()][1];
            for (int r = 0; r < fit.size(); r++) {
                int i = fit.get(r);
                z[r][0] = 1;
                for (int k = 0; k < f; k++) {
                    z[r][k + 1] = (features[i][k] - mean[k]) / scale[k];
                }
                c[r][0] = cosine[i];
            }
            double[] beta = Cascade.ridge(z, c, 1e-3 * fit.size());
            Cascade.Rule scored = new Cascade.Rule(d, t, projection, mean, scale, beta, 0);
            double[] confidence = new double[n];
            for (int i = 0; i < n; i++) {
                confidence[i] = Cascade.confidence(scored, features[i]);
            }
            double threshold = Cascade.threshold(pick(confidence, fit), pick(cost, fit), budget);
            Cascade.Rule rule = new Cascade.Rule(d, t, projection, mean, scale, beta, threshold);

            int toTeacher = 0;
            double spent = 0;
            double all = 0;
            double studentCos = 0;
            double cascadeCos = 0;
            for (int i : held) {
                boolean teacherAnswers = confidence[i] < threshold;
                toTeacher += teacherAnswers ? 1 : 0;
                spent += teacherAnswers ? cost[i] : 0;
                all += cost[i];
                studentCos += cosine[i];
                cascadeCos += teacherAnswers ? 1 : cosine[i];
            }
            double r = Cascade.pearson(pick(confidence, held), pick(cosine, held));
            double seconds = (System.nanoTime() - t0) / 1e9;
            CascadeCalibration result = new CascadeCalibration(dir, n, source, budget, threshold, (double) toTeacher / held.size(), spent / all,
                    studentCos / held.size(), cascadeCos / held.size(), r, seconds, false);
            Cascade.write(dir, rule, String.format(Locale.ROOT, """
                      "label": %s,
                    %s  "calibrationTexts": %d,
                      "calibrationSource": %s,
                      "teacherBudget": %s,
                      "heldOutTexts": %d,
                      "heldOutTeacherShare": %.6f,
                      "heldOutTeacherCostShare": %.6f,
                      "heldOutStudentCosine": %.6f,
                      "heldOutCascadeCosine": %.6f,
                      "heldOutConfidenceCorrelation": %.6f,
                      "seconds": %.3f,
                      "rule": "the student answers when beta . [1, (features - featureMean) / featureScale] >= threshold; else the teacher",
                    """, VariantCache.quote(Cascade.modelName(teacherFiles) + " cascade"), fingerprints, n, VariantCache.quote(source), Double.toString(budget), held.size(),
                    result.heldOutTeacherShare(), result.heldOutTeacherCostShare(), result.heldOutStudentCosine(), result.heldOutCascadeCosine(),
                    r, seconds));
            return result;
        }
    }

    /** The calibration a whole cascade folder records. */
    static CascadeCalibration readResult(Path dir) {
        String json = VariantCache.read(dir.resolve(Cascade.METADATA))
                .orElseThrow(() -> new LabException("%s has no %s: not a calibrated cascade".formatted(dir, Cascade.METADATA)));
        return new CascadeCalibration(dir, (int) Cascade.number(json, "calibrationTexts", dir), VariantCache.string(json, "calibrationSource").orElse(""),
                Cascade.number(json, "teacherBudget", dir), Cascade.number(json, "threshold", dir), Cascade.number(json, "heldOutTeacherShare", dir),
                Cascade.number(json, "heldOutTeacherCostShare", dir), Cascade.number(json, "heldOutStudentCosine", dir),
                Cascade.number(json, "heldOutCascadeCosine", dir), Cascade.number(json, "heldOutConfidenceCorrelation", dir),
                Cascade.number(json, "seconds", dir), true);
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        java.util.Arrays.fill(o, 1);
        return o;
    }

    private static double[] pick(double[] values, List<Integer> at) {
        double[] out = new double[at.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = values[at.get(k)];
        }
        return out;
    }
}
