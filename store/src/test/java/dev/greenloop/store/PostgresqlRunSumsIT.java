package dev.greenloop.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The report's reads on a real PostgreSQL server (the embedded binaries, PostgreSQL 14), streamed through a cursor. */
class PostgresqlRunSumsIT extends RunSumsContract {

    @RegisterExtension
    static final PostgresSchemas POSTGRES = new PostgresSchemas("runsums");

    @Override
    protected StoreConfig config() {
        return POSTGRES.config();
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return Connections.postgresql(POSTGRES.url());
    }
}
