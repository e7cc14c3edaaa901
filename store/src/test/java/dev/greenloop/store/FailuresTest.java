package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aConnectionLostInHand_isWorthANewOne() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        assertTrue(Failures.isLostConnection(lost));
        assertTrue(Failures.isWorthANewConnection(lost));
        SQLException shuttingDown = new SQLException("terminating connection due to administrator command", "57P01");
        assertTrue(Failures.isWorthANewConnection(shuttingDown));
    }

    @Test
    void aPoolThatWaitedItsWholeTimeout_isNotTriedAgain_butIsUnavailable() {
        // As HikariCP reports a database that is down: its timeout, caused by the driver's refused connection.
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused.", "08001");
        SQLException timedOut = new SQLTransientConnectionException("greenloop-fleet - Connection is not available, request timed out after 5000ms",
                "08001", refused);
        assertTrue(Failures.isLostConnection(timedOut));
        assertFalse(Failures.isWorthANewConnection(timedOut), "a second wait would double the caller's wait for a database that is down");
        assertTrue(Failures.isUnavailable(timedOut));
    }

    @Test
    void aConstraintViolation_isNeitherLostNorUnavailable() {
        SQLException duplicate = new SQLException("duplicate key value violates unique constraint", "23505");
        assertFalse(Failures.isWorthANewConnection(duplicate));
        assertFalse(Failures.isUnavailable(duplicate));
    }
}
