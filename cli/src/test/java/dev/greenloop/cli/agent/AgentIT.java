package dev.greenloop.cli.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.testfixtures.FakeIngestServer;
import dev.greenloop.testfixtures.FakePowercap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenloop agent} and {@code measure --server} as real processes against a fake ingest server on loopback,
 * sampling a fake powercap counter the test drives at 100 W.
 */
class AgentIT {

    private static final String TOKEN = "it-agent-token";
    private static final long START_UJ = 1_000_000_000L;
    /** 1 J every 10 ms. */
    private static final double WATTS = 100;

    @TempDir
    Path home;
    @TempDir
    Path sys;

    private FakeIngestServer server;
    private FakePowercap rapl;
    private final List<Process> started = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeIngestServer(TOKEN);
        rapl = FakePowercap.create(sys, START_UJ);
        rapl.drive(1_000_000);
    }

    @AfterEach
    void tearDown() {
        rapl.close();
        started.forEach(Process::destroyForcibly);
        server.close();
    }

    /** A child process with its standard error read line by line as it comes. */
    private record Child(Process process, List<String> err, Thread reader) {
        boolean said(String text) {
            return err.stream().anyMatch(l -> l.contains(text));
        }
    }

    private Cli cli() {
        return new Cli(home).env("GREENLOOP_SYSFS_ROOT", sys.toString()).env("GREENLOOP_TOKEN", TOKEN).env("GREENLOOP_CGROUP", "off");
    }

    private Child agent() throws IOException {
        Process p = cli().start("agent", "--server", server.baseUrl().toString(), "--node", "n1", "--interval", "200ms");
        started.add(p);
        List<String> err = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    err.add(line);
                }
            } catch (IOException e) {
                // The process is gone: its lines so far are kept.
            }
        });
        Cli.drain(p.getInputStream());
        p.getOutputStream().close();
        return new Child(p, err, reader);
    }

    private static void await(BooleanSupplier condition, String what, List<String> err) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; stderr: " + err);
            }
            Thread.sleep(20);
        }
    }

    private double drawn() {
        return (rapl.microjoules() - START_UJ) / 1e6;
    }

    private double received() {
        return server.joulesByComponent().getOrDefault("cpu-package-0", 0.0);
    }

    @Test
    void agent_killedWithSigkillMidPush_thenRestarted_losesAtMostOneInterval_countsNothingTwice() throws Exception {
        Child first = agent();
        await(() -> first.said("sampling node n1"), "the first agent samples", first.err());
        rapl.drawing(true);
        await(() -> server.stored().size() >= 6, "samples arrive", first.err());

        server.hold(Duration.ofSeconds(3)); // the next push hangs: the agent is killed while it waits
        await(() -> server.holding() > 0, "a push is in flight", first.err());
        Thread.sleep(500); // two more intervals are spooled meanwhile
        first.process().destroyForcibly(); // SIGKILL: no final push, no clean-up
        assertTrue(first.process().waitFor(30, TimeUnit.SECONDS));
        rapl.drawing(false);
        double drawnByFirst = drawn();
        server.hold(Duration.ZERO);
        await(() -> server.holding() == 0, "the held push ends", first.err());
        assertTrue(Files.list(home.resolve("agent-spool")).anyMatch(f -> f.getFileName().toString().endsWith(".jsonl")),
                "the killed agent left its spool");

        Child second = agent();
        await(() -> second.said("sampling node n1"), "the second agent samples", second.err());
        assertTrue(second.said("replaying them first"), second.err().toString());
        rapl.drawing(true);
        await(() -> received() >= drawnByFirst - WATTS * 0.3, "the first agent's spool is replayed", second.err());
        Thread.sleep(600);
        rapl.drawing(false);
        Thread.sleep(500); // the frozen counter is read
        // SIGTERM through the handle: Process.destroy() would also close our end of its standard error.
        second.process().toHandle().destroy(); // last sample, final push, exit 0
        assertTrue(second.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, second.process().exitValue(), second.err().toString());
        second.reader().join(10_000);
        assertTrue(second.said("stopped: every sample was pushed"), second.err().toString());

        double lost = drawn() - received();
        System.out.printf("AgentIT: kill -9 mid-push: drawn %.1f J, received %.1f J, lost %.1f J, %d duplicates skipped%n", drawn(),
                received(), lost, server.duplicates());
        assertTrue(lost > -1e-6, "nothing counted twice: drawn %s J, received %s J".formatted(drawn(), received()));
        assertTrue(lost <= WATTS * 0.2 + 10, "at most one 200 ms interval (20 J at 100 W, + 10 J for the kill's own latency) lost;"
                + " lost %s J of %s J".formatted(lost, drawn()));
        Set<String> sessions = new HashSet<>();
        server.stored().forEach(s -> sessions.add(s.id().split("-")[1]));
        assertEquals(2, sessions.size(), "each agent session its own ids: " + sessions);
        assertFalse(String.join("\n", second.err()).contains(TOKEN), "the token is never printed");
    }

    @Test
    void agent_tokenRefused_exits1SayingSo() throws Exception {
        Process p = new Cli(home).env("GREENLOOP_SYSFS_ROOT", sys.toString()).env("GREENLOOP_TOKEN", "revoked-token")
                .start("agent", "--server", server.baseUrl().toString(), "--node", "n1", "--interval", "100ms");
        started.add(p);
        var err = Cli.drain(p.getErrorStream());
        Cli.drain(p.getInputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), err.join());
        assertTrue(err.join().contains("the server refused the token (HTTP 401"), err.join());
        assertFalse(err.join().contains("revoked-token"), err.join());
    }

    @Test
    void measureServer_sendsTheRunAsTheNodesSamples_exitCodePassesThrough() {
        Cli.Result r = cli().run("measure", "--interval", "100ms", "--server", server.baseUrl().toString(), "--", "sh", "-c", "sleep 0.5; exit 3");
        assertEquals(3, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("greenloop: server: sent the run's"), r.stderr());
        assertFalse(server.stored().isEmpty());
        assertTrue(server.stored().stream().allMatch(s -> s.id().contains("-run1-")), server.stored().getFirst().id());
    }

    @Test
    void measureServer_serverAway_keptInTheSpool_nextAgentSendsIt() throws Exception {
        server.stop();
        Cli.Result r = cli().run("measure", "--interval", "100ms", "--server", server.baseUrl().toString(), "--", "sleep", "0.5");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("unreachable") && r.stderr().contains("agent-spool"), r.stderr());

        server.restart();
        Child agent = agent();
        await(() -> server.stored().stream().anyMatch(s -> s.id().contains("-run1-")), "the agent sends the run's samples", agent.err());
        agent.process().toHandle().destroy();
        assertTrue(agent.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, agent.process().exitValue(), agent.err().toString());
    }
}
