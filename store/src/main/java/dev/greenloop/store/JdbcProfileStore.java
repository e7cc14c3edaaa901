package dev.greenloop.store;

import dev.greenloop.core.Provenance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** {@link ProfileStore} on one JDBC connection, for SQLite and PostgreSQL alike; calls are serialised. */
final class JdbcProfileStore implements ProfileStore {

    private static final String FIELDS = "measured_at, node, model, variant, settings, intra_op_threads, inter_op_threads, workers, batch_size,"
            + " spinning, optimization, texts, labelled, input, reference, label, rounds, cpu_seconds_per_query, joules_per_query, provenance,"
            + " latency_ms_p50, latency_ms_p95, latency_texts, throughput_per_second, passes_per_round, flops_per_query, mean_tokens, truncated,"
            + " size_bytes, peak_rss_bytes, mean_cosine, min_cosine, top10_overlap, overlap_neighbours, knn_accuracy, knn_neighbours, energy_label";

    private static final int FIELD_COUNT = 37;

    private static final String INSERT = "INSERT INTO profile (result_id, position, " + FIELDS + ") VALUES (?, ?"
            + ", ?".repeat(FIELD_COUNT) + ")";

    private static final String SELECT = "SELECT id, result_id, " + FIELDS + " FROM profile ";

    private final Connection connection;
    private final String location;

    JdbcProfileStore(Connection connection, String location) {
        this.connection = connection;
        this.location = location;
    }

    @Override
    public synchronized long save(String command, List<NewProfile> rows) {
        Objects.requireNonNull(command, "command");
        List<NewProfile> copy = List.copyOf(rows);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a profile result has at least one row; got none");
        }
        try {
            return Transactions.call(connection, () -> {
                long resultId;
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO profile_result (measured_at, command) VALUES (?, ?) RETURNING id")) {
                    Columns.setTime(insert, 1, copy.getFirst().measuredAt());
                    insert.setString(2, command);
                    try (ResultSet keys = insert.executeQuery()) {
                        keys.next();
                        resultId = keys.getLong(1);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    for (int i = 0; i < copy.size(); i++) {
                        insert.setLong(1, resultId);
                        insert.setInt(2, i);
                        bind(insert, 3, copy.get(i));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return resultId;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot store %d profiles of %s in %s: %s".formatted(copy.size(), copy.getFirst().model(), location,
                    e.getMessage()), e);
        }
    }

    private static void bind(PreparedStatement s, int first, NewProfile p) throws SQLException {
        int i = first;
        Columns.setTime(s, i++, p.measuredAt());
        s.setString(i++, p.node());
        s.setString(i++, p.model());
        s.setString(i++, p.variant());
        s.setString(i++, p.settings());
        s.setInt(i++, p.intraOpThreads());
        s.setInt(i++, p.interOpThreads());
        s.setInt(i++, p.workers());
        s.setInt(i++, p.batchSize());
        s.setInt(i++, p.spinning() ? 1 : 0);
        s.setString(i++, p.optimization());
        s.setInt(i++, p.texts());
        s.setInt(i++, p.labelled() ? 1 : 0);
        s.setString(i++, p.input());
        s.setInt(i++, p.reference() ? 1 : 0);
        s.setString(i++, p.label());
        s.setInt(i++, p.rounds());
        s.setDouble(i++, p.cpuSecondsPerQuery());
        s.setDouble(i++, p.joulesPerQuery());
        s.setString(i++, p.provenance().label());
        Columns.setDouble(s, i++, p.latencyMsP50());
        Columns.setDouble(s, i++, p.latencyMsP95());
        s.setInt(i++, p.latencyTexts());
        s.setDouble(i++, p.throughputPerSecond());
        s.setInt(i++, p.passesPerRound());
        s.setDouble(i++, p.flopsPerQuery());
        s.setDouble(i++, p.meanTokens());
        s.setInt(i++, p.truncated());
        s.setLong(i++, p.sizeBytes());
        if (p.peakRssBytes().isPresent()) {
            s.setLong(i++, p.peakRssBytes().getAsLong());
        } else {
            s.setNull(i++, Types.BIGINT);
        }
        setOptional(s, i++, p.meanCosine());
        setOptional(s, i++, p.minCosine());
        setOptional(s, i++, p.top10Overlap());
        s.setInt(i++, p.overlapNeighbours());
        setOptional(s, i++, p.knnAccuracy());
        s.setInt(i++, p.knnNeighbours());
        s.setString(i, p.energyLabel());
    }

    private static void setOptional(PreparedStatement s, int index, OptionalDouble value) throws SQLException {
        Columns.setDouble(s, index, value.orElse(Double.NaN));
    }

    @Override
    public synchronized List<StoredProfile> list(Optional<String> model, Instant since, int limit) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(since, "since");
        if (limit < 1) {
            throw new IllegalArgumentException("limit %d: must be at least 1".formatted(limit));
        }
        String sql = SELECT + "WHERE measured_at >= ?" + (model.isPresent() ? " AND model = ?" : "")
                + " ORDER BY result_id DESC, position LIMIT ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int i = 1;
            Columns.setTime(query, i++, since);
            if (model.isPresent()) {
                query.setString(i++, model.get());
            }
            query.setInt(i, limit);
            return read(query);
        } catch (SQLException e) {
            throw new StoreException("cannot read profiles%s from %s: %s".formatted(model.map(m -> " of " + m).orElse(""), location,
                    e.getMessage()), e);
        }
    }

    @Override
    public synchronized List<StoredProfile> result(long resultId) {
        try (PreparedStatement query = connection.prepareStatement(SELECT + "WHERE result_id = ? ORDER BY position")) {
            query.setLong(1, resultId);
            return read(query);
        } catch (SQLException e) {
            throw new StoreException("cannot read profile result %d from %s: %s".formatted(resultId, location, e.getMessage()), e);
        }
    }

    private static List<StoredProfile> read(PreparedStatement query) throws SQLException {
        List<StoredProfile> rows = new ArrayList<>();
        try (ResultSet r = query.executeQuery()) {
            while (r.next()) {
                rows.add(new StoredProfile(r.getLong(1), r.getLong(2), profile(r, 3)));
            }
        }
        return List.copyOf(rows);
    }

    private static NewProfile profile(ResultSet r, int first) throws SQLException {
        int i = first;
        return new NewProfile(Columns.getTime(r, i++), r.getString(i++), r.getString(i++), r.getString(i++), r.getString(i++), r.getInt(i++),
                r.getInt(i++), r.getInt(i++), r.getInt(i++), r.getInt(i++) != 0, r.getString(i++), r.getInt(i++), r.getInt(i++) != 0,
                r.getString(i++), r.getInt(i++) != 0, r.getString(i++), r.getInt(i++), r.getDouble(i++), r.getDouble(i++),
                Provenance.fromLabel(r.getString(i++)), Columns.getDouble(r, i++), Columns.getDouble(r, i++), r.getInt(i++), r.getDouble(i++),
                r.getInt(i++), r.getDouble(i++), r.getDouble(i++), r.getInt(i++), r.getLong(i++), optionalLong(r, i++), optional(r, i++),
                optional(r, i++), optional(r, i++), r.getInt(i++), optional(r, i++), r.getInt(i++), r.getString(i));
    }

    private static OptionalLong optionalLong(ResultSet r, int index) throws SQLException {
        long value = r.getLong(index);
        return r.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private static OptionalDouble optional(ResultSet r, int index) throws SQLException {
        double value = Columns.getDouble(r, index);
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
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
            throw new StoreException("cannot close the profile store %s: %s".formatted(location, e.getMessage()), e);
        }
    }
}
