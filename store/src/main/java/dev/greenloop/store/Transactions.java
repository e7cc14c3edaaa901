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
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
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
