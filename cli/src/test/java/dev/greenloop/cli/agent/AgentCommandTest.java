package dev.greenloop.cli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop agent}'s usage errors: exit 2, naming the bad value, before anything is sampled or sent. */
class AgentCommandTest {

    @TempDir
    Path home;

    @Test
    void agent_serverNotAUrl_exit2NamingIt() {
        Cli.Result r = Cli.inProcess(home).env("GREENLOOP_TOKEN", "t").run("agent", "--server", "fleet:8080");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--server: 'fleet:8080' is not a server URL; write it like http://fleet.example:8080"), r.stderr());
    }

    @Test
    void agent_badInterval_exit2NamingIt() {
        Cli.Result r = Cli.inProcess(home).env("GREENLOOP_TOKEN", "t").run("agent", "--server", "http://127.0.0.1:9", "--interval", "fast");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--interval") && r.stderr().contains("fast"), r.stderr());
    }

    @Test
    void agent_noToken_exit2SayingWhereToGiveIt() {
        Cli.Result r = Cli.inProcess(home).run("agent", "--server", "http://127.0.0.1:9");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("no token: give --token T or set GREENLOOP_TOKEN"), r.stderr());
    }

    @Test
    void agent_badNodeName_exit2NamingIt() {
        Cli.Result r = Cli.inProcess(home).env("GREENLOOP_TOKEN", "t").run("agent", "--server", "http://127.0.0.1:9", "--node", "a/b");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--node: 'a/b' is not a node name"), r.stderr());
    }

    @Test
    void measure_serverWithoutToken_exit2BeforeRunning() {
        Cli.Result r = Cli.inProcess(home).run("measure", "--server", "http://127.0.0.1:9", "--", "true");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("--server needs a token"), r.stderr());
    }
}
