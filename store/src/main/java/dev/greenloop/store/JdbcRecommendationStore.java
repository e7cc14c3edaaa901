package dev.greenloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/** {@link RecommendationStore} on one JDBC connection, for SQLite and PostgreSQL alike; calls are serialised. */
final class JdbcRecommendationStore implements RecommendationStore {

    private static final String SELECT = """
            SELECT id, kind, target, created_at, updated_at, kwh_min, kwh_mid, kwh_max, grams_min, grams_mid, grams_max, basis,
                   evidence, how_to, change_spec, status, applied_at, previous, verified_kwh, verified_grams, verification
            FROM recommendation""";

    private final Connection connection;
    private final String location;

    JdbcRecommendationStore(Connection connection, String location) {
        this.connection = connection;
        this.location = location;
    }

    @Override
    public synchronized void upsert(StoredRecommendation r) {
        Objects.requireNonNull(r, "recommendation");
        write("keep recommendation " + r.id(), () -> Transactions.run(connection, () -> {
            boolean exists = !read(" WHERE id = ?", r.id()).isEmpty();
            String sql = exists
                    ? "UPDATE recommendation SET updated_at = ?, kwh_min = ?, kwh_mid = ?, kwh_max = ?, grams_min = ?, grams_mid = ?,"
                            + " grams_max = ?, basis = ?, evidence = ?, how_to = ?, change_spec = ?, kind = ?, target = ? WHERE id = ?"
                    : "INSERT INTO recommendation (updated_at, kwh_min, kwh_mid, kwh_max, grams_min, grams_mid, grams_max, basis, evidence,"
                            + " how_to, change_spec, kind, target, id, created_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                int i = 1;
                Columns.setTime(s, i++, r.updatedAt());
                for (double v : r.kwh()) {
                    s.setDouble(i++, v);
                }
                for (double v : r.grams()) {
                    s.setDouble(i++, v);
                }
                s.setString(i++, r.basis());
                s.setString(i++, r.evidence());
                s.setString(i++, r.howTo());
                s.setString(i++, r.changeSpec());
                s.setString(i++, r.kind());
                s.setString(i++, r.target());
                s.setString(i++, r.id());
                if (!exists) {
                    Columns.setTime(s, i++, r.createdAt());
                    s.setString(i, r.status());
                }
                s.executeUpdate();
            }
        }));
    }

    @Override
    public synchronized void update(StoredRecommendation r) {
        write("update recommendation " + r.id(), () -> {
            try (PreparedStatement s = connection.prepareStatement("UPDATE recommendation SET status = ?, updated_at = ?, applied_at = ?,"
                    + " previous = ?, verified_kwh = ?, verified_grams = ?, verification = ? WHERE id = ?")) {
                s.setString(1, r.status());
                Columns.setTime(s, 2, r.updatedAt());
                if (r.appliedAt().isPresent()) {
                    Columns.setTime(s, 3, r.appliedAt().get());
                } else {
                    s.setNull(3, Types.BIGINT);
                }
                s.setString(4, r.previous().orElse(null));
                Columns.setDouble(s, 5, r.verifiedKwh().orElse(Double.NaN));
                Columns.setDouble(s, 6, r.verifiedGrams().orElse(Double.NaN));
                s.setString(7, r.verification().orElse(null));
                s.setString(8, r.id());
                if (s.executeUpdate() != 1) {
                    throw new SQLException("no recommendation " + r.id());
                }
            }
        });
    }

    @Override
    public synchronized List<StoredRecommendation> list() {
        return query("read recommendations", () -> read(" ORDER BY created_at DESC, id", null));
    }

    @Override
    public synchronized Optional<StoredRecommendation> find(String id) {
        return query("read recommendation " + id, () -> read(" WHERE id = ?", id).stream().findFirst());
    }

    private List<StoredRecommendation> read(String where, String id) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(SELECT + where)) {
            if (id != null) {
                q.setString(1, id);
            }
            List<StoredRecommendation> rows = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    long applied = r.getLong(17);
                    Optional<Instant> appliedAt = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(applied));
                    rows.add(new StoredRecommendation(r.getString(1), r.getString(2), r.getString(3), Columns.getTime(r, 4), Columns.getTime(r, 5),
                            new double[] {r.getDouble(6), r.getDouble(7), r.getDouble(8)},
                            new double[] {r.getDouble(9), r.getDouble(10), r.getDouble(11)}, r.getString(12), r.getString(13), r.getString(14),
                            r.getString(15), r.getString(16), appliedAt, Optional.ofNullable(r.getString(18)), optional(r, 19), optional(r, 20),
                            Optional.ofNullable(r.getString(21))));
                }
            }
            return List.copyOf(rows);
        }
    }

    private static OptionalDouble optional(ResultSet r, int index) throws SQLException {
        double v = Columns.getDouble(r, index);
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    @Override
    public synchronized void record(RecommendationAction a) {
        write("record a %s of %s".formatted(a.action(), a.recommendationId()), () -> {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO recommendation_action (recommendation_id, at, who, action,"
                    + " dry_run, detail, result) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, a.recommendationId());
                Columns.setTime(s, 2, a.at());
                s.setString(3, a.who());
                s.setString(4, a.action());
                s.setInt(5, a.dryRun() ? 1 : 0);
                s.setString(6, a.detail());
                s.setString(7, a.result());
                s.executeUpdate();
            }
        });
    }

    @Override
    public synchronized List<RecommendationAction> actions(String recommendationId) {
        return query("read the actions on " + recommendationId, () -> {
            try (PreparedStatement q = connection.prepareStatement("SELECT at, who, action, dry_run, detail, result FROM recommendation_action"
                    + " WHERE recommendation_id = ? ORDER BY id")) {
                q.setString(1, recommendationId);
                List<RecommendationAction> rows = new ArrayList<>();
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        rows.add(new RecommendationAction(recommendationId, Columns.getTime(r, 1), r.getString(2), r.getString(3), r.getInt(4) != 0,
                                r.getString(5), r.getString(6)));
                    }
                }
                return List.copyOf(rows);
            }
        });
    }

    @Override
    public synchronized void saveRule(AutomationRule rule) {
        write("keep the automation rule of " + rule.kind(), () -> Transactions.run(connection, () -> {
            try (PreparedStatement d = connection.prepareStatement("DELETE FROM automation_rule WHERE kind = ?")) {
                d.setString(1, rule.kind());
                d.executeUpdate();
            }
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO automation_rule (kind, enabled, acts, bound_percent, signal,"
                    + " window_minutes, updated_at, who) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, rule.kind());
                s.setInt(2, rule.enabled() ? 1 : 0);
                s.setInt(3, rule.acts() ? 1 : 0);
                s.setDouble(4, rule.boundPercent());
                s.setString(5, rule.signal());
                s.setInt(6, rule.windowMinutes());
                Columns.setTime(s, 7, rule.updatedAt());
                s.setString(8, rule.who());
                s.executeUpdate();
            }
        }));
    }

    @Override
    public synchronized List<AutomationRule> rules() {
        return query("read the automation rules", () -> {
            try (PreparedStatement q = connection.prepareStatement("SELECT kind, enabled, acts, bound_percent, signal, window_minutes, updated_at,"
                    + " who FROM automation_rule ORDER BY kind"); ResultSet r = q.executeQuery()) {
                List<AutomationRule> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(new AutomationRule(r.getString(1), r.getInt(2) != 0, r.getInt(3) != 0, r.getDouble(4), r.getString(5), r.getInt(6),
                            Columns.getTime(r, 7), r.getString(8)));
                }
                return List.copyOf(rows);
            }
        });
    }

    @Override
    public synchronized void setServedVariant(String model, String variant, Instant at, String who) {
        write("set the served variant of " + model, () -> Transactions.run(connection, () -> {
            deleteVariant(model);
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO served_variant (model, variant, updated_at, who) VALUES (?, ?, ?, ?)")) {
                s.setString(1, model);
                s.setString(2, variant);
                Columns.setTime(s, 3, at);
                s.setString(4, who);
                s.executeUpdate();
            }
        }));
    }

    @Override
    public synchronized void clearServedVariant(String model) {
        write("clear the served variant of " + model, () -> deleteVariant(model));
    }

    private void deleteVariant(String model) throws SQLException {
        try (PreparedStatement d = connection.prepareStatement("DELETE FROM served_variant WHERE model = ?")) {
            d.setString(1, model);
            d.executeUpdate();
        }
    }

    @Override
    public synchronized Map<String, String> servedVariants() {
        return query("read the served variants", () -> {
            try (PreparedStatement q = connection.prepareStatement("SELECT model, variant FROM served_variant ORDER BY model");
                    ResultSet r = q.executeQuery()) {
                Map<String, String> m = new LinkedHashMap<>();
                while (r.next()) {
                    m.put(r.getString(1), r.getString(2));
                }
                return java.util.Collections.unmodifiableMap(m);
            }
        });
    }

    @FunctionalInterface
    private interface Sql<T> {
        T call() throws SQLException;
    }

    @FunctionalInterface
    private interface SqlRun {
        void run() throws SQLException;
    }

    private <T> T query(String what, Sql<T> work) {
        try {
            return work.call();
        } catch (SQLException e) {
            throw new StoreException("cannot %s from %s: %s".formatted(what, location, e.getMessage()), e);
        }
    }

    private void write(String what, SqlRun work) {
        try {
            work.run();
        } catch (SQLException e) {
            throw new StoreException("cannot %s in %s: %s".formatted(what, location, e.getMessage()), e);
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
            throw new StoreException("cannot close the recommendation store %s: %s".formatted(location, e.getMessage()), e);
        }
    }
}
