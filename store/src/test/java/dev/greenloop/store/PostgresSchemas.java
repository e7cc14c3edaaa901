package dev.greenloop.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for a test class, started from the embedded binaries (PostgreSQL 14)
 * before its first test and stopped after its last; each test gets a schema of its own in one
 * database. Register as a static field with {@code @RegisterExtension}.
 */
final class PostgresSchemas implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final String prefix;
    private final AtomicInteger schemas = new AtomicInteger();
    private EmbeddedPostgres postgres;
    private String url;

    /** @param prefix the start of each test's schema name */
    PostgresSchemas(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        postgres.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        String schema = prefix + "_" + schemas.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=postgres&password=secret-pw"
                + "&currentSchema=" + schema;
    }

    /** @return the JDBC URL of the current test's schema, with a password */
    String url() {
        return url;
    }

    /** @return the server's port */
    int port() {
        return postgres.getPort();
    }

    /** @return a store configuration pointing at the current test's schema */
    StoreConfig config() {
        return new StoreConfig(Optional.of(url), Path.of("unused-home"));
    }
}
