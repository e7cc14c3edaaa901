package dev.greenloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Store} on one JDBC connection, in plain SQL that SQLite and PostgreSQL both accept.
 * Every write runs in one transaction and commits before the method returns.
 */
final class JdbcStore implements Store {

    /** Samples sent to the database per JDBC batch; a call's samples still commit together. */
    private static final int SAMPLE_BATCH_SIZE = 1_000;

    /** The longest pause between two attempts of a transaction that met another process's lock. */
    private static final long MAX_RETRY_DELAY_MILLIS = 2_000;

    private final Connection connection;
    private final String location;
    private final Path file;
    private final Duration lockWait;
    private final Clock clock;
    private final RunReader reader;
    private final RunAggregates aggregates;
    /** Node ids by description, so that repeated writes for one node skip the upsert. */
    private final Map<NodeInfo, Long> nodeIds = new HashMap<>();

    JdbcStore(Connection connection, String location, Clock clock) {
        this(connection, location, null, Duration.ZERO, clock);
    }

    /**
     * @param file the SQLite file, to name in messages; null for PostgreSQL
     * @param lockWait how long a write keeps trying while another process holds the lock, see {@link StoreConfig#lockWait()}
     */
    JdbcStore(Connection connection, String location, Path file, Duration lockWait, Clock clock) {
        this.connection = connection;
        this.location = location;
        this.file = file;
        this.lockWait = lockWait;
        this.clock = clock;
        this.reader = new RunReader(connection);
        this.aggregates = new RunAggregates(connection, file == null, reader);
    }

    @Override
    public long startRun(NewRun run) {
        Objects.requireNonNull(run, "run");
        return write("start run '" + run.name() + "'", () -> {
            long nodeId = nodeId(run.node());
            long runId;
            Owner owner = Owner.current();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO run (node_id, name, started_at, status,"
                    + " owner_pid, owner_host, owner_started_at, command_pid) VALUES (?, ?, ?, 'running', ?, ?, ?, ?) RETURNING id")) {
                insert.setLong(1, nodeId);
                insert.setString(2, run.name());
                Columns.setTime(insert, 3, run.startedAt());
                insert.setLong(4, owner.pid());
                insert.setString(5, owner.host());
                insert.setObject(6, owner.startedAtMillis(), java.sql.Types.BIGINT);
                insert.setObject(7, run.commandPid().isPresent() ? run.commandPid().getAsLong() : null, java.sql.Types.BIGINT);
                try (ResultSet keys = insert.executeQuery()) {
                    keys.next();
                    runId = keys.getLong(1);
                }
            }
            insertArguments(runId, run.command());
            insertTags(runId, run.tags());
            insertKind(runId, run.kind());
            return runId;
        });
    }

    private void insertArguments(long runId, List<String> command) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO run_arg (run_id, position, value) VALUES (?, ?, ?)")) {
            for (int i = 0; i < command.size(); i++) {
                insert.setLong(1, runId);
                insert.setInt(2, i);
                insert.setString(3, command.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A measure run has no row in {@code run_kind}: runs stored before it existed read back as what they were. */
    private void insertKind(long runId, RunKind kind) throws SQLException {
        if (kind == RunKind.MEASURE) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO run_kind (run_id, kind) VALUES (?, ?)")) {
            insert.setLong(1, runId);
            insert.setString(2, kind.label());
            insert.executeUpdate();
        }
    }

    private void insertTags(long runId, Map<String, String> tags) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO run_tag (run_id, position, tag_key, tag_value) VALUES (?, ?, ?, ?)")) {
            int position = 0;
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                insert.setLong(1, runId);
                insert.setInt(2, position++);
                insert.setString(3, tag.getKey());
                insert.setString(4, tag.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public void appendSamples(NodeInfo node, Optional<Long> runId, List<SampleRow> samples) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(runId, "runId");
        if (samples.isEmpty()) {
            return;
        }
        String what = runId.map(id -> "append samples to run " + id).orElse("append samples of node '" + node.name() + "'");
        write(what, () -> {
            long nodeId = nodeId(node);
            if (runId.isPresent()) {
                requireStatus(runId.get());
            }
            insertSamples(nodeId, runId, samples);
            return null;
        });
    }

    @Override
    public void appendSamples(NodeInfo node, long runId, List<SampleRow> samples, RunOutcome soFar) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(soFar, "soFar");
        write("append samples to run " + runId, () -> {
            long nodeId = nodeId(node);
            if (requireStatus(runId) != RunStatus.RUNNING) {
                throw new StoreException("cannot append samples to run %d in %s: it is not running".formatted(runId, location));
            }
            insertSamples(nodeId, Optional.of(runId), samples);
            updateTotals(runId, soFar);
            replaceComponents(runId, soFar.components());
            return null;
        });
    }

    private void insertSamples(long nodeId, Optional<Long> runId, List<SampleRow> samples) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sample"
                + " (node_id, run_id, component, time, power_watts, cumulative_joules, provenance)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int inBatch = 0;
            for (SampleRow sample : samples) {
                insert.setLong(1, nodeId);
                insert.setObject(2, runId.orElse(null), java.sql.Types.BIGINT);
                insert.setString(3, sample.component());
                Columns.setTime(insert, 4, sample.time());
                Columns.setDouble(insert, 5, sample.powerWatts());
                Columns.setDouble(insert, 6, sample.cumulativeJoules());
                insert.setString(7, sample.provenance().label());
                insert.addBatch();
                if (++inBatch == SAMPLE_BATCH_SIZE) {
                    insert.executeBatch();
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                insert.executeBatch();
            }
        }
    }

    @Override
    public void finishRun(long runId, RunOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        write("finish run " + runId, () -> {
            if (requireStatus(runId) == RunStatus.FINISHED) {
                throw new StoreException("cannot finish run %d in %s: it is already finished".formatted(runId, location));
            }
            updateRun(runId, outcome);
            replaceComponents(runId, outcome.components());
            return null;
        });
    }

    private void updateRun(long runId, RunOutcome outcome) throws SQLException {
        updateTotals(runId, outcome);
        try (PreparedStatement update = connection.prepareStatement("UPDATE run SET status = 'finished', exit_code = ?,"
                + " interrupted_at = NULL, interruption = NULL, orphan_pid = NULL WHERE id = ?")) {
            update.setInt(1, outcome.exitCode());
            update.setLong(2, runId);
            update.executeUpdate();
        }
    }

    /** Writes the outcome's end, totals and carbon, leaving the status and exit code as they are. */
    private void updateTotals(long runId, RunOutcome outcome) throws SQLException {
        double totalJoules = 0;
        double processJoules = 0;
        for (RunComponent component : outcome.components()) {
            if (component.counted()) {
                totalJoules += component.energy().joules();
                processJoules += component.processEnergy().joules();
            }
        }
        RunCarbon carbon = Objects.requireNonNull(outcome.carbon(), "outcome.carbon");
        try (PreparedStatement update = connection.prepareStatement("UPDATE run SET ended_at = ?,"
                + " total_joules = ?, process_joules = ?, carbon_zone = ?, grams_per_kwh = ?,"
                + " carbon_signal = ?, carbon_source = ?, carbon_pue = ?, grams = ?, process_grams = ? WHERE id = ?")) {
            Columns.setTime(update, 1, outcome.endedAt());
            Columns.setDouble(update, 2, totalJoules);
            Columns.setDouble(update, 3, processJoules);
            update.setString(4, carbon.zone());
            Columns.setDouble(update, 5, carbon.gramsPerKWh());
            update.setString(6, carbon.signal());
            update.setString(7, carbon.source());
            Columns.setDouble(update, 8, carbon.pue());
            Columns.setDouble(update, 9, carbon.grams());
            Columns.setDouble(update, 10, carbon.processGrams());
            update.setLong(11, runId);
            update.executeUpdate();
        }
    }

    /** Replaces the run's components: those of a running run are its totals so far. */
    private void replaceComponents(long runId, List<RunComponent> components) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM run_component WHERE run_id = ?")) {
            delete.setLong(1, runId);
            delete.executeUpdate();
        }
        insertComponents(runId, components);
    }

    private void insertComponents(long runId, List<RunComponent> components) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO run_component (run_id, position, name,"
                + " scope, provenance, description, part_of, joules, min_joules, max_joules, process_joules)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < components.size(); i++) {
                RunComponent component = components.get(i);
                insert.setLong(1, runId);
                insert.setInt(2, i);
                insert.setString(3, component.name());
                insert.setString(4, component.scope().label());
                insert.setString(5, component.provenance().label());
                insert.setString(6, component.description());
                insert.setString(7, component.partOf());
                insert.setDouble(8, component.energy().joules());
                insert.setDouble(9, component.min().joules());
                insert.setDouble(10, component.max().joules());
                insert.setDouble(11, component.processEnergy().joules());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** @return the run's status; @throws StoreException naming the id if there is no such run */
    private RunStatus requireStatus(long runId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT status, interrupted_at FROM run WHERE id = ?")) {
            query.setLong(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new StoreException("no run with id %d in %s".formatted(runId, location));
                }
                if (rows.getObject(2) != null) {
                    return RunStatus.INTERRUPTED;
                }
                return RunStatus.valueOf(rows.getString(1).toUpperCase(java.util.Locale.ROOT));
            }
        }
    }

    /** @return the id of the node with this name, inserted or updated to this description */
    private long nodeId(NodeInfo node) throws SQLException {
        Long cached = nodeIds.get(node);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO node (name, zone, hardware, pue,"
                + " created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET zone = excluded.zone,"
                + " hardware = excluded.hardware, pue = excluded.pue")) {
            upsert.setString(1, node.name());
            upsert.setString(2, node.zone());
            upsert.setString(3, node.hardware());
            Columns.setDouble(upsert, 4, node.pue());
            upsert.setLong(5, clock.millis());
            upsert.executeUpdate();
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM node WHERE name = ?")) {
            query.setString(1, node.name());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                long id = rows.getLong(1);
                nodeIds.put(node, id);
                return id;
            }
        }
    }

    @Override
    public List<StoredRun> listRuns(Optional<Instant> since) {
        Objects.requireNonNull(since, "since");
        return read("list runs", () -> reader.startedSince(since.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE)));
    }

    @Override
    public Optional<StoredRun> findRun(long runId) {
        return read("read run " + runId, () -> reader.byId(runId));
    }

    @Override
    public List<SampleRow> samples(String nodeName, Optional<Long> runId) {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(runId, "runId");
        String what = runId.map(id -> "read samples of run " + id).orElse("read samples of node '" + nodeName + "'");
        return read(what, () -> reader.samples(nodeName, runId));
    }

    @Override
    public RunSums sumRuns(RunSelection selection, Instant bucketOrigin, Duration bucketWidth) {
        Objects.requireNonNull(selection, "selection");
        return read("add up the runs of " + selection.from() + " to " + selection.to(), () -> aggregates.sums(selection, bucketOrigin, bucketWidth));
    }

    @Override
    public void forEachRun(RunSelection selection, String tagKey, java.util.function.Consumer<RunFact> each) {
        Objects.requireNonNull(selection, "selection");
        read("read the runs of " + selection.from() + " to " + selection.to(), () -> {
            aggregates.forEach(selection, tagKey, each);
            return null;
        });
    }

    @Override
    public List<Long> runsWithArguments(RunSelection selection, String first, String second) {
        Objects.requireNonNull(selection, "selection");
        return read("find runs with arguments '%s %s'".formatted(first, second), () -> aggregates.withArguments(selection, first, second));
    }

    @Override
    public java.util.Set<String> nodesWithRuns() {
        return read("list the nodes with runs", aggregates::nodesWithRuns);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Safe to drop: every method committed before it returned, so nothing is left to lose.
        }
    }

    /**
     * Runs {@code work} in one transaction; while another process holds the lock it needs, attempts it again after
     * 0.1, 0.2, 0.4 ... s (at most {@value #MAX_RETRY_DELAY_MILLIS} ms apart) until {@link #lockWait} has passed.
     */
    private <T> T write(String what, Transactions.Work<T> work) {
        long deadline = System.nanoTime() + lockWait.toNanos();
        long delayMillis = 100;
        while (true) {
            try {
                return Transactions.call(connection, work);
            } catch (SQLException e) {
                nodeIds.clear();
                if (!Failures.isLockConflict(e) || System.nanoTime() + delayMillis * 1_000_000 > deadline) {
                    throw new StoreException(Failures.describe(what, location, file, e), e);
                }
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    StoreException failure = new StoreException(
                            "cannot %s in %s: interrupted while waiting for another process's lock".formatted(what, location), e);
                    failure.addSuppressed(interrupted);
                    throw failure;
                }
                delayMillis = Math.min(delayMillis * 2, MAX_RETRY_DELAY_MILLIS);
            } catch (RuntimeException e) {
                // A rolled-back transaction may have inserted a node that the cache now names.
                nodeIds.clear();
                throw e;
            }
        }
    }

    private <T> T read(String what, Transactions.Work<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException("cannot %s in %s: %s".formatted(what, location, e.getMessage()), e);
        }
    }
}
