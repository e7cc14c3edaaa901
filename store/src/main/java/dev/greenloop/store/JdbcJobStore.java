package dev.greenloop.store;

import dev.greenloop.core.Interval;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link JobStore} on one JDBC connection, for SQLite and PostgreSQL alike; calls are serialised. */
final class JdbcJobStore implements JobStore {

    private static final String COLUMNS = """
            SELECT id, name, submitted_at, duration_minutes, deadline, power_watts, interruptible, checkpoint_minutes,
                   min_segment_minutes, zones, state, version, plan_zone, plan_segments, planned_grams, baseline_grams,
                   planned_at, executor, external_id, attempt, segment_started_at, done_seconds, run_id, exit_code, updated_at
            FROM job""";

    private static final String INSERT = """
            INSERT INTO job (id, name, submitted_at, duration_minutes, deadline, power_watts, interruptible, checkpoint_minutes,
                             min_segment_minutes, zones, state, version, attempt, done_seconds, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 1, 0, 0, ?)""";

    private static final String UPDATE = """
            UPDATE job SET state = ?, version = version + 1, plan_zone = ?, plan_segments = ?, planned_grams = ?,
                           baseline_grams = ?, planned_at = ?, executor = ?, external_id = ?, attempt = ?,
                           segment_started_at = ?, done_seconds = ?, run_id = ?, exit_code = ?, updated_at = ?
            WHERE id = ? AND version = ?""";

    private static final String EVENT = "INSERT INTO job_event (job_id, at, from_state, to_state, detail) VALUES (?, ?, ?, ?, ?)";

    private final Connection connection;
    private final String location;

    JdbcJobStore(Connection connection, String location) {
        this.connection = connection;
        this.location = location;
    }

    @Override
    public synchronized boolean submit(JobSpec spec, Instant at) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(at, "at");
        try {
            return Transactions.call(connection, () -> {
                if (!read(" WHERE id = ?", spec.id()).isEmpty()) {
                    return false;
                }
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    insert.setString(1, spec.id());
                    insert.setString(2, spec.name());
                    Columns.setTime(insert, 3, spec.submittedAt());
                    insert.setInt(4, spec.durationMinutes());
                    Columns.setTime(insert, 5, spec.deadline());
                    insert.setDouble(6, spec.powerWatts());
                    insert.setInt(7, spec.interruptible() ? 1 : 0);
                    insert.setInt(8, spec.checkpointMinutes());
                    insert.setInt(9, spec.minSegmentMinutes());
                    insert.setString(10, String.join(";", spec.zones()));
                    Columns.setTime(insert, 11, at);
                    insert.executeUpdate();
                }
                try (PreparedStatement arg = connection.prepareStatement("INSERT INTO job_arg (job_id, position, value) VALUES (?, ?, ?)")) {
                    for (int i = 0; i < spec.command().size(); i++) {
                        arg.setString(1, spec.id());
                        arg.setInt(2, i);
                        arg.setString(3, spec.command().get(i));
                        arg.addBatch();
                    }
                    arg.executeBatch();
                }
                event(spec.id(), at, null, "queued", "submitted");
                return true;
            });
        } catch (SQLException e) {
            throw new StoreException("cannot submit job %s to %s: %s".formatted(spec.id(), location, e.getMessage()), e);
        }
    }

    @Override
    public synchronized Optional<StoredJob> find(String id) {
        Objects.requireNonNull(id, "id");
        try {
            return read(" WHERE id = ?", id).stream().findFirst();
        } catch (SQLException e) {
            throw new StoreException("cannot read job %s from %s: %s".formatted(id, location, e.getMessage()), e);
        }
    }

    @Override
    public synchronized List<StoredJob> list() {
        try {
            return read(" ORDER BY submitted_at, id", null);
        } catch (SQLException e) {
            throw new StoreException("cannot list jobs in %s: %s".formatted(location, e.getMessage()), e);
        }
    }

    @Override
    public synchronized Optional<StoredJob> update(String id, long expectedVersion, JobProgress next, Instant at, String detail) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
        try {
            return Transactions.call(connection, () -> {
                Optional<StoredJob> current = read(" WHERE id = ?", id).stream().findFirst();
                if (current.isEmpty() || current.get().version() != expectedVersion) {
                    return Optional.<StoredJob>empty();
                }
                try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                    bindProgress(update, next);
                    Columns.setTime(update, 14, at);
                    update.setString(15, id);
                    update.setLong(16, expectedVersion);
                    if (update.executeUpdate() != 1) {
                        return Optional.<StoredJob>empty();
                    }
                }
                event(id, at, current.get().state(), next.state(), detail);
                return Optional.of(new StoredJob(current.get().spec(), next, expectedVersion + 1, at));
            });
        } catch (SQLException e) {
            throw new StoreException("cannot update job %s in %s: %s".formatted(id, location, e.getMessage()), e);
        }
    }

    @Override
    public synchronized List<JobEvent> events(String id) {
        Objects.requireNonNull(id, "id");
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT at, from_state, to_state, detail FROM job_event WHERE job_id = ? ORDER BY id")) {
            query.setString(1, id);
            List<JobEvent> events = new ArrayList<>();
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    events.add(new JobEvent(id, Columns.getTime(r, 1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return List.copyOf(events);
        } catch (SQLException e) {
            throw new StoreException("cannot read the events of job %s from %s: %s".formatted(id, location, e.getMessage()), e);
        }
    }

    private void bindProgress(PreparedStatement s, JobProgress p) throws SQLException {
        s.setString(1, p.state());
        JobPlan plan = p.plan();
        if (plan == null) {
            for (int i = 2; i <= 6; i++) {
                s.setNull(i, i == 4 || i == 5 ? Types.DOUBLE : i == 6 ? Types.BIGINT : Types.VARCHAR);
            }
        } else {
            s.setString(2, plan.zone());
            s.setString(3, encode(plan.segments()));
            Columns.setDouble(s, 4, plan.plannedGrams());
            Columns.setDouble(s, 5, plan.baselineGrams());
            Columns.setTime(s, 6, plan.plannedAt());
        }
        s.setString(7, p.executor());
        s.setString(8, p.externalId());
        s.setInt(9, p.attempt());
        if (p.segmentStartedAt() == null) {
            s.setNull(10, Types.BIGINT);
        } else {
            Columns.setTime(s, 10, p.segmentStartedAt());
        }
        s.setLong(11, p.doneSeconds());
        if (p.runId() == null) {
            s.setNull(12, Types.BIGINT);
        } else {
            s.setLong(12, p.runId());
        }
        if (p.exitCode() == null) {
            s.setNull(13, Types.INTEGER);
        } else {
            s.setInt(13, p.exitCode());
        }
    }

    private void event(String id, Instant at, String from, String to, String detail) throws SQLException {
        try (PreparedStatement e = connection.prepareStatement(EVENT)) {
            e.setString(1, id);
            Columns.setTime(e, 2, at);
            e.setString(3, from);
            e.setString(4, to);
            e.setString(5, detail);
            e.executeUpdate();
        }
    }

    /** @return jobs matching {@code where} (with one optional string parameter), commands included */
    private List<StoredJob> read(String where, String parameter) throws SQLException {
        Map<String, StoredJob> jobs = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(COLUMNS + where)) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    StoredJob job = row(r);
                    jobs.put(job.id(), job);
                }
            }
        }
        if (jobs.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> commands = new LinkedHashMap<>();
        String argSql = "SELECT job_id, value FROM job_arg" + (parameter != null ? " WHERE job_id = ?" : "") + " ORDER BY job_id, position";
        try (PreparedStatement query = connection.prepareStatement(argSql)) {
            if (parameter != null) {
                query.setString(1, parameter);
            }
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    commands.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
                }
            }
        }
        List<StoredJob> out = new ArrayList<>(jobs.size());
        for (StoredJob j : jobs.values()) {
            JobSpec s = j.spec();
            out.add(new StoredJob(new JobSpec(s.id(), s.name(), s.submittedAt(), s.durationMinutes(), s.deadline(), s.powerWatts(),
                    s.interruptible(), s.checkpointMinutes(), s.minSegmentMinutes(), s.zones(),
                    commands.getOrDefault(s.id(), List.of("?"))), j.progress(), j.version(), j.updatedAt()));
        }
        return List.copyOf(out);
    }

    private static StoredJob row(ResultSet r) throws SQLException {
        String zones = r.getString(10);
        JobSpec spec = new JobSpec(r.getString(1), r.getString(2), Columns.getTime(r, 3), r.getInt(4), Columns.getTime(r, 5),
                r.getDouble(6), r.getInt(7) == 1, r.getInt(8), r.getInt(9),
                zones.isEmpty() ? List.of() : Arrays.asList(zones.split(";")), List.of("?"));
        JobPlan plan = null;
        String planZone = r.getString(13);
        if (planZone != null) {
            plan = new JobPlan(planZone, decode(r.getString(14)), Columns.getDouble(r, 15), Columns.getDouble(r, 16), Columns.getTime(r, 17));
        }
        Instant segment = optionalTime(r, 21);
        long run = r.getLong(23);
        Long runId = r.wasNull() ? null : run;
        int exit = r.getInt(24);
        Integer exitCode = r.wasNull() ? null : exit;
        JobProgress progress = new JobProgress(r.getString(11), plan, r.getString(18), r.getString(19), r.getInt(20), segment,
                r.getLong(22), runId, exitCode);
        return new StoredJob(spec, progress, r.getLong(12), Columns.getTime(r, 25));
    }

    private static Instant optionalTime(ResultSet r, int index) throws SQLException {
        long ms = r.getLong(index);
        return r.wasNull() ? null : Instant.ofEpochMilli(ms);
    }

    static String encode(List<Interval> segments) {
        StringBuilder b = new StringBuilder();
        for (Interval i : segments) {
            if (!b.isEmpty()) {
                b.append(';');
            }
            b.append(i.start().toEpochMilli()).append('-').append(i.end().toEpochMilli());
        }
        return b.toString();
    }

    static List<Interval> decode(String text) {
        List<Interval> out = new ArrayList<>();
        for (String part : text.split(";")) {
            int dash = part.indexOf('-', 1);
            out.add(new Interval(Instant.ofEpochMilli(Long.parseLong(part.substring(0, dash))),
                    Instant.ofEpochMilli(Long.parseLong(part.substring(dash + 1)))));
        }
        return out;
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
            throw new StoreException("cannot close the job store %s: %s".formatted(location, e.getMessage()), e);
        }
    }
}
