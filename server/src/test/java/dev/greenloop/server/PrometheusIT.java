package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.greenloop.app.Fleet;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.ComponentTotal;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's {@code prometheus} package, 2.x) scrapes {@code /metrics} every second with a bearer
 * token, as docs/server.md configures it, and PromQL answers with the fake store's totals. Without a prometheus binary
 * the test fails saying how to get one; {@code GREENLOOP_PROMETHEUS_TESTS=0} skips it on purpose. The query API's
 * shape is Prometheus's documented HTTP API: https://prometheus.io/docs/prometheus/latest/querying/api/.
 */
class PrometheusIT {

    private static final Instant T = Instant.parse("2026-12-05T08:00:00Z");
    private static final String TOKEN = "scrape-token-for-the-test";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void prometheusScrapes_sumByNode_equalsTheStoresCountedTotals_andFollowsTheStore() throws Exception {
        Assumptions.assumeFalse("0".equals(System.getenv("GREENLOOP_PROMETHEUS_TESTS")),
                "GREENLOOP_PROMETHEUS_TESTS=0: the Prometheus test is skipped on purpose");
        String prometheus = prometheusBinary();
        TotalsFleetStore store = new TotalsFleetStore().totals(List.of(
                new ComponentTotal("gpu-1", "cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, 1500.25, 60, T),
                new ComponentTotal("gpu-1", "core-0", Scope.CORE, Provenance.MEASURED, 900, 40, T),
                new ComponentTotal("gpu-1", "dram-0", Scope.DRAM, Provenance.MEASURED, 300.5, 8, T),
                new ComponentTotal("gpu-1", "gpu-0", Scope.GPU, Provenance.MEASURED, 12000, 280, T),
                new ComponentTotal("laptop", "psys", Scope.PSYS, Provenance.MEASURED, 420, 12, T),
                new ComponentTotal("laptop", "cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, 250, 6, T),
                new ComponentTotal("vm-3", "cpu", Scope.CPU, Provenance.MODELLED, 77.75, 3, T)));
        Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
        try (Fleet fleet = new Fleet(store);
                MetricsServer server = new MetricsServer(fleet, new ServerMetrics(), FleetSources::of, false, TOKEN)) {
            int webPort = freePort();
            Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    scrape_configs:
                      - job_name: greenloop
                        scrape_interval: 1s
                        scrape_timeout: 1s
                        metrics_path: /metrics
                        authorization:
                          type: Bearer
                          credentials_file: %s
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(tokenFile, server.port()));
            Path log = dir.resolve("prometheus.log");
            Process p = new ProcessBuilder(prometheus, "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + webPort).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                String api = "http://127.0.0.1:" + webPort;
                // The counted family only: cpu-package, dram and gpu of gpu-1 (core is within its package), psys alone on
                // the laptop (its package is within psys), the VM's modelled cpu.
                Map<String, Double> expected = Map.of("gpu-1", 1500.25 + 300.5 + 12000, "laptop", 420.0, "vm-3", 77.75);
                String byNode = "sum by (node) (greenloop_node_energy_joules_total{job=\"greenloop\"})";
                assertEquals(expected, awaitVector(api, byNode, expected, p, log));
                assertEquals(1.0, awaitVector(api, "up{job=\"greenloop\"}", Map.of("", 1.0), p, log).get(""));

                // Every query of the Grafana dashboard is PromQL this Prometheus accepts, with Grafana's variables set.
                for (String expr : dashboardQueries()) {
                    String promql = expr.replace("$__rate_interval", "1m").replace("$__range", "5m").replace("$node", ".*");
                    String answer = query(api, promql);
                    assertEquals("success", ((Map<?, ?>) Json.parse(answer)).get("status"), promql + " answered " + answer);
                }

                // Counters grow in the store; the next scrape reads them, nothing cached in the server.
                store.totals(List.of(new ComponentTotal("vm-3", "cpu", Scope.CPU, Provenance.MODELLED, 100.5, 3, T)));
                Map<String, Double> grown = Map.of("vm-3", 100.5);
                assertEquals(grown, awaitVector(api, byNode, grown, p, log));
            } finally {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Queries until the instant vector equals {@code expected} (by node label, "" without one) or the wait ends. */
    private static Map<String, Double> awaitVector(String api, String query, Map<String, Double> expected, Process p, Path log)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Map<String, Double> last = Map.of();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("prometheus exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                last = vector(get(api + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
                if (last.equals(expected)) {
                    return last;
                }
            } catch (IOException notUpYet) {
                // Prometheus is still starting: its port answers only once the TSDB is open. Ask again below.
            }
            Thread.sleep(250);
        }
        return fail("PromQL " + query + " answered " + last + ", not " + expected + ", within " + WAIT + "; prometheus log:\n"
                + Files.readString(log));
    }

    @SuppressWarnings("unchecked")
    private static List<String> dashboardQueries() throws IOException {
        Map<String, Object> dashboard = (Map<String, Object>) Json.parse(
                Files.readString(GrafanaDashboardTest.docs().resolve("grafana/greenloop-fleet.json")));
        List<String> queries = new java.util.ArrayList<>();
        for (Object panel : (List<Object>) dashboard.get("panels")) {
            for (Object target : (List<Object>) ((Map<String, Object>) panel).get("targets")) {
                queries.add((String) ((Map<String, Object>) target).get("expr"));
            }
        }
        return queries;
    }

    /** @return the query API's answer, an error's body included (400 for a query Prometheus cannot parse) */
    private static String query(String api, String promql) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(api + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8)).toURL().openConnection();
        try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> vector(String body) throws IOException {
        Map<String, Object> answer = (Map<String, Object>) Json.parse(body);
        if (!"success".equals(answer.get("status"))) {
            throw new IOException("query failed: " + body);
        }
        Map<String, Object> data = (Map<String, Object>) answer.get("data");
        Map<String, Double> values = new TreeMap<>();
        for (Object o : (List<Object>) data.get("result")) {
            Map<String, Object> series = (Map<String, Object>) o;
            Map<String, Object> metric = (Map<String, Object>) series.get("metric");
            List<Object> value = (List<Object>) series.get("value");
            values.put((String) metric.getOrDefault("node", ""), Double.parseDouble((String) value.get(1)));
        }
        return values;
    }

    private static String get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setConnectTimeout(2000);
        c.setReadTimeout(5000);
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** @return the prometheus binary: $GREENLOOP_PROMETHEUS, else what scripts/prometheus-test-setup.sh finds or installs */
    private static String prometheusBinary() throws Exception {
        String env = System.getenv("GREENLOOP_PROMETHEUS");
        if (env != null && !env.isBlank()) {
            return env;
        }
        Path script = repositoryRoot().resolve("scripts/prometheus-test-setup.sh");
        Process setup = new ProcessBuilder(script.toString()).redirectErrorStream(false).start();
        String out = new String(setup.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(setup.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int code = setup.waitFor();
        if (code != 0 || out.isEmpty()) {
            fail(("no Prometheus to scrape the server with: %s exited %d: %s%n"
                    + "Install Debian's package ('sudo apt-get install prometheus'; run as root on Debian the script does it, as"
                    + " .ci/run does), or set GREENLOOP_PROMETHEUS to a prometheus 2.x binary, or set GREENLOOP_PROMETHEUS_TESTS=0"
                    + " to skip this test.").formatted(script, code, err));
        }
        return out;
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("scripts/prometheus-test-setup.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            fail("scripts/prometheus-test-setup.sh not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
