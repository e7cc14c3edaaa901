package dev.greenloop.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The intensity-archive contract on a real PostgreSQL server, started by {@link PostgresSchemas};
 * each test gets its own schema in one database.
 */
class PostgresqlIntensityArchiveIT extends IntensityArchiveContract {

    @RegisterExtension
    static final PostgresSchemas POSTGRES = new PostgresSchemas("archive");

    @Override
    protected StoreConfig config() {
        return POSTGRES.config();
    }
}
