package dev.greenloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link AnomalyStore} on one JDBC connection, for SQLite and PostgreSQL alike; calls are serialised. */
final class JdbcAnomalyStore implements AnomalyStore {

    // An upsert that keeps what another replica wrote when it saw more: SQLite since 3.24 and PostgreSQL since 9.5.
    private static final String SAVE = """
            INSERT INTO anomaly (id, node, series, component, scope, kind, start_ms, end_ms, is_open, score, evidence, updated_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, end_ms = excluded.end_ms, is_open = excluded.is_open,
                score = excluded.score, evidence = excluded.evidence, updated_ms = excluded.updated_ms
            WHERE anomaly.is_open = 1 AND excluded.end_ms >= anomaly.end_ms""";

    private static final String COLUMNS =
            "SELECT id, node, series, component, scope, kind, start_ms, end_ms, is_open, score, evidence, updated_ms FROM anomaly";

    private final Supplier<Connection> connect;
    private final String location;
    private Connection connection;

    /**
     * @param first an open connection whose schema is migrated
     * @param connect opens another such connection, after one failed
     */
    JdbcAnomalyStore(Connection first, Supplier<Connection> connect, String location) {
        this.connection = first;
        this.connect = connect;
        this.location = location;
    }

    @Override
    public synchronized void save(StoredAnomaly a) {
        Objects.requireNonNull(a, "anomaly");
        try (PreparedStatement save = connection().prepareStatement(SAVE)) {
            save.setString(1, a.id());
            save.setString(2, a.node());
            save.setString(3, a.series());
            save.setString(4, a.component());
            save.setString(5, a.scope());
            save.setString(6, a.kind());
            Columns.setTime(save, 7, a.start());
            Columns.setTime(save, 8, a.end());
            save.setInt(9, a.open() ? 1 : 0);
            save.setDouble(10, a.score());
            save.setString(11, a.evidence());
            Columns.setTime(save, 12, a.updated());
            save.executeUpdate();
        } catch (SQLException e) {
            drop();
            throw new StoreException("cannot save anomaly %s in %s: %s".formatted(a.id(), location, e.getMessage()), e);
        }
    }

    @Override
    public synchronized Optional<StoredAnomaly> find(String id) {
        Objects.requireNonNull(id, "id");
        try (PreparedStatement query = connection().prepareStatement(COLUMNS + " WHERE id = ?")) {
            query.setString(1, id);
            List<StoredAnomaly> rows = read(query);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
        } catch (SQLException e) {
            drop();
            throw new StoreException("cannot read anomaly %s from %s: %s".formatted(id, location, e.getMessage()), e);
        }
    }

    @Override
    public synchronized List<StoredAnomaly> list(Optional<String> node, Optional<Instant> from, Optional<Instant> to,
            Optional<Boolean> open, int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("limit must be from 1 to %d, was %d".formatted(MAX_LIST, limit));
        }
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new IllegalArgumentException("anomalies: to %s is before from %s".formatted(to.get(), from.get()));
        }
        StringBuilder sql = new StringBuilder(COLUMNS).append(" WHERE 1 = 1");
        node.ifPresent(n -> sql.append(" AND node = ?"));
        from.ifPresent(f -> sql.append(" AND end_ms >= ?"));
        to.ifPresent(t -> sql.append(" AND start_ms < ?"));
        open.ifPresent(o -> sql.append(" AND is_open = ?"));
        sql.append(" ORDER BY start_ms DESC, id LIMIT ?");
        try (PreparedStatement query = connection().prepareStatement(sql.toString())) {
            int i = 1;
            if (node.isPresent()) {
                query.setString(i++, node.get());
            }
            if (from.isPresent()) {
                Columns.setTime(query, i++, from.get());
            }
            if (to.isPresent()) {
                Columns.setTime(query, i++, to.get());
            }
            if (open.isPresent()) {
                query.setInt(i++, open.get() ? 1 : 0);
            }
            query.setInt(i, limit);
            return read(query);
        } catch (SQLException e) {
            drop();
            throw new StoreException("cannot read anomalies from %s: %s".formatted(location, e.getMessage()), e);
        }
    }

    private static List<StoredAnomaly> read(PreparedStatement query) throws SQLException {
        List<StoredAnomaly> rows = new ArrayList<>();
        try (ResultSet r = query.executeQuery()) {
            while (r.next()) {
                rows.add(new StoredAnomaly(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), Columns.getTime(r, 7), Columns.getTime(r, 8), r.getInt(9) == 1, r.getDouble(10),
                        r.getString(11), Columns.getTime(r, 12)));
            }
        }
        return List.copyOf(rows);
    }

    private Connection connection() {
        if (connection == null) {
            connection = connect.get();
        }
        return connection;
    }

    /** Closes a connection that failed, so that the next call opens a new one (the database may have restarted). */
    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Safe to go on: the connection is abandoned either way, and the failure that led here is reported.
            }
            connection = null;
        }
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public synchronized void close() {
        drop();
    }
}
