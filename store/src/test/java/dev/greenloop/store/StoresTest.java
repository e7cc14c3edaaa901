package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoresTest {

    @TempDir
    Path temp;

    @Test
    void open_noJdbcUrl_createsHomeAndDatabaseFile() {
        Path home = temp.resolve("nested/home");
        try (Store store = Stores.open(new StoreConfig(Optional.empty(), home))) {
            assertTrue(store.location().endsWith("greenloop.db"), store.location());
        }
        assertTrue(Files.isRegularFile(home.resolve("greenloop.db")));
    }

    @Test
    void open_sqliteUrl_opensThatFile() {
        Path file = temp.resolve("other.db");
        try (Store store = Stores.open(new StoreConfig(Optional.of("jdbc:sqlite:" + file), temp.resolve("unused")))) {
            assertTrue(store.location().equals("sqlite:" + file), store.location());
        }
        assertTrue(Files.isRegularFile(file));
        assertFalse(Files.exists(temp.resolve("unused")));
    }

    @Test
    void open_unsupportedScheme_namesUrlAndTheSchemesThatWork() {
        StoreException e = assertThrows(StoreException.class,
                () -> Stores.open(new StoreConfig(Optional.of("jdbc:mysql://db/greenloop?password=hunter2"), temp)));

        assertTrue(e.getMessage().contains("jdbc:mysql://db/greenloop"), e.getMessage());
        assertTrue(e.getMessage().contains("jdbc:sqlite:") && e.getMessage().contains("jdbc:postgresql:"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void storeConfig_unsupportedUrl_refusedAtOnce_namingItAndTheSupportedOnes() {
        var e = assertThrows(UnsupportedStoreUrlException.class,
                () -> StoreConfig.fromEnvironment(java.util.Map.of("GREENLOOP_DB", "jdbc:mysql://db/greenloop?password=hunter2")));
        assertTrue(e.getMessage().startsWith("GREENLOOP_DB (or db= in the config file): 'jdbc:mysql://db/greenloop"), e.getMessage());
        assertTrue(e.getMessage().contains("jdbc:sqlite:FILE") && e.getMessage().contains("jdbc:postgresql://"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void open_unreachablePostgresql_namesUrlWithoutPasswordAndCause() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/greenloop?user=me&password=hunter2";

        StoreException e = assertThrows(StoreException.class, () -> Stores.open(new StoreConfig(Optional.of(url), temp)));
        assertTrue(e.getMessage().contains("postgresql://127.0.0.1:" + closedPort + "/greenloop"), e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void open_homeIsAFile_throwsNamingHome() throws Exception {
        Path file = Files.writeString(temp.resolve("not-a-dir"), "x");

        StoreException e = assertThrows(StoreException.class, () -> Stores.open(new StoreConfig(Optional.empty(), file)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void fromEnvironment_blankDb_meansDefaultSqliteInHome() {
        StoreConfig config = StoreConfig.fromEnvironment(Map.of("GREENLOOP_DB", " ", "GREENLOOP_HOME", temp.toString()));

        try (Store store = Stores.open(config)) {
            assertTrue(store.location().equals("sqlite:" + temp.resolve("greenloop.db")), store.location());
        }
    }
}
