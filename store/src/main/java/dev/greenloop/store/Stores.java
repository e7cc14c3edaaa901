package dev.greenloop.store;

import dev.greenloop.core.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;

/** Opens stores. */
public final class Stores {

    /** The file name of the default SQLite store in {@code GREENLOOP_HOME}. */
    public static final String DEFAULT_FILE_NAME = "greenloop.db";

    static final String SQLITE_PREFIX = "jdbc:sqlite:";
    static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    private Stores() {
    }

    /**
     * Opens the store that {@code config} names and migrates its schema to the version this code
     * knows.
     *
     * <p>With a JDBC URL, opens it: {@code jdbc:sqlite:<file>} or
     * {@code jdbc:postgresql://<host>[:<port>]/<database>?user=<user>&password=<password>}. Without one,
     * creates {@code config.home()} if needed and opens the SQLite file {@value #DEFAULT_FILE_NAME} in it.
     * SQLite files are opened in WAL mode with foreign keys enforced and a busy timeout, so that
     * several processes on one machine can share one file. For SQLite, unless the system property
     * {@code org.sqlite.lib.path} is already set, this keeps one copy of sqlite-jdbc's native library
     * in {@code <home>/native/} and sets {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name} to it,
     * which saves extracting it on every start.
     *
     * @return the open store; the caller closes it
     * @throws StoreException if the URL has another scheme (the message names it and the schemes that
     *     work), the home cannot be created, the database cannot be reached (the message names it,
     *     without its password, and the cause), its schema is newer than this code, or an applied
     *     migration was changed
     */
    public static Store open(StoreConfig config) {
        Database database = resolve(config);
        Path file = database.dialect() == Dialect.SQLITE ? sqliteFile(database.url()) : null;
        Connection connection = connect(database, config.lockWait());
        try {
            Reconciler.reconcile(connection, Clock.systemUTC());
        } catch (SQLException e) {
            // Safe to go on: such runs are read as interrupted all the same, and the next open tries again.
        }
        return new JdbcStore(connection, database.location(), file, config.lockWait(), Clock.systemUTC());
    }

    /**
     * Opens the carbon-intensity archive of the store that {@code config} names, on a connection of its
     * own, after migrating the schema as {@link #open(StoreConfig)} does. The archive and a {@link Store}
     * may be open on the same database at once.
     *
     * @return the open archive; the caller closes it
     * @throws StoreException for the same reasons as {@link #open(StoreConfig)}
     */
    public static IntensityArchive openArchive(StoreConfig config) {
        Database database = resolve(config);
        return new JdbcIntensityArchive(connect(database), database.location());
    }

    /**
     * Opens the live-scheduling job queue of the store that {@code config} names, on a connection of its
     * own, after migrating the schema as {@link #open(StoreConfig)} does. It and a {@link Store} may be
     * open on the same database at once.
     *
     * @return the open job store; the caller closes it
     * @throws StoreException for the same reasons as {@link #open(StoreConfig)}
     */
    public static JobStore openJobs(StoreConfig config) {
        Database database = resolve(config);
        return new JdbcJobStore(connect(database), database.location());
    }

    /**
     * Opens the fleet store of the database that {@code config} names, after migrating the schema as
     * {@link #open(StoreConfig)} does, over a pool of connections (several threads, reconnecting after a database
     * restart). It and a {@link Store} may be open on the same database at once.
     *
     * <p>The pool is HikariCP's: on PostgreSQL 8 connections and
     * 2 ingest writers; on SQLite 4 connections (WAL: readers do not
     * wait for the writer) and one writer. A connection idle for a while is checked before it is lent, and one that
     * failed with a lost connection is dropped; a call that meets a lost connection tries once more on a new one, so
     * after a database restart at most the calls made while it was down fail (with {@link StoreException}), and none
     * waits more than 5 s for a connection.
     *
     * @return the open fleet store; the caller closes it
     * @throws StoreException for the same reasons as {@link #open(StoreConfig)}
     */
    public static FleetStore openFleet(StoreConfig config) {
        Database database = resolve(config);
        try {
            connect(database).close();
        } catch (SQLException e) {
            // Safe to go on: the schema is migrated and committed; only closing the migrating connection failed.
        }
        // The pool lives in JdbcFleetStore alone, so that nothing else here needs HikariCP on the class path.
        return JdbcFleetStore.open(database.dialect(), database.url(), database.location());
    }

    /**
     * Opens the anomalies of the store that {@code config} names, after migrating the schema as
     * {@link #open(StoreConfig)} does, on a connection of its own that is opened again after a failure. It and a
     * {@link Store} may be open on the same database at once.
     *
     * @return the open anomaly store; the caller closes it
     * @throws StoreException for the same reasons as {@link #open(StoreConfig)}
     */
    public static AnomalyStore openAnomalies(StoreConfig config) {
        Database database = resolve(config);
        return new JdbcAnomalyStore(connect(database), () -> connect(database), database.location());
    }

    /** Connections in the fleet store's pool on PostgreSQL. */
    static final int POSTGRESQL_POOL_SIZE = 8;
    /** Ingest writer threads on PostgreSQL, each with its own transaction (group commit). */
    static final int POSTGRESQL_WRITERS = 2;
    /** Connections in the fleet store's pool on SQLite. */
    static final int SQLITE_POOL_SIZE = 4;
    /** The longest a fleet store call waits for a pooled connection. */
    static final long CONNECTION_TIMEOUT_MILLIS = 5_000;

    /**
     * Opens the lab's profiles in the store that {@code config} names, on a connection of its own, after
     * migrating the schema as {@link #open(StoreConfig)} does. It and a {@link Store} may be open on the
     * same database at once.
     *
     * @return the open profile store; the caller closes it
     * @throws StoreException for the same reasons as {@link #open(StoreConfig)}
     */
    public static ProfileStore openProfiles(StoreConfig config) {
        Database database = resolve(config);
        return new JdbcProfileStore(connect(database), database.location());
    }

    /**
     * Opens the served traffic of the store that {@code config} names, on a connection of its own, after migrating the
     * schema as {@link #open(StoreConfig)} does. It and a {@link Store} may be open on the same database at once.
     *
     * @return the open store; the caller closes it
     * @throws StoreException for the same reasons as {@link #open(StoreConfig)}
     */
    public static ServedTrafficStore openServedTraffic(StoreConfig config) {
        Database database = resolve(config);
        return new JdbcServedTrafficStore(connect(database), database.location());
    }

    /**
     * Opens the recommendations, their actions, automation rules and served variants in the store that {@code config}
     * names, on a connection of its own, after migrating the schema as {@link #open(StoreConfig)} does.
     *
     * @return the open store; the caller closes it
     * @throws StoreException for the same reasons as {@link #open(StoreConfig)}
     */
    public static RecommendationStore openRecommendations(StoreConfig config) {
        Database database = resolve(config);
        return new JdbcRecommendationStore(connect(database), database.location());
    }

    /**
     * Describes the store that {@code config} names as {@link Store#location()} would once it is open, without opening
     * it or touching any file: so that what belongs to a store that cannot be opened now can be matched with it later.
     *
     * @return such as {@code sqlite:/home/me/.greenloop/greenloop.db}, or {@code postgresql://host/db?user=u&password=***}
     */
    public static String location(StoreConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.jdbcUrl().isPresent()) {
            String url = config.jdbcUrl().get().strip();
            return url.startsWith(SQLITE_PREFIX) ? "sqlite:" + url.substring(SQLITE_PREFIX.length())
                    : "postgresql:" + Connections.redact(url.substring(POSTGRESQL_PREFIX.length()));
        }
        return "sqlite:" + config.home().toAbsolutePath().resolve(DEFAULT_FILE_NAME);
    }

    /**
     * @return {@code file} if it exists and this process cannot write it or its folder (permissions, a read-only file
     *     system), else null. Such a store is opened read-only: what reads it works, and every write fails naming the
     *     file as read-only and the fix.
     */
    private static Path readOnlyFile(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        return Files.isRegularFile(file) && (!Files.isWritable(file) || folder != null && !Files.isWritable(folder)) ? file : null;
    }

    /**
     * A read-only URL for {@code file}. SQLite reads a WAL file read-only only if its {@code -shm} file exists or can be
     * created; a store closed cleanly has none, and in a read-only folder none can be made. Then the file is opened
     * {@code immutable}: nothing else can be writing it, since nobody can (no {@code -wal} file is there either).
     */
    private static String readOnlyUrl(Path file) {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        Path shm = file.resolveSibling(file.getFileName() + "-shm");
        boolean live = Files.exists(wal) && Files.exists(shm);
        return SQLITE_PREFIX + "file:" + file.toAbsolutePath() + (live ? "?mode=ro" : "?mode=ro&immutable=1");
    }

    /** @return the file of an SQLite URL, without the parameters sqlite-jdbc reads after {@code ?} */
    private static Path sqliteFile(String url) {
        String path = url.substring(SQLITE_PREFIX.length());
        int query = path.indexOf('?');
        return Path.of(query >= 0 ? path.substring(0, query) : path);
    }

    /** Where a store is: its engine, JDBC URL, and a description without secrets. */
    private record Database(Dialect dialect, String url, String location) {
    }

    private static Database resolve(StoreConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.jdbcUrl().isPresent()) {
            String url = config.jdbcUrl().get().strip();
            if (url.startsWith(SQLITE_PREFIX)) {
                refuseEmptyFile(Path.of(url.substring(SQLITE_PREFIX.length())), false);
                if (config.home() != null && Files.isDirectory(config.home())) {
                    useCachedNativeLibrary(config.home());
                }
                return new Database(Dialect.SQLITE, url, "sqlite:" + url.substring(SQLITE_PREFIX.length()));
            }
            if (url.startsWith(POSTGRESQL_PREFIX)) {
                return new Database(Dialect.POSTGRESQL, url,
                        "postgresql:" + Connections.redact(url.substring(POSTGRESQL_PREFIX.length())));
            }
            throw new StoreException(("cannot open the store '%s': the URL must start with jdbc:sqlite: (an SQLite"
                    + " file, such as jdbc:sqlite:/var/lib/greenloop/greenloop.db) or jdbc:postgresql: (such as"
                    + " jdbc:postgresql://db.example.org:5432/greenloop?user=greenloop&password=...)")
                    .formatted(Connections.redact(url)));
        }
        Path home = config.home().toAbsolutePath();
        Path file = home.resolve(DEFAULT_FILE_NAME);
        try {
            PrivateFiles.createDirectories(home);
            refuseEmptyFile(file, PrivateFiles.createFileIfAbsent(file));
        } catch (IOException e) {
            throw new StoreException("cannot create the Greenloop home %s for the store: %s".formatted(home, e), e);
        }
        useCachedNativeLibrary(home);
        return new Database(Dialect.SQLITE, SQLITE_PREFIX + file, "sqlite:" + file);
    }

    /**
     * An SQLite file of 0 bytes that this process did not just create is damaged (truncated, or a failed copy):
     * SQLite would silently start a new, empty store in it and the runs would look lost. A store being created by
     * another process right now has its write-ahead log beside it, and is let through.
     *
     * @throws StoreException naming the file and the fix
     */
    private static void refuseEmptyFile(Path file, boolean justCreated) {
        try {
            if (!justCreated && Files.isRegularFile(file) && Files.size(file) == 0
                    && !Files.exists(file.resolveSibling(file.getFileName() + "-wal"))) {
                throw new StoreException(("the store file %s is empty (0 bytes): it is damaged or was truncated, so it is not"
                        + " opened as a new store; restore it from a backup, or move it away to start an empty store").formatted(file));
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the store file %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    private static void useCachedNativeLibrary(Path home) {
        try {
            SqliteNativeLibrary.useCachedCopy(home);
        } catch (IOException | RuntimeException e) {
            // Safe to go on: sqlite-jdbc then extracts its library to the temporary directory itself, only slower.
        }
    }

    /** @return an open connection to {@code database}, its schema migrated to the version this code knows */
    private static Connection connect(Database database) {
        return connect(database, StoreConfig.BUSY_TIMEOUT_PER_ATTEMPT);
    }

    /** As {@link #connect(Database)}, an SQLite connection waiting at most {@code lockWait} in its busy handler. */
    private static Connection connect(Database database, java.time.Duration lockWait) {
        Dialect dialect = database.dialect();
        String url = database.url();
        String location = database.location();
        Path readOnlyFile = dialect == Dialect.SQLITE ? readOnlyFile(sqliteFile(url)) : null;
        Connection connection;
        try {
            int busyMillis = (int) Math.min(Connections.SQLITE_BUSY_TIMEOUT_MILLIS, lockWait.toMillis());
            if (readOnlyFile != null) {
                connection = Connections.sqlite(readOnlyUrl(readOnlyFile), busyMillis, true);
            } else {
                connection = dialect == Dialect.SQLITE ? Connections.sqlite(url, busyMillis, false) : Connections.postgresql(url);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot open the store %s: %s".formatted(location,
                    readOnlyFile != null ? Failures.readOnly(readOnlyFile) + " (" + e.getMessage() + ")" : e.getMessage()), e);
        }
        Clock clock = Clock.systemUTC();
        try {
            new Migrator(dialect, location, clock).migrate(connection);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            if (readOnlyFile != null) {
                throw new StoreException("cannot upgrade the schema of %s to this Greenloop's: %s".formatted(location,
                        Failures.readOnly(readOnlyFile)), e);
            }
            if (e instanceof SQLException sql) {
                throw new StoreException("cannot migrate the schema of %s: %s".formatted(location, sql.getMessage()), sql);
            }
            throw (RuntimeException) e;
        }
        return connection;
    }
}
