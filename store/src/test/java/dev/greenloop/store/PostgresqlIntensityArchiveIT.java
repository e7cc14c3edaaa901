package dev.greenloop.store;

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

/**
 * The intensity-archive contract on a real PostgreSQL server, started by this test from the embedded
 * binaries, as {@link PostgresqlStoreIT} does. Each test gets its own schema in one database.
 */
class PostgresqlIntensityArchiveIT extends IntensityArchiveContract {

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
        String schema = "archive_" + SCHEMAS.incrementAndGet();
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
}
