package dev.greenloop.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds runs whose measuring process ended without finishing them (killed with SIGKILL, crashed, the machine
 * stopped), so that they are never shown as running: {@link #interruption} tells one as it is read, and
 * {@link #reconcile} marks them interrupted in the store.
 */
final class Reconciler {

    private Reconciler() {
    }

    /**
     * @param owner who started the run; null for a run stored before owners were (schema version 4), which cannot be told
     * @param commandPid the measured command's process, if known
     * @param lastSample when the last stored sample was taken, or null if none was
     * @return why the run is interrupted, or null if its owner may still be measuring it
     */
    static Interruption interruption(Owner owner, OptionalLong commandPid, Instant lastSample, Instant now) {
        if (owner == null || !owner.isGone()) {
            return null;
        }
        boolean orphan = commandPid.isPresent() && Owner.isAlive(commandPid.getAsLong());
        StringBuilder note = new StringBuilder("the greenloop process that measured it (pid %d on %s) ended without finishing it,"
                .formatted(owner.pid(), owner.host()) + " killed or crashed; ");
        note.append(lastSample == null ? "no totals were stored before it ended, so they show 0"
                : "its totals are those of the samples stored until " + lastSample);
        if (orphan) {
            note.append("; the measured command (pid %d) was still running and was left running: end it with 'kill %d' if it should not run"
                    .formatted(commandPid.getAsLong(), commandPid.getAsLong()));
        } else if (commandPid.isPresent()) {
            note.append("; the measured command (pid %d) had ended too".formatted(commandPid.getAsLong()));
        }
        return new Interruption(now, note.toString(), orphan ? commandPid : OptionalLong.empty());
    }

    /**
     * Marks every running run whose owner is gone as interrupted: its status, when and why, and the totals of its
     * stored samples (kept with the run as they were stored; zero when none were), in one transaction.
     *
     * @return the ids of the runs marked
     * @throws SQLException if the store cannot be read or written
     */
    static List<Long> reconcile(Connection connection, Clock clock) throws SQLException {
        record Candidate(long id, Owner owner, OptionalLong commandPid, Instant lastSample, Instant startedAt) {
        }
        List<Candidate> candidates = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id, owner_pid, owner_host, owner_started_at,"
                + " command_pid, ended_at, started_at FROM run WHERE status = 'running' AND owner_pid IS NOT NULL");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                candidates.add(new Candidate(rows.getLong(1), owner(rows, 2), optionalLong(rows, 5),
                        rows.getObject(6) == null ? null : Columns.getTime(rows, 6), Columns.getTime(rows, 7)));
            }
        }
        List<Long> marked = new ArrayList<>();
        Instant now = clock.instant();
        for (Candidate c : candidates) {
            Interruption why = interruption(c.owner(), c.commandPid(), c.lastSample(), now);
            if (why == null) {
                continue;
            }
            Transactions.run(connection, () -> {
                // Still running inside the lock: another process may have marked or finished it meanwhile.
                try (PreparedStatement update = connection.prepareStatement("UPDATE run SET status = 'finished',"
                        + " interrupted_at = ?, interruption = ?, orphan_pid = ?, ended_at = COALESCE(ended_at, started_at),"
                        + " total_joules = COALESCE(total_joules, 0), process_joules = COALESCE(process_joules, 0),"
                        + " grams = COALESCE(grams, 0), process_grams = COALESCE(process_grams, 0)"
                        + " WHERE id = ? AND status = 'running'")) {
                    Columns.setTime(update, 1, why.detectedAt());
                    update.setString(2, why.note());
                    update.setObject(3, why.orphanPid().isPresent() ? why.orphanPid().getAsLong() : null, java.sql.Types.BIGINT);
                    update.setLong(4, c.id());
                    if (update.executeUpdate() == 1) {
                        marked.add(c.id());
                    }
                }
            });
        }
        return marked;
    }

    /** @return the owner in the three columns from {@code column}, or null when none was stored */
    static Owner owner(ResultSet rows, int column) throws SQLException {
        if (rows.getObject(column) == null) {
            return null;
        }
        Object start = rows.getObject(column + 2);
        return new Owner(rows.getLong(column), rows.getString(column + 1), start == null ? null : rows.getLong(column + 2));
    }

    static OptionalLong optionalLong(ResultSet rows, int column) throws SQLException {
        return rows.getObject(column) == null ? OptionalLong.empty() : OptionalLong.of(rows.getLong(column));
    }
}
