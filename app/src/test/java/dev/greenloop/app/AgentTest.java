package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.testfixtures.FakeIngestServer;
import dev.greenloop.testfixtures.FakePowercap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent against a fake ingest server on loopback, sampling a fake powercap counter that the test drives. */
class AgentTest {

    private static final String TOKEN = "s3cret-agent-token";
    private static final long START_UJ = 5_000_000_000L;

    @TempDir
    Path home;
    @TempDir
    Path sys;

    private FakeIngestServer server;
    private FakePowercap rapl;
    private final List<String> status = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        server = new FakeIngestServer(TOKEN);
        rapl = FakePowercap.create(sys, START_UJ);
        // 7 J every 10 ms while drawing: 700 W, in whole microjoules so that sums are exact.
        rapl.drive(7_000_000);
    }

    @AfterEach
    void tearDown() {
        rapl.close();
        server.close();
        assertTrue(status.stream().noneMatch(l -> l.contains(TOKEN)), "the token never appears in status lines: " + status);
    }

    private Agent agent(String token) {
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "DE",
                "GREENLOOP_SYSFS_ROOT", sys.toString(), "GREENLOOP_PUE", "1.2"));
        Agent.Tuning fast = new Agent.Tuning(AgentSpool.Limits.DEFAULT, Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), 50);
        return new Agent(settings, new Agent.Options(server.baseUrl(), token, "node-a", Duration.ofMillis(50)), status::add, fast);
    }

    /** A running agent: started in the background, drawing power once it sampled its first reading. */
    private record Running(Agent agent, CompletableFuture<Agent.Outcome> outcome) {
    }

    private Running start(String token) {
        Agent a = agent(token);
        int before = status.size();
        CompletableFuture<Agent.Outcome> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return a.run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        await(() -> status.stream().skip(before).anyMatch(l -> l.startsWith("sampling node")) || outcome.isDone(), "the agent started");
        rapl.drawing(true);
        return new Running(a, outcome);
    }

    /** Stops drawing (the counter is frozen), lets the agent read the frozen value, and stops it. */
    private Agent.Outcome stop(Running r) throws Exception {
        rapl.drawing(false);
        Thread.sleep(150);
        r.agent().stop();
        return r.outcome().get(30, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private double drawnJoules() {
        return (rapl.microjoules() - START_UJ) / 1e6;
    }

    private double storedPackageJoules() {
        return server.joulesByComponent().getOrDefault("cpu-package-0", 0.0);
    }

    @Test
    void run_samplesArriveWithTheIngestFieldsAndUniqueIds_energyExact() throws Exception {
        Running r = start(TOKEN);
        await(() -> server.stored().size() >= 20, "samples arrived");
        Agent.Outcome outcome = stop(r);

        assertFalse(outcome.tokenRefused(), outcome.message());
        assertEquals(0, outcome.left(), outcome.message());
        List<FakeIngestServer.Stored> pkg = server.stored().stream().filter(s -> s.component().equals("cpu-package-0")).toList();
        assertTrue(pkg.size() >= 5, "one sample per interval: " + pkg.size());
        for (FakeIngestServer.Stored s : pkg) {
            assertEquals("cpu-package", s.scope());
            assertEquals("measured", s.provenance());
            assertTrue(s.seconds() > 0 && s.seconds() < 1, "interval length " + s.seconds());
            assertEquals(s.joules() / s.seconds(), s.watts(), 1e-6, "watts are the interval's mean power");
            assertTrue(s.id().matches("node-a-\\d+-\\d+-cpu-package-0"), s.id());
        }
        Set<String> ids = new HashSet<>();
        server.stored().forEach(s -> assertTrue(ids.add(s.id()), "unique id " + s.id()));
        assertEquals(0, server.duplicates());
        assertEquals(drawnJoules(), storedPackageJoules(), 1e-6, "energy received equals energy drawn, to the microjoule");
        assertTrue(drawnJoules() > 0);
        FakeIngestServer.Request first = server.requests().getFirst();
        assertEquals("node-a", first.node());
        assertEquals("Bearer " + TOKEN, first.authorization());
        assertTrue(first.query().contains("zone=DE") && first.query().contains("pue=1.2") && first.query().contains("hardware="), first.query());
        assertTrue(status.stream().anyMatch(l -> l.startsWith("connected to " + server.baseUrl())), status.toString());
        assertTrue(Files.exists(home.resolve("agent-spool")), "the spool folder is made");
    }

    @Test
    void run_serverDownForAWhile_samplesSpooledAndReplayedInOrder_totalsExact_noDuplicates() throws Exception {
        Running r = start(TOKEN);
        await(() -> server.stored().size() >= 4, "samples arrived");
        server.stop();
        await(() -> status.stream().anyMatch(l -> l.contains("unreachable")), "the agent saw the server go");
        int atStop = server.stored().size();
        Thread.sleep(800); // about 16 intervals sampled while away
        assertEquals(atStop, server.stored().size());
        server.restart();
        await(() -> status.stream().anyMatch(l -> l.startsWith("replayed")), "the spool was replayed");
        Agent.Outcome outcome = stop(r);

        assertEquals(0, outcome.left(), outcome.message());
        assertTrue(status.stream().anyMatch(l -> l.contains("is back after")), status.toString());
        long replayed = status.stream().filter(l -> l.startsWith("replayed")).mapToLong(l -> Long.parseLong(l.split(" ")[1])).sum();
        assertTrue(replayed >= 2 * 10, "about 16 intervals of 2 components replayed, was " + replayed);
        assertEquals(drawnJoules(), storedPackageJoules(), 1e-6, "nothing lost while the server was away, nothing counted twice");
        // A batch the server stored as it went away but could not acknowledge is sent again, and skipped: one at most.
        assertTrue(server.duplicates() <= 50, "resent at most one batch: " + server.duplicates());
        List<Instant> times = server.stored().stream().filter(s -> s.component().equals("cpu-package-0")).map(FakeIngestServer.Stored::time).toList();
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i).isAfter(times.get(i - 1)), "stored in time order: " + times);
        }
    }

    @Test
    void run_tooManyRequests_waitsRetryAfterThenSends() throws Exception {
        server.answerNext(429, 1, 1);
        Instant begun = Instant.now();
        Running r = start(TOKEN);
        await(() -> !server.stored().isEmpty(), "samples arrived after the wait");
        assertTrue(Duration.between(begun, Instant.now()).toMillis() >= 900, "Retry-After: 1 was waited");
        stop(r);
        assertTrue(status.stream().anyMatch(l -> l.contains("HTTP 429")), status.toString());
        assertEquals(drawnJoules(), storedPackageJoules(), 1e-6);
    }

    @Test
    void run_agentRestartedOverTheSameSpool_replaysWhatTheFirstLeft() throws Exception {
        server.stop();
        Running first = start(TOKEN);
        Thread.sleep(500);
        Agent.Outcome one = stop(first);
        assertTrue(one.left() > 0, "the first agent's samples stay in the spool: " + one.message());
        assertTrue(one.message().contains("stay in " + home.resolve("agent-spool")), one.message());
        double drawnByFirst = drawnJoules();
        assertTrue(drawnByFirst > 0);

        server.restart();
        Running second = start(TOKEN);
        await(() -> storedPackageJoules() >= drawnByFirst - 1e-6, "the leftover was replayed");
        Agent.Outcome two = stop(second);

        assertTrue(status.stream().anyMatch(l -> l.contains("left in") && l.contains("replaying them first")), status.toString());
        assertEquals(0, two.left(), two.message());
        assertEquals(drawnJoules(), storedPackageJoules(), 1e-6, "both agents' energy, exactly");
        assertEquals(0, server.duplicates());
        Set<String> sessions = new HashSet<>();
        server.stored().forEach(s -> sessions.add(s.id().split("-")[2]));
        assertEquals(2, sessions.size(), "two sessions, two id prefixes: " + sessions);
    }

    @Test
    void run_badRequest_batchDeadLetteredAndTheAgentGoesOn() throws Exception {
        server.answerNext(400, 1, -1);
        Running r = start(TOKEN);
        await(() -> server.stored().size() >= 10, "later samples arrived");
        stop(r);

        Path deadLetter = home.resolve("agent-spool").resolve(AgentSpool.DEAD_LETTER);
        assertTrue(Files.exists(deadLetter));
        List<String> lines = Files.readAllLines(deadLetter);
        assertEquals(1, lines.size());
        assertTrue(lines.getFirst().contains("\"status\":400") && lines.getFirst().contains("\"samples\":[{\"id\":\"node-a-"), lines.getFirst());
        assertTrue(status.stream().anyMatch(l -> l.contains("refused a batch") && l.contains(deadLetter.toString())), status.toString());
        double deadJoules = 0;
        try (var p = SampleJson.JSON.createParser(lines.getFirst())) {
            while (p.nextToken() != null) {
                if (p.currentToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && p.currentName().equals("component")) {
                    p.nextToken();
                    boolean pkg = p.getText().equals("cpu-package-0");
                    while (!(p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && p.currentName().equals("joules"))) {
                        // to this sample's joules
                    }
                    p.nextToken();
                    deadJoules += pkg ? p.getDoubleValue() : 0;
                }
            }
        }
        assertEquals(drawnJoules(), storedPackageJoules() + deadJoules, 1e-6, "stored plus dead-lettered is all that was sampled");
        if (Files.getFileStore(deadLetter).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(deadLetter)));
        }
    }

    @Test
    void run_batchTooLargeForTheServer_sentAgainInSmallerBatches_nothingDeadLettered() throws Exception {
        server.stop();
        Running r = start(TOKEN);
        Thread.sleep(600); // a backlog of about 12 intervals, 24 samples, more than one batch of the server's 5
        server.maxBatch(5);
        server.restart();
        await(() -> status.stream().anyMatch(l -> l.startsWith("replayed")), "the backlog went");
        stop(r);

        assertTrue(status.stream().anyMatch(l -> l.contains("HTTP 413") && l.contains("sending at most")), status.toString());
        assertFalse(Files.exists(home.resolve("agent-spool").resolve(AgentSpool.DEAD_LETTER)), "nothing dead-lettered");
        assertTrue(server.requests().stream().filter(q -> q.status() == 202).allMatch(q -> q.samples() <= 5));
        assertEquals(drawnJoules(), storedPackageJoules(), 1e-6);
    }

    @Test
    void run_tokenRefused_stopsWithAClearMessage() throws Exception {
        Running r = start("wrong-token");
        Agent.Outcome outcome = r.outcome().get(20, TimeUnit.SECONDS);
        rapl.drawing(false);

        assertTrue(outcome.tokenRefused());
        assertTrue(outcome.message().contains("refused the token (HTTP 401") && outcome.message().contains("GREENLOOP_TOKEN"),
                outcome.message());
        assertFalse(outcome.message().contains("wrong-token"));
        assertTrue(server.stored().isEmpty());
    }

    @Test
    void run_secondAgentOnTheSameHome_isRefused() throws Exception {
        Running r = start(TOKEN);
        try {
            AgentException e = org.junit.jupiter.api.Assertions.assertThrows(AgentException.class, () -> agent(TOKEN).run());
            assertTrue(e.getMessage().contains("another greenloop agent"), e.getMessage());
        } finally {
            stop(r);
        }
    }

    @Test
    void serverUri_notAUrl_namesTheValue() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> Agent.serverUri("--server", "fleet:8080"));
        assertEquals("--server: 'fleet:8080' is not a server URL; write it like http://fleet.example:8080", e.getMessage());
        assertEquals("https://fleet.example/g", Agent.serverUri("--server", "https://fleet.example/g").toString());
    }
}
