package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Scope;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet store over a PostgreSQL server that is stopped and started again on the same data directory and port: a
 * call while it is down fails with {@link StoreException} naming the store, and the next one after it is back
 * succeeds, on the same open store (its pool reconnects).
 */
class PostgresqlFleetRestartIT {

    @TempDir
    Path data;

    @Test
    void ingest_postgresRestarted_failsWhileDownThenSucceedsOnTheSameStore() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres postgres = start(port);
        String url = "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres&password=secret-pw";
        Instant t0 = Instant.parse("2026-03-01T12:00:00Z");
        try (FleetStore store = Stores.openFleet(new StoreConfig(Optional.of(url), null))) {
            store.ingest(FleetStoreContract.NODE, List.of(FleetStoreContract.sample("a", t0.plusSeconds(1), 1, "psys", Scope.PSYS, 5)));

            postgres.close();
            StoreException down = assertThrows(StoreException.class, () -> store.ingest(FleetStoreContract.NODE,
                    List.of(FleetStoreContract.sample("b", t0.plusSeconds(2), 1, "psys", Scope.PSYS, 7))));
            assertTrue(down.getMessage().contains("postgresql://localhost:" + port), down.getMessage());
            assertFalse(down.getMessage().contains("secret-pw"), down.getMessage());
            assertThrows(StoreException.class, store::totals);

            postgres = start(port);
            long restarted = System.nanoTime();
            assertEquals(new IngestResult(1, 1), store.ingest(FleetStoreContract.NODE, List.of(
                    FleetStoreContract.sample("a", t0.plusSeconds(1), 1, "psys", Scope.PSYS, 5),
                    FleetStoreContract.sample("b", t0.plusSeconds(2), 1, "psys", Scope.PSYS, 7))));
            System.out.printf("first ingest after the restart took %d ms%n", (System.nanoTime() - restarted) / 1_000_000);
            assertEquals(12, store.totals().getFirst().joules());
            store.ping();
        } finally {
            postgres.close();
        }
    }

    private EmbeddedPostgres start(int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }
}
