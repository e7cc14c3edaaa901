package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.Scheduling;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.ComponentTotal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MetricsRoutesTest {

    static final String OPENMETRICS = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    private static final Instant T = Instant.parse("2026-12-05T08:00:00Z");

    /** Two nodes: a RAPL one without psys (core is a breakdown), and a laptop with psys over its package. */
    static List<ComponentTotal> totals() {
        return List.of(
                new ComponentTotal("a", "cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, 1000.5, 50, T),
                new ComponentTotal("a", "core-0", Scope.CORE, Provenance.MEASURED, 600, 30, T),
                new ComponentTotal("a", "dram-0", Scope.DRAM, Provenance.MEASURED, 200.25, 10, T),
                new ComponentTotal("a", "gpu-0", Scope.GPU, Provenance.DERIVED, 5000, 250, T),
                new ComponentTotal("b", "psys", Scope.PSYS, Provenance.MEASURED, 300, 15, T),
                new ComponentTotal("b", "cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, 200, 9, T),
                new ComponentTotal("b", "cpu", Scope.CPU, Provenance.MODELLED, 40, 2, T));
    }

    static FleetSources sources(Fleet fleet) {
        return FleetSources.of(fleet)
                .withEmissions(() -> List.of(new Fleet.NodeEmissions("a", "DE", 2.5), new Fleet.NodeEmissions("b", "FR", 0.125)))
                .withIntensity(() -> List.of(new FleetSources.ZoneIntensity("DE", 380, "average-lifecycle", "actual"),
                        new FleetSources.ZoneIntensity("DE", 350, "average-lifecycle", "forecast")))
                .withJobs(() -> List.of(new Scheduling.JobEnergy("train-1", "a", 1234.5)));
    }

    @Test
    void openMetrics_countersEndInTotal_valuesEqualTheStore_overlapsInTheBreakdownFamilies() throws Exception {
        try (Fleet fleet = new Fleet(new TotalsFleetStore().totals(totals()));
                MetricsServer server = new MetricsServer(fleet, new ServerMetrics(), MetricsRoutesTest::sources)) {
            MetricsServer.Response r = server.get(OPENMETRICS);
            assertEquals(200, r.status());
            assertTrue(r.contentType().startsWith("application/openmetrics-text; version=1.0.0"), r.contentType());
            assertTrue(r.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
            Exposition e = Exposition.parse(r.body());

            for (String counter : List.of("greenloop_node_energy_joules", "greenloop_node_energy_breakdown_joules",
                    "greenloop_node_emissions_grams", "greenloop_job_energy_joules", "greenloop_ingest_samples")) {
                assertTrue(e.comments().contains("# TYPE " + counter + " counter"), counter + " typed counter");
                assertTrue(e.samples().stream().filter(s -> s.name().startsWith(counter + "_") || s.name().equals(counter))
                        .allMatch(s -> s.name().equals(counter + "_total") || s.name().equals(counter + "_created")), counter);
            }
            assertTrue(e.comments().contains("# UNIT greenloop_node_energy_joules joules"));

            assertEquals(1000.5, e.value("greenloop_node_energy_joules_total",
                    Map.of("node", "a", "component", "cpu-package-0", "scope", "cpu-package", "provenance", "measured")));
            assertEquals(5000, e.value("greenloop_node_energy_joules_total",
                    Map.of("node", "a", "component", "gpu-0", "scope", "gpu", "provenance", "derived")));
            assertEquals(600, e.value("greenloop_node_energy_breakdown_joules_total",
                    Map.of("node", "a", "component", "core-0", "scope", "core", "provenance", "measured", "within", "cpu-package")));
            assertEquals(200, e.value("greenloop_node_energy_breakdown_joules_total",
                    Map.of("node", "b", "component", "cpu-package-0", "scope", "cpu-package", "provenance", "measured", "within", "psys")));
            assertEquals(250, e.value("greenloop_node_power_watts",
                    Map.of("node", "a", "component", "gpu-0", "scope", "gpu", "provenance", "derived")));
            assertEquals(30, e.value("greenloop_node_power_breakdown_watts",
                    Map.of("node", "a", "component", "core-0", "scope", "core", "provenance", "measured", "within", "cpu-package")));

            // A plain sum() over the counted family is each node's energy, no joule twice.
            Map<String, Double> byNode = e.named("greenloop_node_energy_joules_total").stream()
                    .collect(Collectors.groupingBy(s -> s.labels().get("node"), Collectors.summingDouble(Exposition.Sample::value)));
            assertEquals(Map.of("a", 1000.5 + 200.25 + 5000, "b", 300.0), byNode, "psys alone counts on b");
            Map<String, Double> wattsByNode = e.named("greenloop_node_power_watts").stream()
                    .collect(Collectors.groupingBy(s -> s.labels().get("node"), Collectors.summingDouble(Exposition.Sample::value)));
            assertEquals(Map.of("a", 310.0, "b", 15.0), wattsByNode);

            assertEquals(2.5, e.value("greenloop_node_emissions_grams_total", Map.of("node", "a", "zone", "DE")));
            assertEquals(0.125, e.value("greenloop_node_emissions_grams_total", Map.of("node", "b", "zone", "FR")));
            assertEquals(350, e.value("greenloop_grid_intensity_grams_per_kwh",
                    Map.of("zone", "DE", "signal", "average-lifecycle", "kind", "forecast")));
            assertEquals(1234.5, e.value("greenloop_job_energy_joules_total", Map.of("job", "train-1", "node", "a")));
            for (String source : List.of("totals", "emissions", "intensity", "jobs")) {
                assertEquals(1, e.value("greenloop_fleet_source_up", Map.of("source", source)), source);
            }
        }
    }

    @Test
    void noAcceptHeader_prometheusText004() throws Exception {
        try (Fleet fleet = new Fleet(new TotalsFleetStore().totals(totals()));
                MetricsServer server = new MetricsServer(fleet, new ServerMetrics(), MetricsRoutesTest::sources)) {
            MetricsServer.Response r = server.get(null);
            assertTrue(r.contentType().startsWith("text/plain; version=0.0.4"), r.contentType());
            assertFalse(r.body().contains("# EOF"));
            assertEquals(1000.5, Exposition.parse(r.body()).value("greenloop_node_energy_joules_total",
                    Map.of("node", "a", "component", "cpu-package-0", "scope", "cpu-package", "provenance", "measured")));
        }
    }

    @Test
    void failingSource_leftOutAndSourceUpZero_otherFamiliesStillExported() throws Exception {
        // The emissions source fails (as a store that cannot be read does): exactly the failure a scrape must survive.
        try (Fleet fleet = new Fleet(new TotalsFleetStore().totals(totals()));
                MetricsServer server = new MetricsServer(fleet, new ServerMetrics(), f -> FleetSources.of(f).withEmissions(() -> {
                    throw new dev.greenloop.store.StoreException("the store cannot be read: connection refused");
                }))) {
            Exposition e = Exposition.parse(server.get(OPENMETRICS).body());
            assertEquals(0, e.value("greenloop_fleet_source_up", Map.of("source", "emissions")));
            assertEquals(1, e.value("greenloop_fleet_source_up", Map.of("source", "totals")));
            assertTrue(e.named("greenloop_node_emissions_grams_total").isEmpty());
            assertEquals(7, e.named("greenloop_node_energy_joules_total").size() + e.named("greenloop_node_energy_breakdown_joules_total").size());
        }
    }

    @Test
    void twoReplicasOnOneStore_sameFleetSeries_serverOwnMetricsApart() throws Exception {
        TotalsFleetStore store = new TotalsFleetStore().totals(totals());
        ServerMetrics first = new ServerMetrics();
        try (Fleet fleet = new Fleet(store);
                MetricsServer a = new MetricsServer(fleet, first, MetricsRoutesTest::sources);
                MetricsServer b = new MetricsServer(fleet, new ServerMetrics(), MetricsRoutesTest::sources)) {
            first.recordIngest(3, 1, 0.2);
            Exposition ea = Exposition.parse(a.get(OPENMETRICS).body());
            Exposition eb = Exposition.parse(b.get(OPENMETRICS).body());
            assertEquals(fleetSamples(ea), fleetSamples(eb));
            assertEquals(3, ea.value("greenloop_ingest_samples_total", Map.of("result", "stored")));
            assertEquals(0, eb.value("greenloop_ingest_samples_total", Map.of("result", "stored")));

            store.totals(List.of(new ComponentTotal("a", "gpu-0", Scope.GPU, Provenance.DERIVED, 6000, 240, T)));
            assertEquals(6000, Exposition.parse(b.get(OPENMETRICS).body()).value("greenloop_node_energy_joules_total",
                    Map.of("node", "a", "component", "gpu-0", "scope", "gpu", "provenance", "derived")), "read at scrape time");
        }
    }

    private static Set<Exposition.Sample> fleetSamples(Exposition e) {
        return e.samples().stream().filter(s -> s.name().startsWith("greenloop_node_") || s.name().startsWith("greenloop_grid_")
                || s.name().startsWith("greenloop_job_")).collect(Collectors.toSet());
    }

    @Test
    void serverMetrics_requestsAndIngest_exported() throws Exception {
        ServerMetrics metrics = new ServerMetrics();
        metrics.recordRequest("GET", "/api/v1/nodes/{node}/energy", 200, 0.004);
        metrics.recordRequest("GET", "/api/v1/nodes/{node}/energy", 200, 0.3);
        metrics.recordRequest("GET", null, 404, 0.001);
        metrics.recordIngest(4, 2, 1.5);
        metrics.recordIngest(0, 0, 99);
        try (Fleet fleet = new Fleet(new TotalsFleetStore()); MetricsServer server = new MetricsServer(fleet, metrics, FleetSources::of)) {
            Exposition e = Exposition.parse(server.get(OPENMETRICS).body());
            Map<String, String> energy = Map.of("method", "GET", "route", "/api/v1/nodes/{node}/energy", "status", "200");
            assertEquals(2, e.value("greenloop_http_request_duration_seconds_count", energy));
            assertEquals(0.304, e.value("greenloop_http_request_duration_seconds_sum", energy), 1e-9);
            assertEquals(1, e.value("greenloop_http_request_duration_seconds_bucket", Map.of("method", "GET",
                    "route", "/api/v1/nodes/{node}/energy", "status", "200", "le", "0.005")));
            assertEquals(1, e.value("greenloop_http_request_duration_seconds_count",
                    Map.of("method", "GET", "route", ServerMetrics.UNMATCHED_ROUTE, "status", "404")));
            assertEquals(4, e.value("greenloop_ingest_samples_total", Map.of("result", "stored")));
            assertEquals(2, e.value("greenloop_ingest_samples_total", Map.of("result", "duplicate")));
            assertEquals(1, e.value("greenloop_ingest_lag_seconds_count", Map.of()), "an empty batch has no lag");
            assertEquals(1.5, e.value("greenloop_ingest_lag_seconds_sum", Map.of()));
        }
    }

    @Test
    void access_viewerTokenUnlessMetricsPublic() throws Exception {
        try (Fleet fleet = new Fleet(new TotalsFleetStore());
                MetricsServer closed = new MetricsServer(fleet, new ServerMetrics(), FleetSources::of, false);
                MetricsServer open = new MetricsServer(fleet, new ServerMetrics(), FleetSources::of, true)) {
            closed.get(null);
            assertEquals(Set.of(Access.VIEWER), closed.lastRouteRoles());
            open.get(null);
            assertEquals(Set.of(Access.PUBLIC), open.lastRouteRoles());
        }
    }

    @Test
    void recordIngest_negativeCount_refusedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ServerMetrics().recordIngest(-1, 0, 0));
        assertEquals("ingest counts must be >= 0, were stored=-1 duplicates=0", e.getMessage());
    }
}
