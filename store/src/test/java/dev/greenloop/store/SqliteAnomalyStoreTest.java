package dev.greenloop.store;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The anomaly-store contract on an SQLite file in a fresh directory. */
class SqliteAnomalyStoreTest extends AnomalyStoreContract {

    @TempDir
    Path home;

    @Override
    protected StoreConfig config() {
        return new StoreConfig(Optional.empty(), home);
    }
}
