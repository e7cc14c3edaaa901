package dev.greenloop.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.greenloop.cli.Cli;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenloop lab profile|pareto|recommend} end to end with all-MiniLM-L6-v2 (fp32 and int8) on
 * small made-up labelled texts: the JSON contract of docs/lab.md, the label-count check, the PNG,
 * and recommend choosing and refusing.
 */
class LabProfileIT {

    @TempDir
    Path dir;

    private Cli cli() {
        return Cli.inProcess(dir).env("GREENLOOP_MAVEN_REPO", System.getProperty("maven.repo.local"));
    }

    private static final String[] PLAIN = "energy model query node carbon grid power battery solar wind vector batch the a of and to in is".split(" ");
    private static final String[] SPAM = "win free money offer click now prize cheap deal buy".split(" ");

    /** 40 texts, every other one "spam" with mostly spam words; the labels alongside. */
    private List<Path> data() throws IOException {
        Random r = new Random(5);
        List<String> texts = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean spam = i % 2 == 0;
            StringBuilder sb = new StringBuilder();
            // 20-59 words: long enough that a pass takes well over the 10 ms CPU ticks energy is attributed by.
            for (int w = 0, n = 20 + r.nextInt(40); w < n; w++) {
                sb.append(w == 0 ? "" : " ").append(spam && r.nextDouble() < 0.6 ? SPAM[r.nextInt(SPAM.length)] : PLAIN[r.nextInt(PLAIN.length)]);
            }
            texts.add(sb.toString());
            labels.add(spam ? "spam" : "ham");
        }
        return List.of(Files.write(dir.resolve("texts.txt"), texts), Files.write(dir.resolve("labels.txt"), labels));
    }

    /** The keys of each object in the top-level "variants" array, and the top-level keys. */
    private static List<Set<String>> keys(String json) throws IOException {
        List<Set<String>> out = new ArrayList<>();
        Set<String> top = new LinkedHashSet<>();
        out.add(top);
        try (JsonParser p = new JsonFactory().createParser(json)) {
            int depth = 0;
            Set<String> current = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT -> {
                        depth++;
                        if (depth == 2) {
                            current = new LinkedHashSet<>();
                            out.add(current);
                        }
                    }
                    case END_OBJECT -> depth--;
                    case FIELD_NAME -> (depth == 1 ? top : depth == 2 ? current : new LinkedHashSet<String>()).add(p.currentName());
                    default -> { }
                }
            }
        }
        return out;
    }

    @Test
    void profile_json_contractKeys_thenParetoPlotAndRecommend() throws IOException {
        List<Path> d = data();
        Path out = dir.resolve("profile.json");
        var r = cli().run("lab", "profile", "--model", "all-minilm-l6-v2", "--variants", "int8", "--input", d.get(0).toString(), "--labels",
                d.get(1).toString(), "--rounds", "1", "--latency-texts", "5", "--json", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.stderr());
        List<Set<String>> keys = keys(r.stdout());
        assertTrue(keys.get(0).containsAll(List.of("model", "variants")), keys.get(0).toString());
        assertEquals(3, keys.size(), "fp32 added as the reference, then int8: " + r.stdout());
        for (Set<String> row : keys.subList(1, 3)) {
            assertTrue(row.containsAll(List.of("variant", "cpuSecondsPerQuery", "joulesPerQuery", "provenance", "latencyMsP50", "meanCosineToReference",
                    "minCosineToReference", "knnAccuracy", "flopsPerQuery", "sizeBytes", "latencyMsP95", "throughputPerSecond", "top10Overlap",
                    "peakRssBytes", "energyLabel", "settings")), row.toString());
        }
        assertTrue(r.stdout().matches("(?s).*\"variant\" : \"fp32\".*\"variant\" : \"int8\".*"), r.stdout());
        assertTrue(r.stdout().matches("(?s).*\"provenance\" : \"(measured|modelled|derived)\".*"), r.stdout());
        assertEquals(r.stdout(), Files.readString(out), "--out holds what --json printed");

        Path png = dir.resolve("pareto.png");
        var pareto = cli().run("lab", "pareto", "--from", out.toString(), "--plot", png.toString());
        assertEquals(0, pareto.exitCode(), pareto.stderr());
        assertTrue(pareto.stdout().contains("kNN accuracy") && pareto.stdout().lines().anyMatch(l -> l.startsWith("*")), pareto.stdout());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(ParetoPlot.WIDTH, image.getWidth());
        assertEquals(ParetoPlot.HEIGHT, image.getHeight());

        var choose = cli().run("lab", "recommend", "--from", out.toString(), "--min-cosine", "0.9");
        assertEquals(0, choose.exitCode(), choose.stderr());
        assertTrue(choose.stdout().startsWith("recommended: int8 "), "int8 costs less and keeps a cosine above 0.9: " + choose.stdout());
        var byAccuracy = cli().run("lab", "recommend", "--from", out.toString(), "--max-accuracy-drop", "100", "--json");
        assertEquals(0, byAccuracy.exitCode(), byAccuracy.stderr());
        assertTrue(byAccuracy.stdout().contains("\"variant\" : \"int8\""), byAccuracy.stdout());
        // fp32 meets any cosine requirement (it is the reference): refusing needs a result where nothing does.
        Path worse = Files.writeString(dir.resolve("worse.json"),
                Files.readString(out).replaceAll("\"meanCosineToReference\" : [0-9.eE-]+", "\"meanCosineToReference\" : 0.5"));
        var refuse = cli().run("lab", "recommend", "--from", worse.toString(), "--min-cosine", "0.9");
        assertEquals(1, refuse.exitCode(), refuse.stdout() + refuse.stderr());
        assertTrue(refuse.stderr().contains("no profiled variant meets mean cosine to fp32 >= 0.9; the best is fp32"), refuse.stderr());
    }

    @Test
    void sweep_everyCombination_fewTextsSaidSo_noKnnWithoutLabels() throws IOException {
        // Long texts (about 128 tokens): each pass takes some 0.3 s of CPU, well above the kernel's 10 ms ticks that energy is attributed by.
        Path texts = Files.write(dir.resolve("few.txt"), Files.readAllLines(data().get(0)).subList(0, 8).stream().map(t -> (t + " ").repeat(8)).toList());
        var r = cli().run("lab", "sweep", "--model", "all-minilm-l6-v2", "--variants", "fp32", "--input", texts.toString(), "--threads", "1",
                "--batch", "1,4", "--spin", "both", "--rounds", "1", "--latency-texts", "2", "--warmup", "2", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(1 + 4, keys(r.stdout()).size(), "fp32 at batch 1 and 4, spin off and on: " + r.stdout());
        assertTrue(r.stdout().contains("\"settingsName\" : \"threads=1 workers=") && r.stdout().contains("batch=4 spin=on\""), r.stdout());
        assertFalse(r.stdout().contains("knnAccuracy"), "no labels, no kNN key: " + r.stdout());
        assertTrue(r.stderr().contains("only 8 texts: the neighbour overlap compares 6 nearest neighbours, not 10"), r.stderr());
        var table = cli().run("lab", "pareto", "--model", "all-minilm-l6-v2", "--variants", "fp32", "--input", texts.toString(), "--rounds", "1",
                "--latency-texts", "0", "--warmup", "0");
        assertEquals(0, table.exitCode(), table.stderr());
        assertTrue(table.stdout().contains("energy per query vs mean cosine to fp32") && table.stdout().contains("* "), table.stdout());
    }

    @Test
    void profile_labelsCountMismatch_exits2_namingBothCounts() throws IOException {
        List<Path> d = data();
        Path fewer = Files.write(dir.resolve("few.txt"), Files.readAllLines(d.get(1)).subList(0, 39));
        var r = cli().run("lab", "profile", "--model", "all-minilm-l6-v2", "--input", d.get(0).toString(), "--labels", fewer.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("has 39 labels but --input " + d.get(0) + " has 40 texts"), r.stderr());
        assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
    }

    @Test
    void labCommands_userMistakes_exit2() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"model\": 3}");
        var notResult = cli().run("lab", "pareto", "--from", bad.toString());
        assertEquals(2, notResult.exitCode(), notResult.stderr());
        assertTrue(notResult.stderr().contains("is not a lab profile or sweep result"), notResult.stderr());
        var neither = cli().run("lab", "recommend", "--min-cosine", "0.9");
        assertEquals(2, neither.exitCode());
        assertTrue(neither.stderr().contains("give --from FILE.json"), neither.stderr());
        var noLabels = cli().run("lab", "recommend", "--max-accuracy-drop", "2", "--model", "all-minilm-l6-v2", "--input", bad.toString());
        assertEquals(2, noLabels.exitCode());
        assertTrue(noLabels.stderr().contains("--max-accuracy-drop needs labels"), noLabels.stderr());
        var outOfRange = cli().run("lab", "sweep", "--model", "all-minilm-l6-v2", "--variants", "pruned-100", "--input", bad.toString());
        assertEquals(2, outOfRange.exitCode(), outOfRange.stderr());
        assertTrue(outOfRange.stderr().contains("--variants: pruned percentage 100") && outOfRange.stderr().contains("from 1 to 99"), outOfRange.stderr());
        var spin = cli().run("lab", "sweep", "--model", "all-minilm-l6-v2", "--spin", "sometimes", "--input", bad.toString());
        assertEquals(2, spin.exitCode());
        assertTrue(spin.stderr().contains("--spin sometimes: one of on, off, both"), spin.stderr());
    }
}
