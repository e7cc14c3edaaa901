package dev.greenloop.store;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The served-traffic contract on an SQLite file in a fresh directory. */
class SqliteServedTrafficStoreTest extends ServedTrafficStoreContract {

    @TempDir
    Path home;

    @Override
    protected StoreConfig config() {
        return new StoreConfig(Optional.empty(), home);
    }
}
