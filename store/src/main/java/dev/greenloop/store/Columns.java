package dev.greenloop.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Conversions between Java values and columns that read the same on SQLite and PostgreSQL: times
 * as UTC epoch milliseconds, and NaN as NULL (SQLite cannot hold NaN).
 */
final class Columns {

    private Columns() {
    }

    /** Binds {@code value}, or NULL when it is NaN. */
    static void setDouble(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            statement.setNull(index, Types.DOUBLE);
        } else {
            statement.setDouble(index, value);
        }
    }

    /** @return the column's value, or NaN when it is NULL */
    static double getDouble(ResultSet rows, int index) throws SQLException {
        double value = rows.getDouble(index);
        return rows.wasNull() ? Double.NaN : value;
    }

    /** Binds {@code time} as epoch milliseconds; anything below a millisecond is dropped. */
    static void setTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        statement.setLong(index, time.toEpochMilli());
    }

    /** @return the epoch-milliseconds column as an instant */
    static Instant getTime(ResultSet rows, int index) throws SQLException {
        return Instant.ofEpochMilli(rows.getLong(index));
    }
}
