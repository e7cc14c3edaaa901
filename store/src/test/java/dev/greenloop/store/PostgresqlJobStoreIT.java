package dev.greenloop.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job-store contract on a real PostgreSQL server, started by {@link PostgresSchemas}; each
 * test gets its own schema in one database.
 */
class PostgresqlJobStoreIT extends JobStoreContract {

    @RegisterExtension
    static final PostgresSchemas POSTGRES = new PostgresSchemas("jobs");

    @Override
    protected StoreConfig config() {
        return POSTGRES.config();
    }
}
