package dev.greenloop.store;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The fleet store contract on a real PostgreSQL server (embedded binaries), each test in a schema of its own. */
class PostgresqlFleetStoreIT extends FleetStoreContract {

    @RegisterExtension
    static final PostgresSchemas POSTGRES = new PostgresSchemas("fleet");

    @Override
    protected StoreConfig config() {
        return POSTGRES.config();
    }
}
