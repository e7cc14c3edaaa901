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
}
