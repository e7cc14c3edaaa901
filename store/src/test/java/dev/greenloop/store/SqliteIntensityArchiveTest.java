package dev.greenloop.store;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The intensity-archive contract on an SQLite file in a fresh directory. */
class SqliteIntensityArchiveTest extends IntensityArchiveContract {

    @TempDir
    Path home;

    @Override
    protected StoreConfig config() {
        return new StoreConfig(Optional.empty(), home);
    }
}
