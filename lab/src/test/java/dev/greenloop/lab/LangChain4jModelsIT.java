package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every published LangChain4j in-process embedding model, fp32 and {@code -q}, through the lab's runner against
 * LangChain4j's own class for it (the class the catalog read from the same jar, loaded here from the test-scope
 * artifact): short texts, texts far beyond the 512-token window, non-ASCII and Chinese texts. The {@code -q} graphs
 * quantise activations per tensor, so they run one text (one piece) per call, as LangChain4j runs them.
 */
class LangChain4jModelsIT {

    @TempDir
    static Path cache;

    static Stream<Arguments> models() {
        List<Arguments> all = new ArrayList<>();
        for (String name : List.of("all-minilm-l6-v2", "bge-small-en", "bge-small-en-v15", "bge-small-zh", "bge-small-zh-v15", "e5-small-v2")) {
            all.add(Arguments.of(name, Variant.FP32));
            all.add(Arguments.of(name, Variant.INT8));
        }
        return all.stream();
    }

    static List<String> texts() {
        List<String> texts = new ArrayList<>(TestTexts.SENTENCES.stream().filter(t -> !t.isBlank()).toList());
        texts.addAll(List.of(
                "Größere Modelle verbrauchen mehr Energie; naïve café résumé — coût énergétique élevé.",
                "Энергия на запрос растёт с длиной текста. Ελληνικά: ενέργεια ανά ερώτημα. 😀 ✓ ∑ ≥ ∞",
                "数据中心的能耗正在快速增长，碳排放也随之增加。",
                "我们在每台机器上测量能量，并把它换算成二氧化碳排放量。",
                "模型量化可以在几乎不损失质量的情况下降低每次查询的能耗。"));
        String english = String.join(" ", TestTexts.SENTENCES);
        texts.add((english + " ").repeat(12).strip());                        // well over 510 tokens: several pieces
        texts.add("Unbelievably interconnected infrastructures " + "decarbonisation electrification ".repeat(300));
        texts.add("碳排放与能源效率。".repeat(150));                            // ~1,350 tokens of Chinese characters
        texts.addAll(TestTexts.generated(8, 900, 23));
        return texts;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("models")
    void vectors_matchLangChain4jsOwnModel(String name, Variant variant) throws ReflectiveOperationException {
        ModelRepository repo = new ModelRepository(ModelRepository.defaultMavenRepository(), cache);
        ModelFiles files = repo.resolve(name, variant);
        Path jar = repo.findJar(repo.catalog().require(name).artifact(variant)).orElseThrow();
        ModelFacts facts = repo.facts(jar);
        EmbeddingModel reference = (EmbeddingModel) Class.forName(facts.className()).getConstructor().newInstance();
        List<String> texts = texts();
        List<float[]> theirs = reference.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream().map(e -> e.vector()).toList();
        RunnerSettings settings = variant.kind() == Variant.Kind.INT8 ? RunnerSettings.tuned().withBatchSize(1) : RunnerSettings.tuned();
        try (Embedder ours = Embedder.open(files, settings)) {
            assertEquals(facts.dimension(), ours.dimension(), "the class's dimension is the graph's");
            Embedder.Result r = ours.embed(texts);
            List<float[]> vectors = r.vectors();
            assertTrue(r.truncated() >= 3, "texts beyond the window, cut as LangChain4j cuts them: " + r.truncated());
            double[] meanMin = TestTexts.meanAndMinCosine(vectors, theirs);
            int worst = 0;
            for (int i = 0; i < texts.size(); i++) {
                if (TestTexts.cosine(vectors.get(i), theirs.get(i)) < TestTexts.cosine(vectors.get(worst), theirs.get(worst))) {
                    worst = i;
                }
            }
            System.out.printf("%s %s (%s, %s pooling, truncation %s) vs %s: %d texts, mean cosine %.7f, min %.7f%n", name, variant,
                    jar.getParent().getFileName(), facts.pooling().label(), facts.truncation(), facts.className(), texts.size(), meanMin[0], meanMin[1]);
            assertTrue(meanMin[0] >= 0.9999, "mean cosine %.7f".formatted(meanMin[0]));
            assertTrue(meanMin[1] >= 0.999, "min cosine %.7f, text %d: %.80s".formatted(meanMin[1], worst, texts.get(worst)));
        }
    }

    @org.junit.jupiter.api.Test
    void tokenizerThatDoesNotCut_longTextsInPieces_matchLangChain4jsSplit_truncatingWouldNot() throws Exception {
        // DJL cuts every published tokenizer at 128 or 512 tokens, so LangChain4j's split never runs through its public
        // classes. Here both sides get a DJL tokenizer that does not cut: LangChain4j's own OnnxBertBiEncoder (its
        // tokenizer field replaced, its package-private embed(String) called) against the runner's pieces.
        ModelFiles files = new ModelRepository(ModelRepository.defaultMavenRepository(), cache).resolve("bge-small-en-v15", Variant.FP32);
        Map<String, String> noCut = Map.of("padding", "false", "truncation", "false");
        Class<?> encoderClass = Class.forName("dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder");
        Object encoder = encoderClass.getConstructor(Path.class, Path.class, dev.langchain4j.model.embedding.onnx.PoolingMode.class)
                .newInstance(files.onnx(), files.tokenizer(), dev.langchain4j.model.embedding.onnx.PoolingMode.CLS);
        Field tokenizerField = encoderClass.getDeclaredField("tokenizer");
        tokenizerField.setAccessible(true);
        tokenizerField.set(encoder, ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(files.tokenizer(), noCut));
        Method embed = encoderClass.getDeclaredMethod("embed", String.class);
        embed.setAccessible(true);
        List<String> texts = texts();
        List<float[]> theirs = new ArrayList<>();
        for (String t : texts) {
            Object result = embed.invoke(encoder, t);
            Field vector = result.getClass().getDeclaredField("embedding");
            vector.setAccessible(true);
            theirs.add((float[]) vector.get(result));
        }
        ModelFiles cut = new ModelFiles(files.label(), files.onnx(), files.tokenizer(), files.pooling(), files.maxPositions(), files.source(),
                ModelFiles.LongTexts.TRUNCATE);
        try (Embedder a = Embedder.open(files, RunnerSettings.tuned(), noCut); Embedder b = Embedder.open(cut, RunnerSettings.tuned())) {
            int longest = java.util.Arrays.stream(a.tokenCounts(texts)).max().orElseThrow();
            assertTrue(longest > 2 * files.maxPositions(), "some text goes in three pieces or more: " + longest + " tokens");
            double[] inPieces = TestTexts.meanAndMinCosine(a.embed(texts).vectors(), theirs);
            double[] truncated = TestTexts.meanAndMinCosine(b.embed(texts).vectors(), theirs);
            System.out.printf("bge-small-en-v15, DJL not cutting, %d texts (longest %d tokens) vs LangChain4j's OnnxBertBiEncoder: in pieces mean %.7f"
                    + " min %.7f; truncated at %d instead: mean %.7f min %.7f%n", texts.size(), longest, inPieces[0], inPieces[1], b.maxTokens(),
                    truncated[0], truncated[1]);
            assertTrue(inPieces[0] >= 0.9999 && inPieces[1] >= 0.999, "in pieces: mean %.7f, min %.7f".formatted(inPieces[0], inPieces[1]));
            assertTrue(truncated[1] < 0.999, "truncating is not what LangChain4j's split gives: min " + truncated[1]);
        }
    }
}
