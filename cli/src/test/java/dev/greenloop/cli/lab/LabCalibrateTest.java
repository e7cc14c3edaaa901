package dev.greenloop.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop lab calibrate}'s usage errors: exit 2 naming the flag and value, before any model is loaded. */
class LabCalibrateTest {

    @TempDir
    Path home;

    private Cli.Result run(String... args) {
        return Cli.inProcess(home).env("GREENLOOP_MAVEN_REPO", home.resolve("empty-repo").toString()).run(args);
    }

    private void assertUsage(String inMessage, String... args) {
        Cli.Result r = run(args);
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(inMessage), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }

    @Test
    void badBudgetFewTextsOrNoFile_exit2NamingThem() throws Exception {
        Path many = Files.write(home.resolve("many.txt"), Collections.nCopies(150, "a query"));
        Path few = Files.write(home.resolve("few.txt"), Collections.nCopies(20, "a query"));
        String m = "all-minilm-l6-v2";
        assertUsage("--budget 0.0: must be above 0 and at most 1", "lab", "calibrate", "--model", m, "--input", many.toString(), "--budget", "0");
        assertUsage("--budget 1.5", "lab", "calibrate", "--model", m, "--input", many.toString(), "--budget", "1.5");
        assertUsage("has 20 texts: give at least 100", "lab", "calibrate", "--model", m, "--input", few.toString());
        assertUsage("--input", "lab", "calibrate", "--model", m, "--input", home.resolve("none.txt").toString());
        assertUsage("Missing required option: '--input=TEXTS'", "lab", "calibrate", "--model", m);
    }

    @Test
    void embedCascade_notCalibrated_exit1NamingTheCommand() throws Exception {
        Path in = Files.writeString(home.resolve("in.txt"), "a query\n");
        // A model directory: no fetching, and the cascade is not calibrated for it.
        Path dir = Files.createDirectories(home.resolve("m"));
        Files.writeString(dir.resolve("model.onnx"), "not a model");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        Cli.Result r = run("lab", "embed", "--model-dir", dir.toString(), "--pooling", "mean", "--variant", "cascade", "--input", in.toString(),
                "--output", home.resolve("out.jsonl").toString());
        assertEquals(1, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("variant cascade of") && r.stderr().contains("greenloop lab calibrate --model-dir " + dir), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }
}
