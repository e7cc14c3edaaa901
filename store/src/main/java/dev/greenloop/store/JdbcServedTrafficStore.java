package dev.greenloop.store;

import dev.greenloop.core.Provenance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link ServedTrafficStore} on one JDBC connection, for SQLite and PostgreSQL alike; calls are serialised. */
final class JdbcServedTrafficStore implements ServedTrafficStore {

    private static final String FIELDS = "node, model, variant, period_start, period_end, queries, requests, joules, provenance, grams, grams_queries";

    private final Connection connection;
    private final String location;

    JdbcServedTrafficStore(Connection connection, String location) {
        this.connection = connection;
        this.location = location;
    }

    @Override
    public synchronized void record(List<ServedTraffic> rows) {
        List<ServedTraffic> copy = List.copyOf(rows);
        if (copy.isEmpty()) {
            return;
        }
        try {
            Transactions.call(connection, () -> {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO served_traffic (" + FIELDS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (ServedTraffic t : copy) {
                        insert.setString(1, t.node());
                        insert.setString(2, t.model());
                        insert.setString(3, t.variant());
                        Columns.setTime(insert, 4, t.start());
                        Columns.setTime(insert, 5, t.end());
                        insert.setLong(6, t.queries());
                        insert.setLong(7, t.requests());
                        insert.setDouble(8, t.joules());
                        insert.setString(9, t.provenance().label());
                        insert.setDouble(10, t.grams());
                        insert.setLong(11, t.gramsQueries());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot store the served traffic of %s in %s: %s".formatted(copy.getFirst().model(), location, e.getMessage()), e);
        }
    }

    @Override
    public synchronized List<ServedTraffic> list(Instant from, Instant to) {
        List<ServedTraffic> out = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + FIELDS + " FROM served_traffic WHERE period_start >= ? AND period_start < ? ORDER BY period_start, id")) {
            Columns.setTime(select, 1, from);
            Columns.setTime(select, 2, to);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.add(new ServedTraffic(rows.getString(1), rows.getString(2), rows.getString(3), Columns.getTime(rows, 4), Columns.getTime(rows, 5),
                            rows.getLong(6), rows.getLong(7), rows.getDouble(8), Provenance.fromLabel(rows.getString(9)), rows.getDouble(10), rows.getLong(11)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the served traffic in %s: %s".formatted(location, e.getMessage()), e);
        }
        return List.copyOf(out);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close %s: %s".formatted(location, e.getMessage()), e);
        }
    }
}
