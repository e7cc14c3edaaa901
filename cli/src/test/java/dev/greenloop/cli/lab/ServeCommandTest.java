package dev.greenloop.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop serve}'s usage errors: exit 2 naming the flag and value, before any model is loaded. */
class ServeCommandTest {

    @TempDir
    Path home;

    private void assertUsage(String inMessage, String... args) {
        Cli.Result r = Cli.inProcess(home).env("GREENLOOP_MAVEN_REPO", home.resolve("empty-repo").toString()).run(args);
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(inMessage), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }

    @Test
    void badFlags_exit2NamingThem() {
        assertUsage("--auth none is refused on 0.0.0.0", "serve", "--model", "all-minilm-l6-v2", "--auth", "none", "--bind", "0.0.0.0");
        assertUsage("--auth: 'maybe'", "serve", "--model", "all-minilm-l6-v2", "--auth", "maybe");
        assertUsage("--port: 70000", "serve", "--model", "all-minilm-l6-v2", "--port", "70000");
        assertUsage("--max-batch 0", "serve", "--model", "all-minilm-l6-v2", "--max-batch", "0");
        assertUsage("--queue 0", "serve", "--model", "all-minilm-l6-v2", "--queue", "0");
        assertUsage("--variants", "serve", "--model", "all-minilm-l6-v2", "--variants", "fp32,int9");
        assertUsage("--zone DE: give its intensity", "serve", "--model", "all-minilm-l6-v2", "--zone", "DE");
        assertUsage("need --zone", "serve", "--model", "all-minilm-l6-v2", "--provider", "neso");
        assertUsage("give either --model NAME or --model-dir DIR", "serve");
    }

    @Test
    void carbonAware_badOrMissingFlags_exit2NamingThem() throws Exception {
        String m = "all-minilm-l6-v2";
        assertUsage("--carbon-aware needs --quality-floor", "serve", "--model", m, "--carbon-aware", "--dirty-above", "300");
        assertUsage("apply with --carbon-aware", "serve", "--model", m, "--quality-floor", "0.99");
        assertUsage("either --dirty-above G", "serve", "--model", m, "--carbon-aware", "--quality-floor", "0.99");
        assertUsage("--carbon-aware needs the grid's intensity", "serve", "--model", m, "--carbon-aware", "--quality-floor", "0.99", "--dirty-above",
                "300");
        assertUsage("--dirty-above -5", "serve", "--model", m, "--carbon-aware", "--quality-floor", "0.99", "--dirty-above", "-5");
        assertUsage("--worst-hours 30", "serve", "--model", m, "--carbon-aware", "--quality-floor", "0.99", "--worst-hours", "30");
        assertUsage("--quality-by 'f1'", "serve", "--model", m, "--carbon-aware", "--quality-floor", "0.99", "--quality-by", "f1", "--dirty-above",
                "300");
        Path trace = java.nio.file.Files.writeString(home.resolve("de.csv"), "Time,Carbon Intensity\n2020-06-10 00:00:00,300\n2020-06-10 01:00:00,310\n");
        assertUsage("the variant fp32 of all-minilm-l6-v2 has no stored profile", "serve", "--model", m, "--variants", "fp32,int8", "--carbon-aware",
                "--quality-floor", "0.99", "--dirty-above", "300", "--zone", "DE", "--trace", trace.toString());
        assertUsage("greenloop lab profile --model all-minilm-l6-v2 --variants fp32,int8", "serve", "--model", m, "--variants", "fp32,int8",
                "--carbon-aware", "--quality-floor", "0.99", "--dirty-above", "300", "--zone", "DE", "--trace", trace.toString());
    }
}
