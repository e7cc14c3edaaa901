package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.Fleet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/greenloop-fleet.json is valid JSON whose every metric is one that {@code /metrics} exports, and
 * docs/server.md lists every exported family. Dashboard JSON model: https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/
 */
class GrafanaDashboardTest {

    private static final Pattern METRIC = Pattern.compile("greenloop_[a-z0-9_]+");

    static Path docs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/grafana"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "docs/grafana not found above " + Path.of("").toAbsolutePath());
        return dir.resolve("docs");
    }

    /** @return every sample name a scrape with data in every family writes (counters' _total, histograms' _bucket...) */
    static Set<String> exportedSampleNames() throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        metrics.recordRequest("GET", "/metrics", 200, 0.01);
        metrics.recordIngest(1, 0, 0.5);
        try (Fleet fleet = new Fleet(new TotalsFleetStore().totals(MetricsRoutesTest.totals()));
                MetricsServer server = new MetricsServer(fleet, metrics, MetricsRoutesTest::sources)) {
            return Exposition.parse(server.get(null).body()).samples().stream().map(Exposition.Sample::name)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void dashboard_validJson_everyMetricExported_everyPanelHasAQuery() throws Exception {
        Map<String, Object> dashboard = (Map<String, Object>) Json.parse(Files.readString(docs().resolve("grafana/greenloop-fleet.json")));
        List<String> strings = new ArrayList<>();
        strings(dashboard, strings);
        Set<String> used = new TreeSet<>();
        for (String s : strings) {
            Matcher m = METRIC.matcher(s);
            while (m.find()) {
                used.add(m.group());
            }
        }
        Set<String> exported = exportedSampleNames();
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(exported);
        assertEquals(Set.of(), unknown, "metrics the dashboard uses but /metrics does not export (it exports " + exported + ")");
        for (String family : List.of("greenloop_node_power_watts", "greenloop_node_energy_joules_total",
                "greenloop_node_emissions_grams_total", "greenloop_grid_intensity_grams_per_kwh",
                "greenloop_ingest_lag_seconds_bucket", "greenloop_http_request_duration_seconds_bucket")) {
            assertTrue(used.contains(family), "the dashboard shows " + family);
        }
        List<Object> panels = (List<Object>) dashboard.get("panels");
        Set<Object> ids = new TreeSet<>();
        for (Object o : panels) {
            Map<String, Object> panel = (Map<String, Object>) o;
            assertTrue(ids.add(panel.get("id")), "panel ids are unique: " + panel.get("id"));
            List<Object> targets = (List<Object>) panel.get("targets");
            assertFalse(targets.isEmpty(), "panel " + panel.get("title") + " has a query");
            for (Object t : targets) {
                assertTrue(METRIC.matcher((String) ((Map<String, Object>) t).get("expr")).find(), "query of " + panel.get("title"));
            }
        }
    }

    @Test
    void serverDocs_listEveryExportedFamily() throws Exception {
        String doc = Files.readString(docs().resolve("server.md"));
        for (String name : exportedSampleNames()) {
            String family = name.replaceAll("_(bucket|count|sum|created)$", "");
            assertTrue(doc.contains("`" + family + "`"), "docs/server.md lists " + family);
        }
    }

    @SuppressWarnings("unchecked")
    private static void strings(Object node, List<String> into) {
        if (node instanceof String s) {
            into.add(s);
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> strings(v, into));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> strings(v, into));
        }
    }
}
