package dev.greenloop.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The {@code cascade} variant: a router between two models. For every text the static student computes its vector and
 * the features of {@link Cascade}; when the confidence is at or above the calibrated threshold the student's vector,
 * mapped into the teacher's space, is the answer, otherwise the teacher (fp32) embeds the text. Both answers are unit
 * vectors of the teacher's dimension, in the teacher's space.
 *
 * <p>Counts the texts each path answered ({@link #studentAnswered}, {@link #teacherAnswered}); the counts survive
 * {@link #close}. One instance is used by one thread at a time.
 */
final class CascadeEncoder implements TextEncoder {

    private final String label;
    private final StaticEncoder student;
    private final Embedder teacher;
    private final Cascade.Rule rule;
    private final Cascade.Vocabulary vocabulary;
    private final int specials;
    private final double expectedTeacherCostShare;
    private long studentAnswered;
    private long teacherAnswered;

    private CascadeEncoder(String label, StaticEncoder student, Embedder teacher, Cascade.Rule rule, Cascade.Vocabulary vocabulary,
            double expectedTeacherCostShare) {
        this.label = label;
        this.student = student;
        this.teacher = teacher;
        this.rule = rule;
        this.vocabulary = vocabulary;
        // The tokens fp32 gives the empty text are the special ones it puts around every text.
        this.specials = teacher.tokenCounts(List.of(""))[0];
        this.expectedTeacherCostShare = expectedTeacherCostShare;
    }

    /**
     * Opens a calibrated cascade.
     *
     * @param dir the cascade's folder ({@link Cascade})
     * @param studentDir the static student's folder it was calibrated with
     * @param teacherFiles the fp32 model's files
     * @throws LabException if a part cannot be opened, or the rule does not fit the two models
     */
    static CascadeEncoder open(Path dir, Path studentDir, ModelFiles teacherFiles, RunnerSettings settings) {
        Cascade.Rule rule = Cascade.read(dir);
        String json = VariantCache.read(dir.resolve(Cascade.METADATA)).orElseThrow();
        double share = VariantCache.number(json, "heldOutTeacherCostShare").orElse(1.0);
        StaticEncoder student = StaticEncoder.open(studentDir);
        Embedder teacher = null;
        try {
            teacher = Embedder.open(teacherFiles, settings);
            if (student.dimension() != rule.studentDimension() || teacher.dimension() != rule.teacherDimension()) {
                throw new LabException("the cascade in %s maps %d to %d dimensions, but the student has %d and the teacher %d: calibrate again (greenloop lab calibrate)"
                        .formatted(dir, rule.studentDimension(), rule.teacherDimension(), student.dimension(), teacher.dimension()));
            }
            return new CascadeEncoder(Cascade.modelName(teacherFiles) + " cascade", student, teacher, rule, Cascade.Vocabulary.of(studentDir.resolve("tokenizer.json")), share);
        } catch (RuntimeException e) {
            student.close();
            if (teacher != null) {
                teacher.close();
            }
            throw e;
        }
    }

    @Override
    public String label() {
        return label;
    }

    /** The teacher's: a student answer is mapped into the teacher's space. */
    @Override
    public int dimension() {
        return rule.teacherDimension();
    }

    /** The teacher's limit: a text the teacher answers is cut there (the student reads every token to decide). */
    @Override
    public int maxTokens() {
        return teacher.maxTokens();
    }

    /** The teacher's {@code model.onnx}, the largest of its three files (the student's matrix and the projection come on top). */
    @Override
    public Path modelFile() {
        return teacher.modelFile();
    }

    /** The tokens the teacher sees of each text (its cost when it answers). */
    @Override
    public int[] tokenCounts(List<String> texts) {
        return teacher.tokenCounts(texts);
    }

    /**
     * Expected multiply-adds, not counted per routed text: the student's for the text's tokens without the special
     * ones, the projection's {@code (D + 1) × T}, and the teacher's at {@code tokens} times the share of the teacher's
     * multiply-adds the rule spent on the held-out calibration texts.
     */
    @Override
    public long multiplyAdds(int tokens) {
        long studentPart = student.multiplyAdds(Math.max(1, tokens - specials));
        long projection = (long) (rule.studentDimension() + 1) * rule.teacherDimension();
        return studentPart + projection + Math.round(expectedTeacherCostShare * teacher.multiplyAdds(tokens));
    }

    /** Whether a text's answer is independent of its batch: the student's always is, so the teacher's decides. */
    @Override
    public boolean batchInvariant() {
        return teacher.batchInvariant();
    }

    @Override
    public Embedder.Result embed(List<String> texts, IntConsumer progress) {
        if (texts.isEmpty()) {
            return new Embedder.Result(List.of(), 0);
        }
        List<float[]> studentVectors = student.embed(texts).vectors();
        float[][] out = new float[texts.size()][];
        List<Integer> routed = new ArrayList<>();
        List<String> routedTexts = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            float[] mapped = Cascade.project(rule, studentVectors.get(i));
            if (Cascade.confidence(rule, features(texts.get(i), mapped[rule.teacherDimension()])) >= rule.threshold()) {
                float[] v = new float[rule.teacherDimension()];
                System.arraycopy(mapped, 0, v, 0, v.length);
                out[i] = Embedder.normalise(v);
            } else {
                routed.add(i);
                routedTexts.add(texts.get(i));
            }
        }
        int truncated = 0;
        if (!routed.isEmpty()) {
            Embedder.Result r = teacher.embed(routedTexts, done -> progress.accept(out.length - routed.size() + done));
            for (int k = 0; k < routed.size(); k++) {
                out[routed.get(k)] = r.vectors().get(k);
            }
            truncated = r.truncated();
        }
        teacherAnswered += routed.size();
        studentAnswered += out.length - routed.size();
        progress.accept(out.length);
        return new Embedder.Result(List.of(out), truncated);
    }

    /** The features of {@link Cascade#features} for one text. */
    double[] features(String text, double projectionNorm) {
        return Cascade.features(student, text, vocabulary, specials, teacher.maxTokens(), projectionNorm);
    }

    /** Texts the student answered since opening. */
    long studentAnswered() {
        return studentAnswered;
    }

    /** Texts the teacher answered since opening. */
    long teacherAnswered() {
        return teacherAnswered;
    }

    @Override
    public void close() {
        try {
            student.close();
        } finally {
            teacher.close();
        }
    }
}
