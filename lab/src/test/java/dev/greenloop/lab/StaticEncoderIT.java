package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static student of the real all-MiniLM-L6-v2, distilled once for the class: unit vectors,
 * meaning kept (similar texts closer than unrelated ones), a one-token text is its stored row
 * normalised, the cache is reused, and a query costs far less CPU than fp32's.
 */
class StaticEncoderIT {

    @TempDir
    static Path home;

    static ModelFiles fp32;
    static VariantBuilder builder;
    static Distiller.Result distilled;
    static StaticEncoder student;

    @BeforeAll
    static void distil() {
        fp32 = new ModelRepository(ModelRepository.defaultMavenRepository(), home.resolve("models")).resolve("all-minilm-l6-v2", Variant.FP32);
        builder = new VariantBuilder(home.resolve("variants"));
        AtomicLong lastDone = new AtomicLong();
        distilled = builder.distilled(fp32, 0, RunnerSettings.tuned(), (stage, done, total) -> lastDone.accumulateAndGet(done, Math::max));
        System.out.printf("distilled %s: %d tokens x %d (explained variance %.3f) in %.1f s, %,d bytes%n", fp32.label(), distilled.tokens(),
                distilled.dimension(), distilled.explainedVariance(), distilled.seconds(), distilled.matrixBytes());
        assertEquals(distilled.tokens(), lastDone.get(), "progress reaches the vocabulary's size");
        student = StaticEncoder.open(distilled.dir());
    }

    @AfterAll
    static void close() {
        student.close();
    }

    @Test
    void distilled_vocabularyAndDefaultDimension() {
        assertEquals(30522, distilled.tokens());
        assertEquals(Distiller.DEFAULT_DIMENSION, distilled.dimension());
        assertEquals(384, distilled.teacherDimension());
        assertEquals(30522L * 256 * 4, distilled.matrixBytes());
        assertEquals(distilled.matrixBytes(), student.modelFile().toFile().length());
        assertEquals("all-minilm-l6-v2 static", student.label());
        assertTrue(distilled.explainedVariance() > 0.5 && distilled.explainedVariance() <= 1, "explained " + distilled.explainedVariance());
    }

    @Test
    void embed_unitLength_noNaN_emptyTextIncluded() {
        for (float[] v : student.embed(TestTexts.SENTENCES).vectors()) {
            assertEquals(256, v.length);
            double n = 0;
            for (float x : v) {
                assertFalse(Float.isNaN(x));
                n += x * x;
            }
            assertEquals(1.0, Math.sqrt(n), 1e-5);
        }
    }

    @Test
    void embed_similarTextsCloserThanUnrelated() {
        List<float[]> v = student.embed(List.of(
                "The cat sat on the mat.", "A cat was sitting on the rug.",
                "Solar panels produce electricity from sunlight.", "Photovoltaic modules turn sunshine into power.",
                "Please reset my password.")).vectors();
        double cats = TestTexts.cosine(v.get(0), v.get(1));
        double solar = TestTexts.cosine(v.get(2), v.get(3));
        double unrelated = Math.max(TestTexts.cosine(v.get(0), v.get(2)), TestTexts.cosine(v.get(1), v.get(4)));
        System.out.printf("static: cats %.3f, solar %.3f, unrelated at most %.3f%n", cats, solar, unrelated);
        assertTrue(cats > unrelated && solar > unrelated, "cats %.3f, solar %.3f, unrelated %.3f".formatted(cats, solar, unrelated));
    }

    @Test
    void embed_singleToken_isItsStoredRowNormalised() {
        int[] count = student.tokenCounts(List.of("energy"));
        assertEquals(1, count[0], "'energy' is one token of MiniLM's vocabulary");
        float[] got = student.embed(List.of("energy")).vectors().getFirst();
        // The id of "energy" from the teacher's own tokenizer: [CLS] energy [SEP].
        long id;
        try (Embedder teacher = Embedder.open(fp32, RunnerSettings.tuned())) {
            id = teacherIds(teacher, "energy")[1];
        }
        float[] row = student.row((int) id);
        double n = 0;
        for (float x : row) {
            n += x * x;
        }
        float[] expected = new float[row.length];
        for (int d = 0; d < row.length; d++) {
            expected[d] = (float) (row[d] / Math.sqrt(n));
        }
        assertArrayEquals(expected, got, 1e-6f);
    }

    private static long[] teacherIds(Embedder teacher, String text) {
        // The teacher's tokenizer is private to Embedder; its counts and special ids are what tests may see.
        long[] specials = teacher.specialIds();
        assertEquals(2, specials.length);
        try (var tok = ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(fp32.tokenizer(), java.util.Map.of())) {
            return tok.encode(text, true, false).getIds();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void tokenCountsAndMultiplyAdds_countRowsSummed() {
        int[] counts = student.tokenCounts(List.of("", "the cat sat"));
        assertEquals(2, counts[0], "the empty text sums the [CLS] and [SEP] rows");
        assertEquals(3, counts[1]);
        assertEquals(3L * 256 + 256, student.multiplyAdds(3));
        assertThrows(IllegalArgumentException.class, () -> student.multiplyAdds(0));
        assertEquals(Integer.MAX_VALUE, student.maxTokens());
        assertEquals(300, student.tokenCounts(List.of("energy ".repeat(300)))[0], "no truncation: every token is a row");
        assertEquals(0, student.embed(List.of("energy ".repeat(300))).truncated());
    }

    @Test
    void embed_tokenizerNotOfBertShape_huggingFaceThroughJni_sameVectors(@TempDir Path dir) throws java.io.IOException {
        assertTrue(student.javaTokenizer(), "MiniLM's tokenizer.json is BERT WordPiece");
        // The same tokenizer, wrapped in one-element Sequences: Hugging Face reads it alike; the Java WordPiece does not take it.
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(Files.readString(distilled.dir().resolve("tokenizer.json")))
                .getAsJsonObject();
        com.google.gson.JsonObject normalizers = new com.google.gson.JsonObject();
        normalizers.addProperty("type", "Sequence");
        normalizers.add("normalizers", wrap(json.get("normalizer")));
        json.add("normalizer", normalizers);
        com.google.gson.JsonObject pre = new com.google.gson.JsonObject();
        pre.addProperty("type", "Sequence");
        pre.add("pretokenizers", wrap(json.get("pre_tokenizer")));
        json.add("pre_tokenizer", pre);
        Path copy = dir.resolve("static");
        Files.createDirectories(copy);
        for (String name : List.of(Distiller.MATRIX, Distiller.METADATA)) {
            Files.copy(distilled.dir().resolve(name), copy.resolve(name));
        }
        Files.writeString(copy.resolve("tokenizer.json"), json.toString());
        List<String> texts = new ArrayList<>(TestTexts.SENTENCES);
        texts.addAll(List.of("first [SEP] second", "Ångström naïve café", "\u061D and \u08D3 new in Unicode"));
        try (StaticEncoder jni = StaticEncoder.open(copy)) {
            assertFalse(jni.javaTokenizer(), "a Sequence normalizer is not taken");
            assertArrayEquals(jni.tokenCounts(texts), student.tokenCounts(texts));
            List<float[]> expected = jni.embed(texts).vectors();
            List<float[]> got = student.embed(texts).vectors();
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(expected.get(i), got.get(i), "vector of " + texts.get(i));
            }
        }
    }

    private static com.google.gson.JsonArray wrap(com.google.gson.JsonElement e) {
        com.google.gson.JsonArray a = new com.google.gson.JsonArray();
        a.add(e);
        return a;
    }

    @Test
    void distilled_again_reusesTheCache() {
        List<String> stages = new ArrayList<>();
        Distiller.Result again = builder.distilled(fp32, 256, RunnerSettings.tuned(), (stage, done, total) -> stages.add(stage));
        assertEquals(distilled, again);
        assertTrue(stages.isEmpty(), "nothing redone: " + stages);
        assertTrue(builder.isCached(fp32, Variant.parse("static")));
        assertTrue(Files.isRegularFile(distilled.dir().resolve("static.json")));
    }

    @Test
    void embed_cpuPerQuery_farBelowFp32() {
        List<String> texts = TestTexts.generated(200, 40, 3);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Embedder teacher = Embedder.open(fp32, RunnerSettings.tuned().withWorkers(1))) {
            teacher.embed(texts.subList(0, 20));
            student.embed(texts.subList(0, 20));
            long t0 = threads.getCurrentThreadCpuTime();
            teacher.embed(texts);
            long teacherNanos = threads.getCurrentThreadCpuTime() - t0;
            t0 = threads.getCurrentThreadCpuTime();
            student.embed(texts);
            long studentNanos = threads.getCurrentThreadCpuTime() - t0;
            System.out.printf("CPU per query (this thread, 200 texts of 3-40 words): fp32 %.3f ms, static %.4f ms (%.0fx)%n",
                    teacherNanos / 1e6 / texts.size(), studentNanos / 1e6 / texts.size(), (double) teacherNanos / studentNanos);
            assertTrue(studentNanos * 20 < teacherNanos, "static %d ns vs fp32 %d ns".formatted(studentNanos, teacherNanos));
        }
    }

    @Test
    void distilled_negativeOrAboveTeacherDimension_refusedNamingIt() {
        assertThrows(IllegalArgumentException.class, () -> builder.distilled(fp32, -1, RunnerSettings.tuned(), VariantBuilder.Progress.none()));
        VariantBuilder other = new VariantBuilder(home.resolve("variants-385"));
        var e = assertThrows(IllegalArgumentException.class, () -> other.distilled(fp32, 385, RunnerSettings.tuned(), VariantBuilder.Progress.none()));
        assertTrue(e.getMessage().contains("385") && e.getMessage().contains("384"), e.getMessage());
        assertFalse(other.isCached(fp32, Variant.parse("static")));
    }
}
