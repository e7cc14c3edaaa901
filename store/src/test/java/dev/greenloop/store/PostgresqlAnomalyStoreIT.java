package dev.greenloop.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The anomaly-store contract on a real PostgreSQL server, started by {@link PostgresSchemas}; each test gets its own
 * schema in one database.
 */
class PostgresqlAnomalyStoreIT extends AnomalyStoreContract {

    @RegisterExtension
    static final PostgresSchemas POSTGRES = new PostgresSchemas("anomalies");

    @Override
    protected StoreConfig config() {
        return POSTGRES.config();
    }
}
