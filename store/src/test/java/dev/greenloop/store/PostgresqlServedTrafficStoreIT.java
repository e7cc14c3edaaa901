package dev.greenloop.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The served-traffic contract on a real PostgreSQL server, started by {@link PostgresSchemas}; each test gets its own schema. */
class PostgresqlServedTrafficStoreIT extends ServedTrafficStoreContract {

    @RegisterExtension
    static final PostgresSchemas POSTGRES = new PostgresSchemas("served");

    @Override
    protected StoreConfig config() {
        return POSTGRES.config();
    }
}
