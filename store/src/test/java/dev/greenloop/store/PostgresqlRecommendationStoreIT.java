package dev.greenloop.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The recommendation-store contract on a real PostgreSQL server, started by {@link PostgresSchemas};
 * each test gets its own schema in one database.
 */
class PostgresqlRecommendationStoreIT extends RecommendationStoreContract {

    @RegisterExtension
    static final PostgresSchemas POSTGRES = new PostgresSchemas("recommendations");

    @Override
    protected StoreConfig config() {
        return POSTGRES.config();
    }
}
