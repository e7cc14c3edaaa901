package dev.greenloop.bench;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunKind;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Seeds the PostgreSQL store of {@code bench/report-pg.sh}: {@code NODES} nodes, each with one finished one-hour run per
 * hour over {@code HOURS} hours from 2025-01-01 (a {@code monitor} session of the node per hour), as the store writes
 * them: a run row with its totals and location-based carbon, its arguments, tags ({@code team}, {@code queries}), kind,
 * and components — a measured CPU package with a measured core breakdown inside it (not counted), a modelled DRAM
 * with its range, and on every other node a derived GPU; nodes in four zones with PUE 1.1 to 1.4.
 *
 * <p>The first hour of each node is stored through the store's API ({@link Store#startRun}, {@link Store#finishRun}); the
 * other hours are copies of it made in the database ({@code INSERT ... SELECT ... generate_series}), each component's
 * energy scaled by a factor from 0.5 to 1.5 that varies with node and hour, rounded to a whole joule so that a run's
 * total is the exact sum of its counted components in any order. Prints the seeded counts and the period's totals as
 * the database adds them (to check the report against).
 *
 * <p>Usage: {@code ReportPgSeed JDBC_URL NODES HOURS}
 */
public final class ReportPgSeed {

    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final String[] ZONES = {"DE", "FR", "PL", "SE"};
    private static final double[] GRAMS_PER_KWH = {380, 56, 660, 30};
    /** The factor of a copied run, the same expression in every statement: 0.5 + ((hour × 7919 + node × 104729) mod 1000) / 1000. */
    private static final String FACTOR = "(0.5 + ((r.started_at / 3600000 * 7919 + r.node_id * 104729) % 1000) / 1000.0)";

    private ReportPgSeed() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ReportPgSeed JDBC_URL NODES HOURS");
            System.exit(2);
        }
        String url = args[0];
        int nodes = Integer.parseInt(args[1]);
        int hours = Integer.parseInt(args[2]);
        long t0 = System.nanoTime();
        List<Long> templates = new ArrayList<>();
        try (Store store = Stores.open(new StoreConfig(Optional.of(url), Path.of("unused")))) {
            for (int n = 0; n < nodes; n++) {
                int z = n % ZONES.length;
                double pue = 1.1 + (n % 4) * 0.1;
                NodeInfo node = new NodeInfo("node-%03d".formatted(n), ZONES[z], "bench node, 2 CPUs" + (n % 2 == 0 ? ", 1 GPU" : ""), pue);
                Map<String, String> tags = new LinkedHashMap<>();
                tags.put("team", "team-" + (n % 5));
                tags.put("queries", "500");
                long id = store.startRun(new NewRun("monitor", List.of("greenloop", "monitor"), tags, FROM, node, RunKind.MONITOR));
                List<RunComponent> parts = new ArrayList<>();
                parts.add(component("cpu-package-0", Scope.CPU_PACKAGE, Provenance.MEASURED, "", 180_000, 180_000, 180_000));
                parts.add(component("core-0", Scope.CORE, Provenance.MEASURED, "cpu-package-0", 120_000, 120_000, 120_000));
                parts.add(component("dram-0", Scope.DRAM, Provenance.MODELLED, "", 20_000, 14_000, 27_000));
                if (n % 2 == 0) {
                    parts.add(component("gpu-0", Scope.GPU, Provenance.DERIVED, "", 900_000, 900_000, 900_000));
                }
                double joules = parts.stream().filter(RunComponent::counted).mapToDouble(c -> c.energy().joules()).sum();
                store.finishRun(id, new RunOutcome(FROM.plus(Duration.ofHours(1)), 0, parts, new RunCarbon(ZONES[z], GRAMS_PER_KWH[z],
                        "average-lifecycle-yearly", "bench zone table 2025", pue, joules / 3.6e6 * GRAMS_PER_KWH[z] * pue, 0)));
                templates.add(id);
            }
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TEMP TABLE tmpl AS SELECT id AS run_id, node_id FROM run WHERE id IN (" + String.join(",",
                    templates.stream().map(String::valueOf).toList()) + ")");
            // The copies' totals are Σ of their counted components, each rounded to a joule as below: exact in any order.
            s.executeUpdate("INSERT INTO run (node_id, name, started_at, ended_at, status, exit_code, total_joules, process_joules, carbon_zone,"
                    + " grams_per_kwh, carbon_signal, carbon_source, carbon_pue, grams, process_grams, owner_pid, owner_host, owner_started_at)"
                    + " SELECT r.node_id, r.name, r.started_at, r.started_at + 3600000, 'finished', 0, j.total, 0, t.carbon_zone, t.grams_per_kwh,"
                    + " t.carbon_signal, t.carbon_source, t.carbon_pue, j.total / 3.6e6 * t.grams_per_kwh * t.carbon_pue, 0, t.owner_pid, t.owner_host,"
                    + " t.owner_started_at"
                    + " FROM tmpl JOIN run t ON t.id = tmpl.run_id CROSS JOIN generate_series(1, " + (hours - 1) + ") AS h(h)"
                    + " CROSS JOIN LATERAL (SELECT t.node_id, t.name, t.started_at + h.h::bigint * 3600000 AS started_at) r"
                    + " CROSS JOIN LATERAL (SELECT SUM(round((c.joules * " + FACTOR + ")::numeric)::float8) AS total FROM run_component c"
                    + " WHERE c.run_id = t.id AND c.part_of = '') j");
            String copies = " FROM run r JOIN tmpl ON tmpl.node_id = r.node_id AND r.id <> tmpl.run_id";
            s.executeUpdate("INSERT INTO run_component (run_id, position, name, scope, provenance, description, part_of, joules, min_joules,"
                    + " max_joules, process_joules) SELECT r.id, c.position, c.name, c.scope, c.provenance, c.description, c.part_of,"
                    + " round((c.joules * " + FACTOR + ")::numeric)::float8, round((c.min_joules * " + FACTOR + ")::numeric)::float8,"
                    + " round((c.max_joules * " + FACTOR + ")::numeric)::float8, 0" + copies + " JOIN run_component c ON c.run_id = tmpl.run_id");
            s.executeUpdate("INSERT INTO run_arg (run_id, position, value) SELECT r.id, a.position, a.value" + copies
                    + " JOIN run_arg a ON a.run_id = tmpl.run_id");
            s.executeUpdate("INSERT INTO run_tag (run_id, position, tag_key, tag_value) SELECT r.id, g.position, g.tag_key,"
                    + " CASE WHEN g.tag_key = 'queries' THEN (round(500 * " + FACTOR + "))::bigint::text ELSE g.tag_value END" + copies
                    + " JOIN run_tag g ON g.run_id = tmpl.run_id");
            s.executeUpdate("INSERT INTO run_kind (run_id, kind) SELECT r.id, k.kind" + copies + " JOIN run_kind k ON k.run_id = tmpl.run_id");
            c.commit();
            c.setAutoCommit(true);
            s.execute("ANALYZE");
            try (ResultSet rows = s.executeQuery("SELECT (SELECT COUNT(*) FROM run), (SELECT COUNT(*) FROM run_component), SUM(total_joules),"
                    + " SUM(grams) FROM run")) {
                rows.next();
                System.out.printf(Locale.ROOT, "seeded: %d nodes, %d runs, %d components in %.1f s; the database's sums: %.17g J, %.17g gCO2eq%n",
                        nodes, rows.getLong(1), rows.getLong(2), (System.nanoTime() - t0) / 1e9, rows.getDouble(3), rows.getDouble(4));
            }
        }
    }

    private static RunComponent component(String name, Scope scope, Provenance p, String partOf, double j, double min, double max) {
        return new RunComponent(name, scope, p, name + " (bench)", partOf, Energy.ofJoules(j), Energy.ofJoules(min), Energy.ofJoules(max),
                Energy.ofJoules(0));
    }
}
