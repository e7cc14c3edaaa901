package dev.greenloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The report's reads ({@link Store#sumRuns}, {@link Store#forEachRun}): the database adds the selected runs up with
 * {@code GROUP BY}, and the one read that goes run by run is streamed through a cursor ({@value #FETCH_SIZE} rows at a
 * time), so the memory used does not grow with the number of runs. The same SQL runs on SQLite and PostgreSQL.
 *
 * <p>A run is selected as {@link RunReader} gives it an outcome: finished, or marked interrupted, or still
 * {@code running} with its measuring process gone (read run by run: there are few).
 */
final class RunAggregates {

    /** Rows fetched per round trip while streaming. */
    static final int FETCH_SIZE = 2_000;
    /** PostgreSQL's memory for each sort or hash of the report's reads. */
    static final String WORK_MEM = "64MB";

    /** The zone, PUE and grams a run is read with: its own, or its node's where it stored no carbon (as {@link RunReader}). */
    private static final String NO_CARBON = "(r.ended_at IS NULL OR r.carbon_zone IS NULL)";
    private static final String ZONE = "CASE WHEN " + NO_CARBON + " THEN n.zone ELSE r.carbon_zone END";
    private static final String PUE = "CASE WHEN " + NO_CARBON + " THEN n.pue ELSE r.carbon_pue END";
    private static final String GRAMS = "CASE WHEN " + NO_CARBON + " THEN 0 ELSE r.grams END";
    private static final String TOTAL = "COALESCE(r.total_joules, 0)";

    private final Connection connection;
    private final boolean postgres;
    private final RunReader reader;

    RunAggregates(Connection connection, boolean postgres, RunReader reader) {
        this.connection = connection;
        this.postgres = postgres;
        this.reader = reader;
    }

    RunSums sums(RunSelection s, Instant origin, Duration width) throws SQLException {
        return streaming(() -> {
            Where where = where(s);
            Map<ComponentKey, double[]> components = new java.util.HashMap<>();
            Map<Long, Map<String, double[]>> buckets = new TreeMap<>();
            // One pass over the components gives both the per-component and the per-bucket sums.
            String sql = "SELECT n.name, c.name, c.scope, c.provenance, (r.started_at - ?) / ? AS bucket, COUNT(*), SUM(c.joules),"
                    + " SUM(c.min_joules), SUM(c.max_joules) FROM run r JOIN node n ON n.id = r.node_id"
                    + " JOIN run_component c ON c.run_id = r.id AND c.part_of = ''" + where.sql
                    + " GROUP BY n.name, c.name, c.scope, c.provenance, bucket";
            try (PreparedStatement q = prepare(sql)) {
                q.setLong(1, origin.toEpochMilli());
                q.setLong(2, Math.max(1, width.toMillis()));
                where.bind(q, 3);
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        double[] c = components.computeIfAbsent(new ComponentKey(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)),
                                k -> new double[4]);
                        c[0] += rows.getLong(6);
                        c[1] += rows.getDouble(7);
                        c[2] += rows.getDouble(8);
                        c[3] += rows.getDouble(9);
                        buckets.computeIfAbsent(rows.getLong(5), k -> new TreeMap<>()).computeIfAbsent(rows.getString(3), k -> new double[1])[0] += rows.getDouble(7);
                    }
                }
            }
            List<RunSums.ComponentSum> componentSums = new ArrayList<>();
            components.forEach((k, v) -> componentSums.add(new RunSums.ComponentSum(k.node(), k.component(), k.scope(), k.provenance(), (long) v[0], v[1],
                    v[2], v[3])));
            componentSums.sort(Comparator.comparing(RunSums.ComponentSum::node).thenComparing(RunSums.ComponentSum::component)
                    .thenComparing(RunSums.ComponentSum::scope).thenComparing(RunSums.ComponentSum::provenance));
            List<RunSums.BucketSum> bucketSums = new ArrayList<>();
            buckets.forEach((b, byScope) -> byScope.forEach((scope, j) -> bucketSums.add(new RunSums.BucketSum(b, scope, j[0]))));
            // Zones and intensity sources in one pass over the runs.
            Map<String, double[]> zoneSums = new TreeMap<>();
            Set<RunSums.Source> sources = new TreeSet<>(Comparator.comparing(RunSums.Source::source)
                    .thenComparing(RunSums.Source::signal));
            try (PreparedStatement q = prepare("SELECT z, src, sig, COUNT(*), SUM(t), SUM(t * p), SUM(g) FROM (SELECT " + ZONE + " AS z, "
                    + "COALESCE(r.carbon_source, 'no samples stored') AS src, COALESCE(r.carbon_signal, 'none') AS sig, " + TOTAL + " AS t, "
                    + PUE + " AS p, " + GRAMS + " AS g FROM run r JOIN node n ON n.id = r.node_id" + where.sql + ") x GROUP BY z, src, sig")) {
                where.bind(q, 1);
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        double[] z = zoneSums.computeIfAbsent(rows.getString(1), k -> new double[4]);
                        z[0] += rows.getLong(4);
                        z[1] += rows.getDouble(5);
                        z[2] += rows.getDouble(6);
                        z[3] += rows.getDouble(7);
                        sources.add(new RunSums.Source(rows.getString(2), rows.getString(3)));
                    }
                }
            }
            List<RunSums.ZoneSum> zones = new ArrayList<>();
            zoneSums.forEach((zone, z) -> zones.add(new RunSums.ZoneSum(zone, (long) z[0], z[1], z[2], z[3])));
            return new RunSums(componentSums, bucketSums, zones, new ArrayList<>(sources));
        });
    }

    void forEach(RunSelection s, String tagKey, Consumer<RunFact> each) throws SQLException {
        streaming(() -> {
            Where where = where(s);
            // The tag's join only where one is asked for: it reads run_tag's rows of every run.
            String sql = "SELECT r.id, n.name, " + ZONE + ", r.started_at, COALESCE(r.ended_at, r.started_at), " + TOTAL + ", " + PUE + ", " + GRAMS
                    + (tagKey == null ? ", NULL FROM run r JOIN node n ON n.id = r.node_id"
                            : ", t.tag_value FROM run r JOIN node n ON n.id = r.node_id LEFT JOIN run_tag t ON t.run_id = r.id AND t.tag_key = ?")
                    + where.sql + " ORDER BY r.started_at, r.id";
            try (PreparedStatement q = prepare(sql)) {
                if (tagKey != null) {
                    q.setString(1, tagKey);
                }
                where.bind(q, tagKey == null ? 1 : 2);
                try (ResultSet rows = q.executeQuery()) {
                    while (rows.next()) {
                        each.accept(new RunFact(rows.getLong(1), rows.getString(2), rows.getString(3), Columns.getTime(rows, 4), Columns.getTime(rows, 5),
                                rows.getDouble(6), Columns.getDouble(rows, 7), Columns.getDouble(rows, 8), rows.getString(9)));
                    }
                }
            }
            return null;
        });
    }

    List<Long> withArguments(RunSelection s, String first, String second) throws SQLException {
        Where where = where(s);
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT r.id FROM run r JOIN node n ON n.id = r.node_id" + where.sql
                + " AND EXISTS (SELECT 1 FROM run_arg a JOIN run_arg b ON b.run_id = a.run_id AND b.position = a.position + 1"
                + " WHERE a.run_id = r.id AND a.value = ? AND b.value = ?) ORDER BY r.started_at, r.id")) {
            where.bind(q, 1);
            q.setString(where.parameters().size() + 1, first);
            q.setString(where.parameters().size() + 2, second);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    Set<String> nodesWithRuns() throws SQLException {
        Set<String> names = new TreeSet<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT DISTINCT n.name FROM node n WHERE EXISTS (SELECT 1 FROM run r WHERE r.node_id = n.id)");
                ResultSet rows = q.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** A WHERE clause over {@code r} (run) and {@code n} (node) and its parameters, in order. */
    private record Where(String sql, List<Object> parameters) {
        void bind(PreparedStatement q, int first) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                q.setObject(first + i, parameters.get(i));
            }
        }
    }

    private Where where(RunSelection s) throws SQLException {
        List<Object> p = new ArrayList<>();
        StringBuilder sql = new StringBuilder(" WHERE r.started_at >= ? AND r.started_at < ?");
        p.add(s.from().toEpochMilli());
        p.add(s.to().toEpochMilli());
        sql.append(" AND (r.status = 'finished' OR r.interrupted_at IS NOT NULL");
        for (long id : orphans(s)) {
            sql.append(" OR r.id = ").append(id);
        }
        sql.append(')');
        if (!s.nodes().isEmpty()) {
            sql.append(" AND n.name IN (").append(String.join(", ", java.util.Collections.nCopies(s.nodes().size(), "?"))).append(')');
            p.addAll(s.nodes());
        }
        for (var tag : s.tags().entrySet()) {
            sql.append(" AND EXISTS (SELECT 1 FROM run_tag g WHERE g.run_id = r.id AND g.tag_key = ? AND g.tag_value = ?)");
            p.add(tag.getKey());
            p.add(tag.getValue());
        }
        return new Where(sql.toString(), p);
    }

    /** @return the runs of the period still marked running whose measuring process is gone: read as interrupted */
    private List<Long> orphans(RunSelection s) throws SQLException {
        List<Long> running = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT id FROM run WHERE status = 'running' AND interrupted_at IS NULL"
                + " AND started_at >= ? AND started_at < ?")) {
            q.setLong(1, s.from().toEpochMilli());
            q.setLong(2, s.to().toEpochMilli());
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    running.add(rows.getLong(1));
                }
            }
        }
        List<Long> gone = new ArrayList<>();
        for (long id : running) {
            if (reader.byId(id).flatMap(StoredRun::outcome).isPresent()) {
                gone.add(id);
            }
        }
        return gone;
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement q = connection.prepareStatement(sql);
        q.setFetchSize(FETCH_SIZE);
        return q;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** PostgreSQL streams a result through a cursor only inside a transaction; SQLite always steps through it. */
    private <T> T streaming(Work<T> work) throws SQLException {
        if (!postgres || !connection.getAutoCommit()) {
            return work.run();
        }
        connection.setAutoCommit(false);
        try {
            try (Statement set = connection.createStatement()) {
                // Room for the report's hash aggregates and sorts, for this transaction only (the default 4 MB spills to disk).
                set.execute("SET LOCAL work_mem = '" + WORK_MEM + "'");
            }
            return work.run();
        } finally {
            try {
                connection.rollback();
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private record ComponentKey(String node, String component, String scope, String provenance) {
    }
}
