package dev.greenloop.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The report's reads on an SQLite file. */
class SqliteRunSumsTest extends RunSumsContract {

    @TempDir
    Path home;

    @Override
    protected StoreConfig config() {
        return new StoreConfig(Optional.empty(), home);
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return Connections.sqlite("jdbc:sqlite:" + home.resolve(Stores.DEFAULT_FILE_NAME));
    }
}
