package dev.greenloop.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The fleet store on a pool of JDBC connections; ingest goes through a {@link FleetWriter}. */
final class JdbcFleetStore implements FleetStore {

    private static final long HOUR_MS = 3_600_000;
    /** The most steps one {@link #power} call computes, to bound its memory. */
    static final int MAX_STEPS = 1_000_000;
    private static final String TOTAL_COLUMNS = "t.node_id, t.component, t.scope, t.provenance, t.joules, t.watts, t.last_ms, t.grams";

    private final HikariDataSource pool;
    private final String location;
    private final Clock clock;
    private final FleetWriter writer;

    /**
     * Opens a pool on a migrated database; see {@link Stores#openFleet(StoreConfig)}.
     *
     * @throws StoreException if the pool cannot be made
     */
    static FleetStore open(Dialect dialect, String url, String location) {
        boolean postgres = dialect == Dialect.POSTGRESQL;
        HikariConfig config = new HikariConfig();
        config.setPoolName("greenloop-fleet");
        config.setDataSource(new ConnectionSource(dialect, url));
        config.setMaximumPoolSize(postgres ? Stores.POSTGRESQL_POOL_SIZE : Stores.SQLITE_POOL_SIZE);
        config.setMinimumIdle(postgres ? 2 : 1);
        config.setConnectionTimeout(Stores.CONNECTION_TIMEOUT_MILLIS);
        config.setValidationTimeout(Math.min(Stores.CONNECTION_TIMEOUT_MILLIS, 3_000));
        // The database was just reached to migrate it; should it go away now, calls fail until it is back.
        config.setInitializationFailTimeout(-1);
        try {
            return new JdbcFleetStore(new HikariDataSource(config), dialect, location, Clock.systemUTC(),
                    postgres ? Stores.POSTGRESQL_WRITERS : 1);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the fleet store %s: %s".formatted(location, e.getMessage()), e);
        }
    }

    JdbcFleetStore(HikariDataSource pool, Dialect dialect, String location, Clock clock, int writers) {
        this.pool = pool;
        this.location = location;
        this.clock = clock;
        this.writer = new FleetWriter(pool, dialect, location, clock, writers);
    }

    @Override
    public IngestResult ingest(NodeRegistration node, List<FleetSample> samples) {
        return writer.ingest(node, samples, SampleCarbon.NONE);
    }

    @Override
    public IngestResult ingest(NodeRegistration node, List<FleetSample> samples, SampleCarbon carbon) {
        return writer.ingest(node, samples, carbon);
    }

    @Override
    public List<FleetNode> nodes() {
        return read("list nodes", c -> nodes(c, Optional.empty()));
    }

    @Override
    public Optional<FleetNode> node(String name) {
        Objects.requireNonNull(name, "name");
        return read("read node '" + name + "'", c -> nodes(c, Optional.of(name)).stream().findFirst());
    }

    private List<FleetNode> nodes(Connection c, Optional<String> name) throws SQLException {
        record Row(long id, String name, String zone, double pue, String hardware) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT id, name, zone, pue, hardware FROM node WHERE fleet_at IS NOT NULL"
                + (name.isPresent() ? " AND name = ?" : ""))) {
            if (name.isPresent()) {
                query.setString(1, name.get());
            }
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    double pue = Columns.getDouble(r, 4);
                    rows.add(new Row(r.getLong(1), r.getString(2), r.getString(3), Double.isNaN(pue) ? 1 : pue, r.getString(5)));
                }
            }
        }
        rows.sort(Comparator.comparing(Row::name));
        Map<Long, List<ComponentTotal>> components = new LinkedHashMap<>();
        for (Row row : rows) {
            components.put(row.id(), new ArrayList<>());
        }
        if (!rows.isEmpty()) {
            Map<Long, String> names = new java.util.HashMap<>();
            rows.forEach(r -> names.put(r.id(), r.name()));
            String filter = name.isPresent() ? " WHERE t.node_id = " + rows.getFirst().id() : "";
            for (TotalRow t : totalRows(c, filter)) {
                List<ComponentTotal> list = components.get(t.nodeId());
                if (list != null) {
                    list.add(t.total(names.get(t.nodeId())));
                }
            }
        }
        List<FleetNode> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<ComponentTotal> list = components.get(row.id());
            list.sort(Comparator.comparing(ComponentTotal::component));
            Optional<Instant> lastSeen = list.stream().map(ComponentTotal::lastTime).max(Comparator.naturalOrder());
            out.add(new FleetNode(row.name(), row.zone(), row.pue(), row.hardware(), lastSeen, List.copyOf(list)));
        }
        return List.copyOf(out);
    }

    /** A row of {@code fleet_total}. */
    private record TotalRow(long nodeId, String component, Scope scope, Provenance provenance, double joules, double watts,
            long lastMs, double grams) {

        ComponentTotal total(String node) {
            return new ComponentTotal(node, component, scope, provenance, joules, watts, Instant.ofEpochMilli(lastMs));
        }
    }

    private static List<TotalRow> totalRows(Connection c, String where) throws SQLException {
        List<TotalRow> out = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement("SELECT " + TOTAL_COLUMNS + " FROM fleet_total t" + where);
                ResultSet r = query.executeQuery()) {
            while (r.next()) {
                out.add(new TotalRow(r.getLong(1), r.getString(2), Scope.fromLabel(r.getString(3)),
                        Provenance.fromLabel(r.getString(4)), r.getDouble(5), r.getDouble(6), r.getLong(7), r.getDouble(8)));
            }
        }
        return out;
    }

    @Override
    public List<ComponentTotal> totals() {
        return read("read totals", c -> {
            Map<Long, String> names = fleetNodeNames(c);
            List<ComponentTotal> out = new ArrayList<>();
            for (TotalRow t : totalRows(c, "")) {
                out.add(t.total(names.get(t.nodeId())));
            }
            out.sort(Comparator.comparing(ComponentTotal::node).thenComparing(ComponentTotal::component));
            return List.copyOf(out);
        });
    }

    private static Map<Long, String> fleetNodeNames(Connection c) throws SQLException {
        Map<Long, String> names = new java.util.HashMap<>();
        try (PreparedStatement query = c.prepareStatement("SELECT id, name FROM node WHERE fleet_at IS NOT NULL");
                ResultSet r = query.executeQuery()) {
            while (r.next()) {
                names.put(r.getLong(1), r.getString(2));
            }
        }
        return names;
    }

    @Override
    public List<NodeCarbon> carbonTotals() {
        return read("read carbon totals", c -> {
            Map<Long, List<TotalRow>> byNode = new java.util.HashMap<>();
            for (TotalRow t : totalRows(c, "")) {
                byNode.computeIfAbsent(t.nodeId(), k -> new ArrayList<>()).add(t);
            }
            List<NodeCarbon> out = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT id, name, zone, pue FROM node WHERE fleet_at IS NOT NULL");
                    ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    List<TotalRow> rows = byNode.get(r.getLong(1));
                    if (rows == null) {
                        continue;
                    }
                    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
                    rows.forEach(t -> scopes.add(t.scope()));
                    double grams = 0;
                    for (TotalRow t : rows) {
                        if (FleetStore.counted(t.scope(), scopes)) {
                            grams += t.grams();
                        }
                    }
                    double pue = Columns.getDouble(r, 4);
                    out.add(new NodeCarbon(r.getString(2), r.getString(3), Double.isNaN(pue) ? 1 : pue, grams));
                }
            }
            out.sort(Comparator.comparing(NodeCarbon::node));
            return List.copyOf(out);
        });
    }

    /** What a read needs to know of a node: its id, its components' scopes and its longest sample. */
    private record NodeShape(long id, Map<String, Scope> scopes, long longestMs) {

        Set<Scope> scopeSet() {
            Set<Scope> set = EnumSet.noneOf(Scope.class);
            set.addAll(scopes.values());
            return set;
        }
    }

    private static Optional<NodeShape> shape(Connection c, String node) throws SQLException {
        long id;
        try (PreparedStatement query = c.prepareStatement("SELECT id FROM node WHERE name = ? AND fleet_at IS NOT NULL")) {
            query.setString(1, node);
            try (ResultSet r = query.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                id = r.getLong(1);
            }
        }
        Map<String, Scope> scopes = new TreeMap<>();
        long longest = 0;
        try (PreparedStatement query = c.prepareStatement("SELECT component, scope, max_ms FROM fleet_total WHERE node_id = ?")) {
            query.setLong(1, id);
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    scopes.put(r.getString(1), Scope.fromLabel(r.getString(2)));
                    longest = Math.max(longest, r.getLong(3));
                }
            }
        }
        return Optional.of(new NodeShape(id, scopes, longest));
    }

    /** @return the grid filled for the node, or empty if the node is unknown */
    private static Optional<EnergyGrid> grid(Connection c, String node, long origin, long step, long from, long to,
            java.util.function.Consumer<NodeShape> shapeSink) throws SQLException {
        Optional<NodeShape> shape = shape(c, node);
        if (shape.isEmpty()) {
            return Optional.empty();
        }
        shapeSink.accept(shape.get());
        EnergyGrid grid = new EnergyGrid(origin, step, from, to);
        grid.fill(c, shape.get().id(), shape.get().longestMs());
        return Optional.of(grid);
    }

    private static void checkPeriod(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period's start " + from + " is not before its end " + to);
        }
    }

    @Override
    public List<ComponentEnergy> energy(String node, Instant from, Instant to) {
        checkPeriod(from, to);
        long a = from.toEpochMilli();
        long b = to.toEpochMilli();
        return read("read energy of node '" + node + "'", c -> {
            NodeShape[] shape = new NodeShape[1];
            Optional<EnergyGrid> grid = grid(c, node, a, Math.max(1, b - a), a, Math.max(b, a + 1), s -> shape[0] = s);
            if (grid.isEmpty()) {
                return List.of();
            }
            List<ComponentEnergy> out = new ArrayList<>();
            grid.get().components.forEach((component, sums) -> {
                if (sums.coveredMs[0] > 0) {
                    out.add(new ComponentEnergy(component, scopeOf(shape[0], component), sums.worst(), sums.joules[0]));
                }
            });
            return List.copyOf(out);
        });
    }

    private static Scope scopeOf(NodeShape shape, String component) {
        Scope scope = shape.scopes().get(component);
        // Every stored sample's component has a totals row, written in the same transaction.
        return scope != null ? scope : Scope.SYSTEM;
    }

    @Override
    public List<HourEnergy> hourlyEnergy(String node, Instant from, Instant to) {
        checkPeriod(from, to);
        long a = from.toEpochMilli();
        long b = Math.max(to.toEpochMilli(), a + 1);
        long origin = Math.floorDiv(a, HOUR_MS) * HOUR_MS;
        return read("read hourly energy of node '" + node + "'", c -> {
            NodeShape[] shape = new NodeShape[1];
            Optional<EnergyGrid> filled = grid(c, node, origin, HOUR_MS, a, b, s -> shape[0] = s);
            if (filled.isEmpty()) {
                return List.of();
            }
            EnergyGrid grid = filled.get();
            Set<Scope> scopes = shape[0].scopeSet();
            double[] joules = new double[grid.buckets];
            boolean[] any = new boolean[grid.buckets];
            grid.components.forEach((component, sums) -> {
                if (FleetStore.counted(scopeOf(shape[0], component), scopes)) {
                    for (int k = 0; k < grid.buckets; k++) {
                        joules[k] += sums.joules[k];
                        any[k] |= sums.coveredMs[k] > 0;
                    }
                }
            });
            List<HourEnergy> out = new ArrayList<>();
            for (int k = 0; k < grid.buckets; k++) {
                if (any[k]) {
                    out.add(new HourEnergy(Instant.ofEpochMilli(origin + k * HOUR_MS), joules[k]));
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public List<PowerSeries> power(String node, Instant from, Instant to, Duration step) {
        checkPeriod(from, to);
        Objects.requireNonNull(step, "step");
        long stepMs = step.toMillis();
        if (stepMs <= 0) {
            throw new IllegalArgumentException("the step must be at least 1 ms, was " + step);
        }
        long a = from.toEpochMilli();
        long b = Math.max(to.toEpochMilli(), a + 1);
        if ((b - a - 1) / stepMs + 1 > MAX_STEPS) {
            throw new IllegalArgumentException("%s to %s at steps of %s is more than %d steps".formatted(from, to, step, MAX_STEPS));
        }
        return read("read power of node '" + node + "'", c -> {
            NodeShape[] shape = new NodeShape[1];
            Optional<EnergyGrid> filled = grid(c, node, a, stepMs, a, b, s -> shape[0] = s);
            if (filled.isEmpty()) {
                return List.of();
            }
            EnergyGrid grid = filled.get();
            List<PowerSeries> out = new ArrayList<>();
            grid.components.forEach((component, sums) -> {
                List<PowerSeries.Step> steps = new ArrayList<>(grid.buckets);
                for (int k = 0; k < grid.buckets; k++) {
                    long covered = sums.coveredMs[k];
                    steps.add(new PowerSeries.Step(Instant.ofEpochMilli(grid.start(k)), (grid.end(k) - grid.start(k)) / 1000.0,
                            sums.joules[k], covered > 0 ? sums.joules[k] / (covered / 1000.0) : Double.NaN));
                }
                out.add(new PowerSeries(component, scopeOf(shape[0], component), sums.worst(), List.copyOf(steps)));
            });
            return List.copyOf(out);
        });
    }

    @Override
    public ApiToken createToken(String name, TokenRole role, String hash) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hash, "hash");
        try (Connection c = pool.getConnection()) {
            return Transactions.call(c, () -> {
                if (tokenWhere(c, "name = ?", name).isPresent()) {
                    throw new TokenNameTakenException(name);
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO api_token (name, role, hash, created_at) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, name);
                    insert.setString(2, role.label());
                    insert.setString(3, hash);
                    insert.setLong(4, clock.millis());
                    insert.executeUpdate();
                }
                return tokenWhere(c, "hash = ?", hash).orElseThrow();
            });
        } catch (SQLException e) {
            if (read("read tokens", cc -> tokenWhere(cc, "name = ?", name)).isPresent()) {
                throw new TokenNameTakenException(name);
            }
            throw new StoreException(Failures.describe("create token '" + name + "'", location, null, e), e);
        }
    }

    private static final String TOKEN_COLUMNS = "SELECT id, name, role, hash, created_at, revoked_at FROM api_token";

    private static Optional<ApiToken> tokenWhere(Connection c, String where, Object value) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(TOKEN_COLUMNS + " WHERE " + where)) {
            query.setObject(1, value);
            try (ResultSet r = query.executeQuery()) {
                return r.next() ? Optional.of(token(r)) : Optional.empty();
            }
        }
    }

    private static ApiToken token(ResultSet r) throws SQLException {
        long revoked = r.getLong(6);
        Optional<Instant> revokedAt = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(revoked));
        return new ApiToken(r.getLong(1), r.getString(2), TokenRole.fromLabel(r.getString(3)), r.getString(4),
                Instant.ofEpochMilli(r.getLong(5)), revokedAt);
    }

    @Override
    public List<ApiToken> tokens() {
        return read("list tokens", c -> {
            List<ApiToken> out = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement(TOKEN_COLUMNS + " ORDER BY id"); ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    out.add(token(r));
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public Optional<ApiToken> tokenByHash(String hash) {
        Objects.requireNonNull(hash, "hash");
        return read("read a token", c -> tokenWhere(c, "hash = ?", hash));
    }

    @Override
    public Optional<ApiToken> revokeToken(String idOrName) {
        Objects.requireNonNull(idOrName, "idOrName");
        try (Connection c = pool.getConnection()) {
            return Transactions.call(c, () -> {
                Optional<ApiToken> token = Optional.empty();
                if (idOrName.matches("[0-9]{1,18}")) {
                    token = tokenWhere(c, "id = ?", Long.parseLong(idOrName));
                }
                if (token.isEmpty()) {
                    token = tokenWhere(c, "name = ?", idOrName);
                }
                if (token.isEmpty() || !token.get().valid()) {
                    return token;
                }
                try (PreparedStatement update = c.prepareStatement("UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                    update.setLong(1, clock.millis());
                    update.setLong(2, token.get().id());
                    update.executeUpdate();
                }
                return tokenWhere(c, "id = ?", token.get().id());
            });
        } catch (SQLException e) {
            throw new StoreException(Failures.describe("revoke token '" + idOrName + "'", location, null, e), e);
        }
    }

    @Override
    public void ping() {
        read("reach the store", c -> {
            if (!c.isValid(5)) {
                throw new SQLException("the connection is not valid");
            }
            return null;
        });
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            pool.close();
        }
    }

    /** A read on a pooled connection. */
    @FunctionalInterface
    private interface Read<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs a read; a lost connection (the database restarted) is tried once more on a new one. */
    private <T> T read(String what, Read<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                return work.run(c);
            } catch (SQLException e) {
                if (attempt < 2 && Failures.isWorthANewConnection(e)) {
                    continue;
                }
                throw new StoreException("cannot %s in %s: %s".formatted(what, location, e.getMessage()), e);
            }
        }
    }
}
