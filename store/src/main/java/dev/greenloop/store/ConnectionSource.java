package dev.greenloop.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The connections of a pool, opened as {@link Connections} opens the store's own (SQLite: WAL, foreign keys, busy
 * timeout, IMMEDIATE transactions), without loading every driver through {@code DriverManager}.
 */
final class ConnectionSource implements DataSource {

    private final Dialect dialect;
    private final String url;
    private volatile int loginTimeoutSeconds;

    ConnectionSource(Dialect dialect, String url) {
        this.dialect = dialect;
        this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dialect == Dialect.SQLITE ? Connections.sqlite(url) : Connections.postgresql(url);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the user and password come from the store's URL");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Nothing to log: failures surface as exceptions.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
