package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL server, started by this test from the embedded binaries
 * (PostgreSQL 14). Each test gets its own schema in one database.
 */
class PostgresqlStoreIT extends StoreContract {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private String url;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void createSchema() throws SQLException {
        String schema = "contract_" + SCHEMAS.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres&password=secret-pw"
                + "&currentSchema=" + schema;
    }

    @Override
    protected StoreConfig config() {
        return new StoreConfig(Optional.of(url), java.nio.file.Path.of("unused-home"));
    }

    @Override
    protected Connection rawConnection() throws SQLException {
        return Connections.postgresql(url);
    }

    @Test
    void location_url_namesPostgresqlWithoutPassword() {
        String location = open().location();

        assertTrue(location.startsWith("postgresql://localhost:" + postgres.getPort() + "/postgres"), location);
        assertFalse(location.contains("secret-pw"), location);
    }

    @Test
    void open_wrongDatabase_namesUrlWithoutPasswordAndCause() {
        String bad = "jdbc:postgresql://localhost:" + postgres.getPort() + "/no_such_db?user=postgres&password=secret-pw";

        StoreException e = assertThrows(StoreException.class, () -> Stores.open(new StoreConfig(Optional.of(bad), null)));
        assertTrue(e.getMessage().contains("no_such_db"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-pw"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
