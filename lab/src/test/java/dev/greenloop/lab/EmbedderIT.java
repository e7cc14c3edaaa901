package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against LangChain4j's own in-process all-MiniLM-L6-v2 (the test-scope artifact, whose
 * jar the lab also reads its model files from): same vectors for the same texts; int8 close to fp32.
 */
class EmbedderIT {

    @TempDir
    static Path cache;

    static Embedder fp32;
    static Embedder int8;

    @BeforeAll
    static void open() {
        ModelRepository repo = new ModelRepository(ModelRepository.defaultMavenRepository(), cache);
        fp32 = Embedder.open(repo.resolve("all-minilm-l6-v2", Variant.FP32), RunnerSettings.tuned());
        int8 = Embedder.open(repo.resolve("all-minilm-l6-v2", Variant.INT8), RunnerSettings.tuned());
    }

    @AfterAll
    static void close() {
        fp32.close();
        int8.close();
    }

    private static List<String> texts() {
        List<String> texts = new ArrayList<>(TestTexts.SENTENCES);
        texts.addAll(TestTexts.generated(60, 60, 7));
        return texts;
    }

    @Test
    void fp32_equalsLangChain4jModel() {
        assertEqualsLangChain4j(fp32, new AllMiniLmL6V2EmbeddingModel());
    }

    @Test
    void bge_clsPooling_equalsLangChain4jModel() {
        ModelRepository repo = new ModelRepository(ModelRepository.defaultMavenRepository(), cache);
        try (Embedder bge = Embedder.open(repo.resolve("bge-small-en-v15", Variant.FP32), RunnerSettings.tuned())) {
            assertEquals(512, bge.maxTokens(), "bge's tokenizer.json sets no truncation: DJL's default of 512, as in LangChain4j");
            assertEqualsLangChain4j(bge, new BgeSmallEnV15EmbeddingModel());
        }
    }

    private static void assertEqualsLangChain4j(Embedder embedder, dev.langchain4j.model.embedding.EmbeddingModel lc4j) {
        List<String> texts = texts().stream().filter(t -> !t.isBlank()).toList(); // LangChain4j refuses blank segments
        List<Embedding> reference = lc4j.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        List<float[]> ours = embedder.embed(texts).vectors();
        assertEquals(texts.size(), ours.size());
        double min = 1;
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(384, ours.get(i).length);
            double c = TestTexts.cosine(ours.get(i), reference.get(i).vector());
            min = Math.min(min, c);
            assertTrue(c >= 0.9999, "text %d '%s': cosine %.6f to LangChain4j".formatted(i, texts.get(i), c));
        }
        System.out.printf("%s vs LangChain4j: %d texts, min cosine %.7f%n", embedder.files().label(), texts.size(), min);
    }

    @Test
    void int8_meanCosineToFp32_atLeast099() {
        List<String> texts = texts();
        List<float[]> a = fp32.embed(texts).vectors();
        List<float[]> b = int8.embed(texts).vectors();
        double[] meanMin = TestTexts.meanAndMinCosine(a, b);
        double mean = meanMin[0];
        System.out.printf("int8 vs fp32: %d texts, mean cosine %.5f, min %.5f%n", texts.size(), mean, meanMin[1]);
        assertTrue(mean >= 0.99, "mean cosine int8 to fp32 " + mean);
    }

    @Test
    void embed_vectorsAreUnitLength() {
        for (float[] v : fp32.embed(TestTexts.SENTENCES).vectors()) {
            double n = 0;
            for (float x : v) {
                n += x * x;
            }
            assertEquals(1.0, Math.sqrt(n), 1e-5);
        }
    }

    @Test
    void embed_bucketedBatches_sameAsOneByOne_inInputOrder() {
        List<String> texts = TestTexts.generated(50, 80, 11);
        List<float[]> batched = fp32.embed(texts).vectors();
        try (Embedder single = Embedder.open(fp32.files(), RunnerSettings.tuned().withBatchSize(1))) {
            List<float[]> one = single.embed(texts).vectors();
            for (int i = 0; i < texts.size(); i++) {
                double c = TestTexts.cosine(batched.get(i), one.get(i));
                assertTrue(c >= 0.99999, "text %d: cosine %.7f between batched and alone".formatted(i, c));
            }
        }
    }

    @Test
    void embed_longText_truncatedToTokenizerLength_restIgnored() {
        assertEquals(128, fp32.maxTokens(), "all-MiniLM-L6-v2's tokenizer.json truncates at 128");
        String head = "energy ".repeat(200);
        var r = fp32.embed(List.of(head + "alpha beta gamma", head + "completely different ending words", "short text"));
        assertEquals(2, r.truncated());
        assertTrue(TestTexts.cosine(r.vectors().get(0), r.vectors().get(1)) > 0.999999, "tokens past 128 do not count");
    }

    @Test
    void embed_emptyList_empty() {
        assertEquals(0, fp32.embed(List.of()).vectors().size());
    }

    @Test
    void miniLm_takesTokenTypeIds() {
        assertTrue(fp32.usesTokenTypeIds());
    }

    @Test
    void multiplyAdds_miniLm_matchesHandCount() {
        // 6 layers × (4·384² + 2·384·1536) weights per token, plus 6 × 12 heads × 2 × 32 × L² for attention (docs/onnx-transforms.md).
        assertEquals(10_616_832L * 128 + 4_608L * 128 * 128, fp32.multiplyAdds(128));
        assertEquals(10_616_832L * 16 + 4_608L * 16 * 16, fp32.multiplyAdds(16));
    }

    @Test
    void tokenCounts_specialTokensIncluded_truncated() {
        int[] counts = fp32.tokenCounts(List.of("", "hello world", "energy ".repeat(300)));
        assertEquals(2, counts[0], "[CLS] [SEP]");
        assertEquals(4, counts[1]);
        assertEquals(128, counts[2]);
    }
}
