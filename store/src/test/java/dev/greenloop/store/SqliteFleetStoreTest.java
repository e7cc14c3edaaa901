package dev.greenloop.store;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The fleet store contract on an SQLite file in a fresh directory. */
class SqliteFleetStoreTest extends FleetStoreContract {

    @TempDir
    Path home;

    @Override
    protected StoreConfig config() {
        return new StoreConfig(Optional.empty(), home);
    }
}
