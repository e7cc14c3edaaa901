package dev.greenloop.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop server}'s usage errors: exit 2 naming the flag and value, before any store is opened. */
class ServerCommandTest {

    @TempDir
    Path home;

    private void assertUsage(String inMessage, String... args) {
        Cli.Result r = Cli.inProcess(home).run(args);
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains(inMessage), r.stderr());
        assertTrue(!r.stderr().contains("Exception"), r.stderr());
    }

    @Test
    void authNone_onAllAddresses_refused() {
        assertUsage("--auth none is refused on 0.0.0.0", "server", "--auth", "none", "--bind", "0.0.0.0");
    }

    @Test
    void badFlags_exit2NamingThem() {
        assertUsage("--port: 70000", "server", "--port", "70000");
        assertUsage("--auth: 'maybe'", "server", "--auth", "maybe");
        assertUsage("--port: 70000", "server", "--auth", "token", "--port", "70000");
        assertUsage("-1.0", "server", "--rate-limit", "-1");
        assertUsage("--tls-keystore", "server", "--tls-keystore", home.resolve("missing.p12").toString());
        assertUsage("--trace", "server", "--trace", "DE");
        assertUsage("add --model NAME", "server", "--variants", "fp32,int8");
        assertUsage("--serving-zone GB: the server has no intensity for it", "server", "--model", "all-minilm-l6-v2", "--serving-zone", "GB",
                "--no-local-agent");
        assertUsage("--carbon-aware needs the grid's intensity: give --serving-zone", "server", "--model", "all-minilm-l6-v2", "--carbon-aware",
                "--quality-floor", "0.99", "--dirty-above", "300", "--no-local-agent");
    }

    @Test
    void anomalyWebhook_notAnHttpUrl_exit2NamingIt() {
        assertUsage("--anomaly-webhook: 'ftp://hooks.example.org/x' is not an http or https URL", "server", "--anomaly-webhook",
                "ftp://hooks.example.org/x");
        Cli.Result r = Cli.inProcess(home).env("GREENLOOP_ANOMALY_WEBHOOK", "hooks.example.org").run("server");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("GREENLOOP_ANOMALY_WEBHOOK: 'hooks.example.org'"), r.stderr());
    }

    @Test
    void providerWithoutZone_exit2() {
        Cli.Result r = Cli.inProcess(home).run("server", "--provider", "neso");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--zone"), r.stderr());
    }

    @Test
    void tokenCreate_unknownRole_exit2() {
        assertUsage("--role: unknown role 'root': give viewer, agent or admin", "server", "token", "create", "--role", "root");
    }

    @Test
    void help_listsTheTokenCommands() {
        Cli.Result r = Cli.inProcess(home).run("server", "token", "--help");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("create") && r.stdout().contains("list") && r.stdout().contains("revoke"), r.stdout());
    }
}
