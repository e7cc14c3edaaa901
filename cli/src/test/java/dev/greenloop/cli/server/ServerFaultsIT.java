package dev.greenloop.cli.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's faults, each with real processes: {@code kill -9} of the server during ingest, then a restart (the
 * pushes it never acknowledged are replayed with the same ids; totals exact, nothing counted twice), and PostgreSQL
 * restarted under a running server (it answers 503 meanwhile, then reconnects by itself), and two replicas sharing one
 * PostgreSQL.
 *
 * <p>The pusher plays an agent as {@code greenloop agent} behaves: each batch keeps its sample ids, and a batch stays
 * pending until a 202 answers it, retried in order.
 */
class ServerFaultsIT {

    @TempDir
    Path home;

    @Test
    void killDashNineDuringIngest_restartAndReplay_totalsExactWithoutDuplicates() throws Exception {
        Cli cli = new Cli(home);
        String agent = ServerTests.token(cli, "agent", "pusher");
        String viewer = ServerTests.token(cli, "viewer", "reader");
        int port = ServerTests.freePort();
        Server server = new Server(cli, port);
        Pusher pusher = new Pusher(port, agent, "faulty-1");
        try {
            pusher.push(40); // acknowledged before the kill
            CompletableFuture<Void> during = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                pusher.pushQuietly(400);
                during.complete(null);
            });
            Thread.sleep(300);
            server.kill(); // SIGKILL, mid-stream: some batches committed without their 202, others never reached it
            during.join();
            assertTrue(pusher.pending() > 0, "the kill left pushes unacknowledged");
            server = new Server(cli, port);
            pusher.replay(Duration.ofSeconds(60));
            pusher.push(20);
            double stored = energy(port, viewer, "faulty-1");
            assertEquals(pusher.sentJoules(), stored, 0.0, "energy on the server after kill -9 and replay equals what was sent, exactly");
        } finally {
            server.stop();
        }
    }

    @Test
    void postgresqlRestartedUnderTheServer_503MeanwhileThenItReconnects() throws Exception {
        Path data = home.resolve("pgdata");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        int pgPort = postgres.getPort();
        String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres";
        Cli cli = new Cli(home).env("GREENLOOP_DB", url);
        String agent = ServerTests.token(cli, "agent", "pusher");
        String viewer = ServerTests.token(cli, "viewer", "reader");
        int port = ServerTests.freePort();
        Server server = new Server(cli, port);
        Pusher pusher = new Pusher(port, agent, "pg-1");
        try {
            pusher.push(10);
            postgres.close();
            int status = pusher.tryOnce();
            assertEquals(503, status, "with the database down, ingest says 503 (try again), not 500 or 202");
            postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(pgPort).start();
            pusher.replay(Duration.ofSeconds(60));
            pusher.push(10);
            assertEquals(pusher.sentJoules(), energy(port, viewer, "pg-1"), 0.0, "nothing lost across the database restart");
        } finally {
            server.stop();
            postgres.close();
        }
    }

    @Test
    void twoReplicasOnOnePostgresql_serveTheSameData_andBothRefuseARevokedToken() throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
        Cli cli = new Cli(home).env("GREENLOOP_DB", url);
        String agent = ServerTests.token(cli, "agent", "pusher");
        String viewer = ServerTests.token(cli, "viewer", "reader");
        int portA = ServerTests.freePort();
        int portB = ServerTests.freePort();
        Server a = new Server(cli, portA);
        Server b = new Server(cli, portB);
        try {
            Pusher pusher = new Pusher(portA, agent, "shared-1");
            pusher.push(30);
            assertEquals(pusher.sentJoules(), energy(portB, viewer, "shared-1"), 0.0, "a replica serves what another took in");
            assertEquals(metric(portA, viewer), metric(portB, viewer), "both replicas export the same fleet counter");
            assertEquals(0, cli.run("server", "token", "revoke", "reader").exitCode());
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            int statusA = 0;
            int statusB = 0;
            while (System.nanoTime() < deadline && (statusA != 401 || statusB != 401)) {
                statusA = status(portA, viewer);
                statusB = status(portB, viewer);
                Thread.sleep(250);
            }
            assertEquals(401, statusA, "replica A refuses the revoked token within its 5 s cache");
            assertEquals(401, statusB, "replica B too");
        } finally {
            a.stop();
            b.stop();
            postgres.close();
        }
    }

    private static int status(int port, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/nodes"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String metric(int port, String token) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(l -> l.startsWith("greenloop_node_energy_joules_total{") && l.contains("shared-1")).sorted().toList().toString();
    }

    @Test
    void builtInAgent_samplesThisNodeIntoTheStore_measuredCountersShowUpAndHealthSaysRunning() throws Exception {
        Path sysfs = Cli.fakePowercap(home.resolve("sys"), 5_000_000);
        Path counter = sysfs.resolve("devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj");
        Cli cli = new Cli(home).env("GREENLOOP_SYSFS_ROOT", sysfs.toString()).env("GREENLOOP_INTERVAL", "200ms");
        String viewer = ServerTests.token(cli, "viewer", "reader");
        int port = ServerTests.freePort();
        Server server = new Server(cli, port, "server", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--node", "this-node");
        try {
            HttpClient client = HttpClient.newHttpClient();
            String health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(health.replace(" ", "").contains("\"agent\":\"running\""), health);
            long uj = 5_000_000;
            String nodes = "";
            for (int i = 0; i < 100 && !nodes.contains("package-0"); i++) {
                uj += 2_000_000; // 2 J more per 100 ms: 20 W
                java.nio.file.Files.writeString(counter, uj + "\n");
                Thread.sleep(100);
                nodes = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/nodes/this-node"))
                        .header("Authorization", "Bearer " + viewer).build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue(nodes.contains("package-0") && nodes.replace(" ", "").contains("\"provenance\":\"measured\""),
                    "the built-in agent stored this node's RAPL package, measured: " + nodes);
        } finally {
            server.stop();
        }
    }

    private static double energy(int port, String viewer, String node) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/nodes/" + node + "/energy?from=2026-05-31T00:00:00Z&to=2026-06-30T00:00:00Z"))
                .header("Authorization", "Bearer " + viewer).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = Pattern.compile("\"totalJoules\"\\s*:\\s*([0-9.eE+-]+)").matcher(r.body());
        assertTrue(m.find(), r.body());
        return Double.parseDouble(m.group(1));
    }

    /** A {@code greenloop server} child process on a port, without a local agent. */
    private static final class Server {
        private final Process process;
        private final CompletableFuture<String> out;
        private final CompletableFuture<String> err;

        Server(Cli cli, int port) throws Exception {
            this(cli, port, "server", "--no-local-agent", "--bind", "127.0.0.1", "--port", Integer.toString(port));
        }

        Server(Cli cli, int port, String... args) throws Exception {
            process = cli.start(args);
            out = Cli.drain(process.getInputStream());
            err = Cli.drain(process.getErrorStream());
            HttpClient client = HttpClient.newHttpClient();
            for (int i = 0; i < 300; i++) {
                if (!process.isAlive()) {
                    throw new AssertionError("the server exited " + process.exitValue() + ": " + err.join() + out.join());
                }
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the server did not answer /health in 30 s");
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy(); // SIGTERM: in-flight requests finish, exit 0
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the server did not stop within 30 s of SIGTERM");
            }
        }
    }

    /** Plays an agent: numbered batches of 4 components, each pending until a 202 answers it, replayed in order. */
    private static final class Pusher {
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final int port;
        private final String token;
        private final String node;
        private final Deque<String> pending = new ArrayDeque<>();
        private final Instant t0 = Instant.parse("2026-06-01T00:00:00Z");
        private int next;
        private long sentEighths;

        Pusher(int port, String token, String node) {
            this.port = port;
            this.token = token;
            this.node = node;
        }

        /** Makes {@code n} new batches and pushes them; every one must be acknowledged. */
        void push(int n) throws Exception {
            for (int i = 0; i < n; i++) {
                pending.addLast(batch());
            }
            replay(Duration.ofSeconds(30));
        }

        /** Makes and pushes {@code n} new batches while the server may die: failures stay pending. */
        void pushQuietly(int n) {
            for (int i = 0; i < n; i++) {
                pending.addLast(batch());
                try {
                    while (!pending.isEmpty() && send(pending.peekFirst()) == 202) {
                        pending.removeFirst();
                    }
                } catch (Exception down) {
                    // the server is gone: the batch stays pending
                }
            }
        }

        /** Sends every pending batch, in order, until all are acknowledged or the time is up. */
        void replay(Duration within) throws Exception {
            long deadline = System.nanoTime() + within.toNanos();
            while (!pending.isEmpty()) {
                int status;
                try {
                    status = send(pending.peekFirst());
                } catch (IOException down) {
                    status = -1;
                }
                if (status == 202) {
                    pending.removeFirst();
                } else if (status / 100 == 4 && status != 429) {
                    throw new AssertionError("the server refused a batch: " + status);
                } else if (System.nanoTime() > deadline) {
                    throw new AssertionError(pending.size() + " batches still unacknowledged after " + within + " (last status " + status + ")");
                } else {
                    Thread.sleep(200);
                }
            }
        }

        int tryOnce() throws Exception {
            pending.addLast(batch());
            return send(pending.peekFirst());
        }

        int pending() {
            return pending.size();
        }

        double sentJoules() {
            return sentEighths / 8.0;
        }

        private String batch() {
            int b = next++;
            StringBuilder json = new StringBuilder("[");
            String[][] components = {{"cpu-package-0", "cpu-package"}, {"dram-0", "dram"}, {"gpu-0", "gpu"}, {"core-0", "core"}};
            for (int c = 0; c < components.length; c++) {
                long eighths = 8L * (10 + c) + (b % 8);
                if (!components[c][1].equals("core")) {
                    sentEighths += eighths; // core is a breakdown of cpu-package, never part of a total
                }
                json.append(c == 0 ? "" : ",").append("{\"id\":\"b").append(b).append("-c").append(c).append("\",\"time\":\"")
                        .append(t0.plusSeconds(b + 1)).append("\",\"seconds\":1,\"component\":\"").append(components[c][0])
                        .append("\",\"scope\":\"").append(components[c][1]).append("\",\"provenance\":\"measured\",\"joules\":")
                        .append(eighths / 8.0).append(",\"watts\":").append(eighths / 8.0).append('}');
            }
            return json.append(']').toString();
        }

        private int send(String body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/nodes/" + node + "/samples?zone=DE&pue=1.0"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }
}
