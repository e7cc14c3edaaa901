package dev.greenloop.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;
import org.sqlite.SQLiteConfig;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * Opens JDBC connections with the settings the store relies on. Drivers are instantiated directly
 * rather than through {@code DriverManager}, which would load every driver on the class path and
 * cost start-up time.
 */
final class Connections {

    /**
     * How long one SQLite attempt waits for another process's write lock before failing with SQLITE_BUSY; the store
     * then attempts the whole transaction again (see {@link StoreConfig#lockWait()}).
     */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = (int) StoreConfig.BUSY_TIMEOUT_PER_ATTEMPT.toMillis();

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&]password=)[^&]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

    private Connections() {
    }

    /**
     * Opens an SQLite database in WAL mode, with foreign keys enforced, a busy timeout, and
     * transactions that take the write lock when they begin (so two writers queue rather than fail).
     */
    static Connection sqlite(String url) throws SQLException {
        return sqlite(url, SQLITE_BUSY_TIMEOUT_MILLIS, false);
    }

    /**
     * As {@link #sqlite(String)}, with this busy timeout, and read-only if asked: then the journal mode is left as the
     * file has it (changing it is a write) and every write fails with SQLITE_READONLY.
     */
    static Connection sqlite(String url, int busyTimeoutMillis, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        config.setBusyTimeout(busyTimeoutMillis);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // JDBC4Connection rather than org.sqlite.JDBC: the driver class registers with DriverManager,
        // which then loads every driver on the class path, PostgreSQL's included.
        // It takes the address as the driver would give it, parameters included, and parses them itself.
        return new JDBC4Connection(url, url.substring(SQLITE_PREFIX.length()), config.toProperties());
    }

    /** Opens a PostgreSQL database; user and password come from the URL's parameters. */
    static Connection postgresql(String url) throws SQLException {
        Connection connection = new org.postgresql.Driver().connect(url, new Properties());
        if (connection == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + redact(url));
        }
        return connection;
    }

    /** @return {@code url} with any password parameter and user-info replaced by {@code ***} */
    static String redact(String url) {
        String withoutPassword = PASSWORD_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(withoutPassword).replaceFirst("//***@");
    }
}
