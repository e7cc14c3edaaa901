package dev.greenloop.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The profile-store contract on a real PostgreSQL server, started by {@link PostgresSchemas};
 * each test gets its own schema in one database.
 */
class PostgresqlProfileStoreIT extends ProfileStoreContract {

    @RegisterExtension
    static final PostgresSchemas POSTGRES = new PostgresSchemas("profiles");

    @Override
    protected StoreConfig config() {
        return POSTGRES.config();
    }
}
