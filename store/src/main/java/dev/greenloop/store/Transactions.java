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
        connection.setAutoCommit(false);
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
            try {
                connection.setAutoCommit(true);
            } catch (SQLException restoreFailure) {
                e.addSuppressed(restoreFailure);
            }
            throw e;
        }
        connection.setAutoCommit(true);
        return result;
    }

    /** As {@link #call(Connection, Work)}, for work without a result. */
    static void run(Connection connection, VoidWork work) throws SQLException {
        call(connection, () -> {
            work.run();
            return null;
        });
    }
}
