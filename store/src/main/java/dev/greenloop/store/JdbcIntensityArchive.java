package dev.greenloop.store;

import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.Interval;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link IntensityArchive} on one JDBC connection, for SQLite and PostgreSQL alike; calls are serialised. */
final class JdbcIntensityArchive implements IntensityArchive {

    // ON CONFLICT DO NOTHING: SQLite since 3.24 and PostgreSQL since 9.5 both take it.
    private static final String INSERT = """
            INSERT INTO intensity_point (zone, source, signal, kind, issued_at, start_at, duration_millis, grams_per_kwh)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private static final String COLUMNS =
            "SELECT zone, source, signal, kind, issued_at, start_at, duration_millis, grams_per_kwh FROM intensity_point ";

    private static final String FORECASTS_ISSUED = COLUMNS
            + "WHERE zone = ? AND kind = 'forecast' AND issued_at >= ? AND issued_at < ? ORDER BY issued_at, start_at, source, signal";

    private static final String ACTUALS = COLUMNS
            + "WHERE zone = ? AND kind = 'actual' AND start_at >= ? AND start_at < ? ORDER BY start_at, issued_at, source, signal";

    private final Connection connection;
    private final String location;

    JdbcIntensityArchive(Connection connection, String location) {
        this.connection = connection;
        this.location = location;
    }

    @Override
    public synchronized int save(Collection<ArchivedIntensity> points) {
        Objects.requireNonNull(points, "points");
        if (points.isEmpty()) {
            return 0;
        }
        try {
            return Transactions.call(connection, () -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    for (ArchivedIntensity p : points) {
                        insert.setString(1, p.zone());
                        insert.setString(2, p.source());
                        insert.setString(3, p.signal());
                        insert.setString(4, p.kind().sqlName());
                        Columns.setTime(insert, 5, p.issuedAt());
                        Columns.setTime(insert, 6, p.interval().start());
                        insert.setLong(7, p.interval().duration().toMillis());
                        insert.setDouble(8, p.intensity().gramsPerKWh());
                        insert.addBatch();
                    }
                    int added = 0;
                    for (int count : insert.executeBatch()) {
                        // SUCCESS_NO_INFO (-2) is not returned by either driver for single-row inserts; count it as new.
                        added += count == 0 ? 0 : 1;
                    }
                    return added;
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot archive %d intensity points in %s: %s".formatted(points.size(), location,
                    e.getMessage()), e);
        }
    }

    @Override
    public List<ArchivedIntensity> forecastsIssued(String zone, Instant issuedFrom, Instant issuedTo) {
        return query(FORECASTS_ISSUED, zone, issuedFrom, issuedTo, "forecasts issued");
    }

    @Override
    public List<ArchivedIntensity> actuals(String zone, Instant from, Instant to) {
        return query(ACTUALS, zone, from, to, "actuals");
    }

    private synchronized List<ArchivedIntensity> query(String sql, String zone, Instant from, Instant to, String what) {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("%s range end %s is before its start %s".formatted(what, to, from));
        }
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, zone);
            Columns.setTime(query, 2, from);
            Columns.setTime(query, 3, to);
            List<ArchivedIntensity> rows = new ArrayList<>();
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    Instant start = Columns.getTime(r, 6);
                    rows.add(new ArchivedIntensity(r.getString(1), r.getString(2), r.getString(3),
                            ArchivedIntensity.Kind.fromSql(r.getString(4)), Columns.getTime(r, 5),
                            new Interval(start, start.plusMillis(r.getLong(7))), CarbonIntensity.ofGramsPerKWh(r.getDouble(8))));
                }
            }
            return List.copyOf(rows);
        } catch (SQLException e) {
            throw new StoreException("cannot read %s for zone %s from %s: %s".formatted(what, zone, location, e.getMessage()), e);
        }
    }

    // An upsert that keeps the newer answer: SQLite since 3.24 and PostgreSQL since 9.5 both take it.
    private static final String KEEP_ANSWER = """
            INSERT INTO provider_answer (cache_key, fetched_at, body) VALUES (?, ?, ?)
            ON CONFLICT (cache_key) DO UPDATE SET fetched_at = excluded.fetched_at, body = excluded.body
            WHERE excluded.fetched_at > provider_answer.fetched_at""";

    @Override
    public synchronized Optional<Answer> answer(String key) {
        Objects.requireNonNull(key, "key");
        try (PreparedStatement query = connection.prepareStatement("SELECT fetched_at, body FROM provider_answer WHERE cache_key = ?")) {
            query.setString(1, key);
            try (ResultSet r = query.executeQuery()) {
                return r.next() ? Optional.of(new Answer(Columns.getTime(r, 1), r.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read a provider's cached answer from %s: %s".formatted(location, e.getMessage()), e);
        }
    }

    @Override
    public synchronized void keepAnswer(String key, Answer answer) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(answer, "answer");
        try {
            Transactions.call(connection, () -> {
                try (PreparedStatement prune = connection.prepareStatement("DELETE FROM provider_answer WHERE fetched_at < ?")) {
                    Columns.setTime(prune, 1, answer.fetchedAt().minus(ANSWERS_KEPT));
                    prune.executeUpdate();
                }
                try (PreparedStatement upsert = connection.prepareStatement(KEEP_ANSWER)) {
                    upsert.setString(1, key);
                    Columns.setTime(upsert, 2, answer.fetchedAt());
                    upsert.setString(3, answer.body());
                    return upsert.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot keep a provider's answer in %s: %s".formatted(location, e.getMessage()), e);
        }
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
            throw new StoreException("cannot close the archive %s: %s".formatted(location, e.getMessage()), e);
        }
    }
}
