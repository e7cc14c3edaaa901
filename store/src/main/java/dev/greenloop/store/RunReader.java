package dev.greenloop.store;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads runs and samples back. A set of runs costs five queries whatever its size: the runs, then
 * the arguments, tags, components and kinds of all of them.
 */
final class RunReader {

    private static final String BY_START = "r.started_at >= ?";
    private static final String BY_ID = "r.id = ?";

    private final Connection connection;

    RunReader(Connection connection) {
        this.connection = connection;
    }

    /** @return runs started at or after {@code sinceEpochMillis}, newest first */
    List<StoredRun> startedSince(long sinceEpochMillis) throws SQLException {
        return runs(BY_START, sinceEpochMillis);
    }

    /** @return the run with that id, if any */
    Optional<StoredRun> byId(long runId) throws SQLException {
        return runs(BY_ID, runId).stream().findFirst();
    }

    /** @return the samples of a run, or of the node's own series, in time order (insertion order within a time) */
    List<SampleRow> samples(String nodeName, Optional<Long> runId) throws SQLException {
        String sql = "SELECT s.time, s.component, s.power_watts, s.cumulative_joules, s.provenance FROM sample s"
                + " JOIN node n ON n.id = s.node_id WHERE n.name = ? AND "
                + (runId.isPresent() ? "s.run_id = ?" : "s.run_id IS NULL") + " ORDER BY s.time, s.id";
        List<SampleRow> samples = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, nodeName);
            if (runId.isPresent()) {
                query.setLong(2, runId.get());
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    samples.add(new SampleRow(Columns.getTime(rows, 1), rows.getString(2), Columns.getDouble(rows, 3),
                            Columns.getDouble(rows, 4), Provenance.fromLabel(rows.getString(5))));
                }
            }
        }
        return samples;
    }

    /** @return the kinds of the runs that {@code filter} selects and that are not {@link RunKind#MEASURE}, by run id */
    private Map<Long, RunKind> kinds(String filter, long parameter) throws SQLException {
        Map<Long, RunKind> kinds = new HashMap<>();
        forEachRow("SELECT k.run_id, k.kind FROM run_kind k JOIN run r ON r.id = k.run_id WHERE " + filter, parameter,
                rows -> kinds.put(rows.getLong(1), RunKind.fromLabel(rows.getString(2))));
        return kinds;
    }

    /**
     * @param filter a constant condition on {@code r} with one long parameter
     */
    private List<StoredRun> runs(String filter, long parameter) throws SQLException {
        // The runs first: a run read as finished has its components committed with it.
        List<RunRow> runRows = new ArrayList<>();
        forEachRow("SELECT r.id, r.name, r.started_at, r.status, r.ended_at, r.exit_code, r.carbon_zone,"
                + " r.grams_per_kwh, r.carbon_signal, r.carbon_source, r.carbon_pue, r.grams, r.process_grams,"
                + " n.name, n.zone, n.hardware, n.pue, r.owner_pid, r.owner_host, r.owner_started_at, r.command_pid,"
                + " r.interrupted_at, r.interruption, r.orphan_pid"
                + " FROM run r JOIN node n ON n.id = r.node_id WHERE " + filter
                + " ORDER BY r.started_at DESC, r.id DESC", parameter, rows -> runRows.add(runRow(rows)));
        if (runRows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> arguments = new HashMap<>();
        forEachRow("SELECT a.run_id, a.value FROM run_arg a JOIN run r ON r.id = a.run_id WHERE " + filter
                + " ORDER BY a.run_id, a.position", parameter,
                rows -> arguments.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(rows.getString(2)));
        Map<Long, Map<String, String>> tags = new HashMap<>();
        forEachRow("SELECT t.run_id, t.tag_key, t.tag_value FROM run_tag t JOIN run r ON r.id = t.run_id WHERE "
                + filter + " ORDER BY t.run_id, t.position", parameter,
                rows -> tags.computeIfAbsent(rows.getLong(1), id -> new LinkedHashMap<>())
                        .put(rows.getString(2), rows.getString(3)));
        Map<Long, List<RunComponent>> components = new HashMap<>();
        forEachRow("SELECT c.run_id, c.name, c.scope, c.provenance, c.description, c.part_of, c.joules, c.min_joules,"
                + " c.max_joules, c.process_joules FROM run_component c JOIN run r ON r.id = c.run_id WHERE " + filter
                + " ORDER BY c.run_id, c.position", parameter,
                rows -> components.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(component(rows)));
        Map<Long, RunKind> kinds = kinds(filter, parameter);
        List<StoredRun> runs = new ArrayList<>(runRows.size());
        Instant now = Instant.now();
        for (RunRow row : runRows) {
            NewRun start = new NewRun(row.name(), arguments.getOrDefault(row.id(), List.of()),
                    tags.getOrDefault(row.id(), Map.of()), row.startedAt(), row.node(), kinds.getOrDefault(row.id(), RunKind.MEASURE),
                    row.commandPid());
            List<RunComponent> parts = components.getOrDefault(row.id(), List.of());
            RunStatus status = row.status();
            Optional<Interruption> interruption = Optional.ofNullable(row.interruption());
            if (status == RunStatus.RUNNING) {
                // Never shown as running once its measuring process is gone, even where the store cannot be written.
                interruption = Optional.ofNullable(Reconciler.interruption(row.owner(), row.commandPid(), row.endedAt(), now));
                status = interruption.isPresent() ? RunStatus.INTERRUPTED : RunStatus.RUNNING;
            }
            Optional<RunOutcome> outcome = switch (status) {
                case RUNNING -> Optional.empty();
                case FINISHED -> Optional.of(new RunOutcome(row.endedAt(), row.exitCode(), parts, row.carbon()));
                case INTERRUPTED -> Optional.of(row.endedAt() == null
                        ? new RunOutcome(row.startedAt(), RunOutcome.UNKNOWN_EXIT_CODE, List.of(), noCarbon(row.node()))
                        : new RunOutcome(row.endedAt(), RunOutcome.UNKNOWN_EXIT_CODE, parts,
                                row.carbon().zone() == null ? noCarbon(row.node()) : row.carbon()));
            };
            runs.add(new StoredRun(row.id(), start, status, outcome, interruption));
        }
        return runs;
    }

    /** The carbon of a run that stored no samples: none, in its node's zone. */
    private static RunCarbon noCarbon(NodeInfo node) {
        return new RunCarbon(node.zone(), 0, "none", "no samples stored", node.pue(), 0, 0);
    }

    /**
     * The columns of one {@code run} row joined with its node. {@code endedAt} and {@code carbon} are those so far while
     * running (null before the first samples); {@code interruption} is set once the run was marked interrupted.
     */
    private record RunRow(long id, String name, Instant startedAt, RunStatus status, Instant endedAt, int exitCode,
            RunCarbon carbon, NodeInfo node, Owner owner, OptionalLong commandPid, Interruption interruption) {
    }

    private static RunRow runRow(ResultSet rows) throws SQLException {
        NodeInfo node = new NodeInfo(rows.getString(14), rows.getString(15), rows.getString(16), Columns.getDouble(rows, 17));
        RunStatus status = RunStatus.valueOf(rows.getString(4).toUpperCase(Locale.ROOT));
        Owner owner = Reconciler.owner(rows, 18);
        OptionalLong commandPid = Reconciler.optionalLong(rows, 21);
        Interruption interruption = null;
        if (rows.getObject(22) != null) {
            status = RunStatus.INTERRUPTED;
            interruption = new Interruption(Columns.getTime(rows, 22), rows.getString(23), Reconciler.optionalLong(rows, 24));
        }
        Instant endedAt = rows.getObject(5) == null ? null : Columns.getTime(rows, 5);
        RunCarbon carbon = new RunCarbon(rows.getString(7), Columns.getDouble(rows, 8), rows.getString(9),
                rows.getString(10), Columns.getDouble(rows, 11), Columns.getDouble(rows, 12), Columns.getDouble(rows, 13));
        return new RunRow(rows.getLong(1), rows.getString(2), Columns.getTime(rows, 3), status, endedAt, rows.getInt(6), carbon,
                node, owner, commandPid, interruption);
    }

    private static RunComponent component(ResultSet rows) throws SQLException {
        return new RunComponent(rows.getString(2), Scope.fromLabel(rows.getString(3)),
                Provenance.fromLabel(rows.getString(4)), rows.getString(5), rows.getString(6),
                Energy.ofJoules(rows.getDouble(7)), Energy.ofJoules(rows.getDouble(8)),
                Energy.ofJoules(rows.getDouble(9)), Energy.ofJoules(rows.getDouble(10)));
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet rows) throws SQLException;
    }

    private void forEachRow(String sql, long parameter, RowHandler handler) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    handler.accept(rows);
                }
            }
        }
    }
}
