package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract on a real PostgreSQL server, started by this test from the embedded binaries
 * (PostgreSQL 14). Each test gets its own schema in one database.
 */
class PostgresqlStoreIT extends StoreContract {

    @RegisterExtension
    static final PostgresSchemas POSTGRES = new PostgresSchemas("contract");

    @Override
    protected StoreConfig config() {
        return POSTGRES.config();
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return Connections.postgresql(POSTGRES.url());
    }

    @Test
    void location_url_namesPostgresqlWithoutPassword() {
        String location = open().location();

        assertTrue(location.startsWith("postgresql://localhost:" + POSTGRES.port() + "/postgres"), location);
        assertFalse(location.contains("secret-pw"), location);
    }

    @Test
    void open_wrongDatabase_namesUrlWithoutPasswordAndCause() {
        String bad = "jdbc:postgresql://localhost:" + POSTGRES.port() + "/no_such_db?user=postgres&password=secret-pw";

        StoreException e = assertThrows(StoreException.class, () -> Stores.open(new StoreConfig(java.util.Optional.of(bad), null)));
        assertTrue(e.getMessage().contains("no_such_db"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-pw"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
