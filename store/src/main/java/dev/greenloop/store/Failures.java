package dev.greenloop.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What a failed statement means to the user: whether it is worth trying again (another process holds the lock), and
 * a message that names the cause in the user's terms (a full disk, a read-only file) rather than the driver's.
 */
final class Failures {

    private static final int SQLITE_BUSY = SQLiteErrorCode.SQLITE_BUSY.code;
    private static final int SQLITE_LOCKED = SQLiteErrorCode.SQLITE_LOCKED.code;
    private static final int SQLITE_FULL = SQLiteErrorCode.SQLITE_FULL.code;
    private static final int SQLITE_READONLY = SQLiteErrorCode.SQLITE_READONLY.code;

    private Failures() {
    }

    /**
     * @return true if another connection holds a lock the statement needed (SQLITE_BUSY or SQLITE_LOCKED; in
     *     PostgreSQL a serialization failure, a deadlock or a lock not available), so the transaction may succeed if
     *     tried again
     */
    static boolean isLockConflict(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                int code = primaryCode(sql);
                if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
                    return true;
                }
                String state = sql.getSQLState();
                if (state != null && (state.equals("40001") || state.equals("40P01") || state.equals("55P03"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @return true if the connection was lost or refused (SQL state class 08; PostgreSQL's 57P01 to 57P03, a server
     *     shutting down or starting), so that the same work may succeed at once on a new connection
     */
    static boolean isLostConnection(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @return true if a connection in hand was lost (see {@link #isLostConnection}), so that the same work may succeed
     *     at once on a new one; false when the pool itself waited its whole timeout for a connection, since trying
     *     again would only make the caller wait as long once more for a database that is down
     */
    static boolean isWorthANewConnection(SQLException e) {
        return isLostConnection(e) && !(e instanceof java.sql.SQLTransientConnectionException);
    }

    /** @return true if the database cannot be reached: a lost connection, or none to be had from the pool in time */
    static boolean isUnavailable(SQLException e) {
        return isLostConnection(e) || e instanceof java.sql.SQLTransientConnectionException;
    }

    /** @return true if the database is read-only (SQLITE_READONLY), in {@code e}, its causes or what it suppressed */
    static boolean isReadOnly(SQLException e) {
        return has(e, SQLITE_READONLY);
    }

    /**
     * @param what what was being done, such as {@code start run 'train'}
     * @param location the store's description
     * @param file the SQLite file, or null for another database
     * @return {@code cannot <what> in <location>: <reason>}, where a full disk names the folder, its file system and the
     *     file, and a read-only database names the file and the fix
     */
    static String describe(String what, String location, Path file, SQLException e) {
        return "cannot %s in %s: %s".formatted(what, location, reason(file, e));
    }

    /** @return the cause of {@code e} in the user's terms: see {@link #describe} */
    static String reason(Path file, SQLException e) {
        if (file != null && has(e, SQLITE_FULL)) {
            Path folder = file.toAbsolutePath().getParent();
            return ("the disk is full: no space left for %s on the file system of %s (%s); free space there, or move the"
                    + " store elsewhere with GREENLOOP_HOME or GREENLOOP_DB (SQLITE_FULL)").formatted(file, folder, mount(folder));
        }
        if (file != null && has(e, SQLITE_READONLY)) {
            return readOnly(file);
        }
        if (isLockConflict(e)) {
            return "another process held the database's write lock for too long (" + e.getMessage() + ")";
        }
        return e.getMessage();
    }

    /** @return why {@code file} cannot be written and the fix */
    static String readOnly(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        return ("the store file %s is read-only (it, or its folder %s, cannot be written: permissions, or a read-only file"
                + " system); make both writable (chmod u+w %s %s), or point GREENLOOP_HOME or GREENLOOP_DB at a writable store")
                .formatted(file, folder, folder, file);
    }

    private static String mount(Path folder) {
        try {
            return "mounted as " + Files.getFileStore(folder);
        } catch (IOException | RuntimeException e) {
            return "its mount point unknown: " + e.getMessage();
        }
    }

    /** @return true if {@code code} is the primary result code of {@code e}, a cause, or a suppressed exception */
    private static boolean has(Throwable e, int code) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && primaryCode(sql) == code) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (has(s, code)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int primaryCode(SQLException e) {
        // Only sqlite-jdbc's codes are SQLite result codes; PostgreSQL's are told apart by their SQL state.
        return e instanceof SQLiteException sqlite ? sqlite.getResultCode().code & 0xff : -1;
    }
}
