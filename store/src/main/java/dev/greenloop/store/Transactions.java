package dev.greenloop.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs work in one transaction on a connection that is otherwise in auto-commit mode. */
final class Transactions {

    /** Work that may fail with an {@link SQLException}. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** Work without a result. */
    @FunctionalInterface
    interface VoidWork {
        void run() throws SQLException;
    }

    private Transactions() {
    }

    /**
     * Runs {@code work} and commits; on any failure rolls back and rethrows, keeping a failed
     * rollback as a suppressed exception. Leaves the connection in auto-commit mode.
     */
    static <T> T call(Connection connection, Work<T> work) throws SQLException {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            // sqlite-jdbc marks the connection as in a transaction before its BEGIN, and leaves it so when the BEGIN
            // fails (SQLITE_BUSY): the next call would then run without a transaction of its own.
            restoreAutoCommit(connection, e);
            throw e;
        }
        T result;
        try {
            result = work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            // SQLite rolls back by itself after some errors (SQLITE_FULL, SQLITE_IOERR); leaving the transaction then
            // fails too ("cannot commit - no transaction is active"), which must not hide the error that caused it.
            restoreAutoCommit(connection, e);
            throw e;
        }
        connection.setAutoCommit(true);
        return result;
    }

    /** Puts the connection back in auto-commit mode after {@code failure}, keeping a failure to do so with it. */
    private static void restoreAutoCommit(Connection connection, Exception failure) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException restoreFailure) {
            failure.addSuppressed(restoreFailure);
        }
    }

    /** As {@link #call(Connection, Work)}, for work without a result. */
    static void run(Connection connection, VoidWork work) throws SQLException {
        call(connection, () -> {
            work.run();
            return null;
        });
    }
}
