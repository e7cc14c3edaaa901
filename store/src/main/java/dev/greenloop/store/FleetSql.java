package dev.greenloop.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet writer's statements on each engine. On PostgreSQL every table is written with one statement per
 * transaction, its rows bound as arrays and read back with {@code unnest}, so that the statement's text never changes
 * (the server keeps it prepared) and a batch of thousands of rows is one round trip. On SQLite, in-process, each row
 * is one execution of a prepared statement.
 */
final class FleetSql {

    /** A table's columns and their PostgreSQL array element types. */
    record Table(String name, List<String> columns, List<String> pgTypes, String conflict) {
    }

    static final Table SAMPLES = new Table("fleet_sample",
            List.of("node_id", "sample_id", "component", "scope", "provenance", "start_ms", "end_ms", "seconds", "joules", "watts"),
            List.of("bigint", "text", "text", "text", "text", "bigint", "bigint", "float8", "float8", "float8"),
            "ON CONFLICT (node_id, sample_id) DO NOTHING");

    static Table totals(Dialect dialect) {
        String max = greatest(dialect);
        String latest = "CASE WHEN excluded.last_ms >= fleet_total.last_ms THEN excluded.%1$s ELSE fleet_total.%1$s END";
        return new Table("fleet_total",
                List.of("node_id", "component", "scope", "provenance", "joules", "grams", "watts", "last_ms", "max_ms"),
                List.of("bigint", "text", "text", "text", "float8", "float8", "float8", "bigint", "bigint"),
                "ON CONFLICT (node_id, component) DO UPDATE SET joules = fleet_total.joules + excluded.joules,"
                        + " grams = fleet_total.grams + excluded.grams, scope = " + latest.formatted("scope")
                        + ", provenance = " + latest.formatted("provenance") + ", watts = " + latest.formatted("watts")
                        + ", last_ms = " + max + "(fleet_total.last_ms, excluded.last_ms), max_ms = " + max
                        + "(fleet_total.max_ms, excluded.max_ms)");
    }

    static Table minutes(Dialect dialect) {
        return new Table("fleet_minute",
                List.of("node_id", "component", "minute_ms", "joules", "covered_ms", "provenance"),
                List.of("bigint", "text", "bigint", "float8", "bigint", "integer"),
                "ON CONFLICT (node_id, component, minute_ms) DO UPDATE SET joules = fleet_minute.joules + excluded.joules,"
                        + " covered_ms = fleet_minute.covered_ms + excluded.covered_ms, provenance = " + greatest(dialect)
                        + "(fleet_minute.provenance, excluded.provenance)");
    }

    /** Nodes: inserted, or updated to the registration; on PostgreSQL their ids come back. */
    static final Table NODES = new Table("node", List.of("name", "zone", "hardware", "pue", "created_at", "fleet_at"),
            List.of("text", "text", "text", "float8", "bigint", "bigint"),
            "ON CONFLICT (name) DO UPDATE SET zone = excluded.zone, hardware = excluded.hardware, pue = excluded.pue,"
                    + " fleet_at = COALESCE(node.fleet_at, excluded.fleet_at)");

    private FleetSql() {
    }

    private static String greatest(Dialect dialect) {
        // SQLite's two-argument max() is a scalar function; PostgreSQL's is GREATEST.
        return dialect == Dialect.POSTGRESQL ? "GREATEST" : "max";
    }

    /**
     * Writes rows into a table.
     *
     * @param rows each row's values in the table's column order (Long, String, Double or Integer)
     * @return per row, true if it was written (always true for an upsert; for {@link #SAMPLES}, false where a sample
     *     with that id was stored already)
     */
    static boolean[] write(Connection connection, Dialect dialect, Table table, List<Object[]> rows) throws SQLException {
        return write(connection, dialect, table, rows, null);
    }

    /** Told the {@code id, name} of each node that {@link #NODES} wrote on PostgreSQL. */
    @FunctionalInterface
    interface NodeIds {
        void accept(long id, String name);
    }

    /**
     * As {@link #write(Connection, Dialect, Table, List)}; for {@link #NODES} on PostgreSQL, tells {@code ids} each
     * node's id (on SQLite the caller reads them: an in-process query costs nothing).
     */
    static boolean[] write(Connection connection, Dialect dialect, Table table, List<Object[]> rows, NodeIds ids) throws SQLException {
        boolean[] written = new boolean[rows.size()];
        if (rows.isEmpty()) {
            return written;
        }
        String columns = String.join(", ", table.columns());
        if (dialect == Dialect.POSTGRESQL) {
            List<String> params = new ArrayList<>();
            for (String type : table.pgTypes()) {
                params.add("?::" + type + "[]");
            }
            boolean returning = table == SAMPLES;
            String sql = "INSERT INTO " + table.name() + " (" + columns + ") SELECT * FROM unnest(" + String.join(", ", params)
                    + ") " + table.conflict() + (returning ? " RETURNING node_id, sample_id" : table == NODES ? " RETURNING id, name" : "");
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                List<Array> arrays = new ArrayList<>();
                try {
                    for (int c = 0; c < table.columns().size(); c++) {
                        Object[] column = new Object[rows.size()];
                        for (int r = 0; r < rows.size(); r++) {
                            column[r] = rows.get(r)[c];
                        }
                        Array array = connection.createArrayOf(table.pgTypes().get(c), column);
                        arrays.add(array);
                        statement.setArray(c + 1, array);
                    }
                    if (table == NODES) {
                        try (ResultSet returned = statement.executeQuery()) {
                            while (returned.next()) {
                                ids.accept(returned.getLong(1), returned.getString(2));
                            }
                        }
                        java.util.Arrays.fill(written, true);
                        return written;
                    }
                    if (!returning) {
                        statement.executeUpdate();
                        java.util.Arrays.fill(written, true);
                        return written;
                    }
                    markReturned(statement, rows, written);
                    return written;
                } finally {
                    for (Array array : arrays) {
                        array.free();
                    }
                }
            }
        }
        String marks = String.join(", ", java.util.Collections.nCopies(table.columns().size(), "?"));
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO " + table.name() + " (" + columns + ") VALUES (" + marks + ") " + table.conflict())) {
            for (int r = 0; r < rows.size(); r++) {
                Object[] row = rows.get(r);
                for (int c = 0; c < row.length; c++) {
                    statement.setObject(c + 1, row[c]);
                }
                written[r] = statement.executeUpdate() > 0;
            }
        }
        return written;
    }

    /** Marks the sample rows that the insert returned (their keys are unique in {@code rows}). */
    private static void markReturned(PreparedStatement statement, List<Object[]> rows, boolean[] written) throws SQLException {
        java.util.Map<SampleKey, Integer> index = java.util.HashMap.newHashMap(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            index.put(new SampleKey((Long) rows.get(r)[0], (String) rows.get(r)[1]), r);
        }
        try (ResultSet returned = statement.executeQuery()) {
            while (returned.next()) {
                Integer r = index.get(new SampleKey(returned.getLong(1), returned.getString(2)));
                if (r != null) {
                    written[r] = true;
                }
            }
        }
    }

    /** A sample's key in the store. */
    record SampleKey(long nodeId, String sampleId) {
    }
}
