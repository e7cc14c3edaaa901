package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cascade of the real all-MiniLM-L6-v2 and its static student (distilled once for the class), calibrated on
 * generated texts: both paths answer, every answer is a unit vector in fp32's space, fp32's answers are fp32's
 * vectors, a text's answer does not depend on its batch, and the calibration follows the student and the budget.
 */
class CascadeIT {

    @TempDir
    static Path home;

    static ModelFiles fp32;
    static VariantBuilder builder;
    static CascadeCalibration calibration;
    static List<String> calibrationTexts;
    static List<String> texts;

    @BeforeAll
    static void calibrate() {
        fp32 = new ModelRepository(ModelRepository.defaultMavenRepository(), home.resolve("models")).resolve("all-minilm-l6-v2", Variant.FP32);
        builder = new VariantBuilder(home.resolve("variants"));
        builder.distilled(fp32, 0, RunnerSettings.tuned(), VariantBuilder.Progress.none());
        calibrationTexts = mixed(400, 11);
        calibration = builder.calibrated(fp32, calibrationTexts, "generated", CascadeCalibration.DEFAULT_TEACHER_BUDGET, RunnerSettings.tuned(),
                VariantBuilder.Progress.none());
        System.out.println(calibration);
        texts = mixed(120, 99);
    }

    /** Generated texts of the lab's word list, and the hand-written sentences with words outside it. */
    static List<String> mixed(int n, long seed) {
        List<String> t = new ArrayList<>(TestTexts.generated(n, 60, seed));
        t.addAll(TestTexts.SENTENCES);
        return t;
    }

    @Test
    void calibrated_recordsTheRuleAndHeldOutFigures() {
        assertTrue(builder.isCalibrated(fp32));
        assertTrue(builder.isCached(fp32, new Variant(Variant.Kind.CASCADE, 0)));
        assertEquals(calibrationTexts.size(), calibration.texts());
        assertEquals("generated", calibration.source());
        assertTrue(calibration.heldOutTeacherShare() > 0 && calibration.heldOutTeacherShare() < 1, "share " + calibration.heldOutTeacherShare());
        assertTrue(calibration.heldOutTeacherCostShare() < 0.45, "the budget is 0.25 on the fitted texts: " + calibration.heldOutTeacherCostShare());
        assertTrue(calibration.heldOutCascadeCosine() > calibration.heldOutStudentCosine(), calibration.toString());
        CascadeCalibration read = builder.calibration(fp32).orElseThrow();
        assertEquals(calibration.threshold(), read.threshold(), 1e-12);
        assertTrue(read.reused());
    }

    @Test
    void embed_bothPathsAnswer_unitVectorsInFp32Space_fp32AnswersAreFp32s() {
        List<float[]> reference;
        try (Embedder e = Embedder.open(fp32, RunnerSettings.tuned())) {
            reference = e.embed(texts).vectors();
        }
        try (CascadeEncoder c = open()) {
            assertEquals(384, c.dimension());
            assertEquals("all-minilm-l6-v2 cascade", c.label());
            List<float[]> v = c.embed(texts).vectors();
            assertEquals(texts.size(), c.studentAnswered() + c.teacherAnswered());
            assertTrue(c.studentAnswered() > 0 && c.teacherAnswered() > 0, c.studentAnswered() + " / " + c.teacherAnswered());
            int exact = 0;
            double sum = 0;
            for (int i = 0; i < texts.size(); i++) {
                assertEquals(384, v.get(i).length);
                assertEquals(1.0, Math.sqrt(TestTexts.cosine(v.get(i), v.get(i))), 1e-5);
                double cos = TestTexts.cosine(v.get(i), reference.get(i));
                sum += cos;
                exact += cos > 0.99999 ? 1 : 0;
            }
            assertTrue(exact >= c.teacherAnswered(), "every fp32 answer is fp32's vector: " + exact + " of " + c.teacherAnswered());
            assertTrue(sum / texts.size() > 0.8, "mapped student answers stay close to fp32: mean cosine " + sum / texts.size());
        }
    }

    @Test
    void embed_oneAtATime_sameAsInABatch() {
        try (CascadeEncoder c = open()) {
            assertTrue(c.batchInvariant());
            List<float[]> batch = c.embed(texts).vectors();
            for (int i = 0; i < texts.size(); i += 7) {
                float[] alone = c.embed(List.of(texts.get(i))).vectors().getFirst();
                assertTrue(TestTexts.cosine(alone, batch.get(i)) > 0.99999, "text " + i);
            }
        }
    }

    @Test
    void multiplyAdds_betweenStudentAndFp32() {
        try (CascadeEncoder c = open(); Embedder e = Embedder.open(fp32, RunnerSettings.tuned())) {
            long cascade = c.multiplyAdds(40);
            assertTrue(cascade < e.multiplyAdds(40) && cascade > 256L * 384, "cascade " + cascade + ", fp32 " + e.multiplyAdds(40));
        }
    }

    @Test
    void calibrated_studentChangedSince_notCalibratedAnyMore() throws Exception {
        Path meta = builder.directory(fp32, new Variant(Variant.Kind.STATIC, 0)).resolve(Distiller.METADATA);
        FileTime was = Files.getLastModifiedTime(meta);
        try {
            Files.setLastModifiedTime(meta, FileTime.fromMillis(was.toMillis() + 60_000));
            assertFalse(builder.isCalibrated(fp32));
            assertTrue(builder.calibration(fp32).isEmpty());
        } finally {
            Files.setLastModifiedTime(meta, was);
        }
        assertTrue(builder.isCalibrated(fp32));
    }

    @Test
    void calibrated_tooFewTextsOrBadBudget_refusedNamingIt() {
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> builder.calibrated(fp32, TestTexts.SENTENCES, "s", 0.25, RunnerSettings.tuned(), VariantBuilder.Progress.none()));
        assertTrue(few.getMessage().contains(TestTexts.SENTENCES.size() + " calibration texts"), few.getMessage());
        IllegalArgumentException budget = assertThrows(IllegalArgumentException.class,
                () -> builder.calibrated(fp32, calibrationTexts, "s", 1.5, RunnerSettings.tuned(), VariantBuilder.Progress.none()));
        assertTrue(budget.getMessage().contains("budget 1.5"), budget.getMessage());
        assertTrue(builder.isCalibrated(fp32), "a refused calibration leaves the one there");
    }

    private static CascadeEncoder open() {
        return CascadeEncoder.open(builder.directory(fp32, new Variant(Variant.Kind.CASCADE, 0)),
                builder.directory(fp32, new Variant(Variant.Kind.STATIC, 0)), fp32, RunnerSettings.tuned());
    }
}
