package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built variants of the real all-MiniLM-L6-v2 (from the local Maven repository, as
 * {@link EmbedderIT}): each opens, embeds, and stays within the closeness to fp32 that
 * docs/onnx-transforms.md measured; the cache is reused, and neither a partial nor a stale build is taken.
 */
class VariantBuilderIT {

    @TempDir
    static Path home;

    static ModelFiles fp32;
    static Embedder reference;
    static List<String> texts;
    static List<float[]> expected;
    static VariantBuilder builder;

    @BeforeAll
    static void open() {
        fp32 = new ModelRepository(ModelRepository.defaultMavenRepository(), home.resolve("models")).resolve("all-minilm-l6-v2", Variant.FP32);
        builder = new VariantBuilder(home.resolve("variants"));
        reference = Embedder.open(fp32, RunnerSettings.tuned());
        texts = new ArrayList<>(TestTexts.SENTENCES);
        texts.addAll(TestTexts.generated(40, 40, 5));
        expected = reference.embed(texts).vectors();
    }

    @AfterAll
    static void close() {
        reference.close();
    }

    /** Mean cosine of a variant's vectors to fp32's over the test texts. */
    private static double meanCosine(ModelFiles files) {
        try (Embedder e = Embedder.open(files, RunnerSettings.tuned())) {
            List<float[]> got = e.embed(texts).vectors();
            double[] meanMin = TestTexts.meanAndMinCosine(expected, got);
            System.out.printf("%s vs fp32: %d texts, mean cosine %.5f, min %.5f, %,d bytes%n", files.label(), texts.size(), meanMin[0], meanMin[1], size(files.onnx()));
            return meanMin[0];
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void build_int8PerChannel_closeToFp32() {
        ModelFiles files = builder.build(fp32, Variant.parse("int8-pc"), VariantBuilder.Progress.none());
        assertEquals("all-minilm-l6-v2 int8-pc", files.label());
        assertEquals(fp32.pooling(), files.pooling());
        assertEquals(fp32.maxPositions(), files.maxPositions());
        assertTrue(meanCosine(files) >= 0.98);
    }

    @Test
    void build_int4_closeToFp32() {
        assertTrue(meanCosine(builder.build(fp32, Variant.parse("int4"), VariantBuilder.Progress.none())) >= 0.9);
    }

    @Test
    void build_pruned30_runsAndStaysRelated() {
        double mean = meanCosine(builder.build(fp32, Variant.parse("pruned-30"), VariantBuilder.Progress.none()));
        assertTrue(mean >= 0.3 && mean < 0.98, "pruning without fine-tuning costs quality: " + mean);
    }

    @Test
    void build_lowrank_runsAndStaysRelated() {
        List<String> stages = new ArrayList<>();
        double mean = meanCosine(builder.build(fp32, Variant.parse("lowrank-0.5"), (stage, done, total) -> stages.add(stage)));
        assertTrue(mean >= 0.3 && mean < 0.98, "a trained encoder is not low-rank: " + mean);
        assertTrue(stages.stream().anyMatch(s -> s.startsWith("applying lowrank-0.5")), stages.toString());
    }

    @Test
    void build_twice_reusesTheCache() throws IOException {
        Variant v = Variant.parse("int8-pc");
        ModelFiles first = builder.build(fp32, v, VariantBuilder.Progress.none());
        FileTime built = Files.getLastModifiedTime(first.onnx());
        List<String> stages = new ArrayList<>();
        ModelFiles second = builder.build(fp32, v, (stage, done, total) -> stages.add(stage));
        assertEquals(first, second);
        assertEquals(built, Files.getLastModifiedTime(second.onnx()));
        assertTrue(stages.isEmpty(), "no build stage when cached: " + stages);
        assertTrue(builder.isCached(fp32, v));
        assertTrue(builder.list().stream().anyMatch(c -> c.variant().equals("int8-pc") && c.modelBytes() == size(first.onnx())));
        assertTrue(Files.isRegularFile(builder.directory(fp32, v).resolve("report.json")));
    }

    @Test
    void build_partialFolderThere_isNotTaken_rebuilt() throws IOException {
        Variant v = Variant.parse("pruned-10");
        Path dir = builder.directory(fp32, v);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("model.onnx"), "half a model");
        assertFalse(builder.isCached(fp32, v));
        ModelFiles files = builder.build(fp32, v, VariantBuilder.Progress.none());
        assertTrue(Files.size(files.onnx()) > 1_000_000);
        assertTrue(builder.isCached(fp32, v));
        try (var left = Files.list(dir.getParent())) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary folders left");
        }
    }

    @Test
    void build_fp32FileChanged_rebuilds() throws IOException {
        Path copy = Files.createDirectories(home.resolve("copy").resolve("minilm"));
        Files.copy(fp32.onnx(), copy.resolve("model.onnx"));
        Files.copy(fp32.tokenizer(), copy.resolve("tokenizer.json"));
        ModelFiles mine = ModelRepository.fromDirectory(copy, Pooling.MEAN, 512);
        Variant v = Variant.parse("int8-pc");
        VariantBuilder b = new VariantBuilder(home.resolve("variants-stale"));
        ModelFiles first = b.build(mine, v, VariantBuilder.Progress.none());
        FileTime built = Files.getLastModifiedTime(first.onnx());
        Files.setLastModifiedTime(copy.resolve("model.onnx"), FileTime.fromMillis(built.toMillis() - 3_600_000));
        assertFalse(b.isCached(mine, v), "another fp32 file: the old build is stale");
        List<String> stages = new ArrayList<>();
        b.build(mine, v, (stage, done, total) -> stages.add(stage));
        assertFalse(stages.isEmpty(), "built again");
        assertTrue(b.isCached(mine, v));
    }

    @Test
    void build_notAnOnnxModel_labExceptionNamingIt() throws IOException {
        Path dir = Files.createDirectories(home.resolve("broken"));
        Files.writeString(dir.resolve("model.onnx"), "not a model");
        Files.copy(fp32.tokenizer(), dir.resolve("tokenizer.json"));
        ModelFiles broken = ModelRepository.fromDirectory(dir, Pooling.MEAN, 512);
        LabException e = assertThrows(LabException.class, () -> builder.build(broken, Variant.parse("int4"), VariantBuilder.Progress.none()));
        assertTrue(e.getMessage().contains("cannot build int4") && e.getMessage().contains("not an ONNX model"), e.getMessage());
        assertFalse(Files.exists(builder.directory(broken, Variant.parse("int4"))), "no folder under the final name");
    }

    @Test
    void build_publishedOrStatic_refused() {
        assertThrows(IllegalArgumentException.class, () -> builder.build(fp32, Variant.FP32, VariantBuilder.Progress.none()));
        assertThrows(IllegalArgumentException.class, () -> builder.build(fp32, Variant.parse("static"), VariantBuilder.Progress.none()));
    }
}
