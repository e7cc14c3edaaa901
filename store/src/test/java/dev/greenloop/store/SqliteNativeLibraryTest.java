package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes JVM-wide properties only around each test; the library itself is loaded at most once per JVM anyway. */
class SqliteNativeLibraryTest {

    @TempDir
    Path home;

    private String savedPath;
    private String savedName;

    @BeforeEach
    void saveProperties() {
        savedPath = System.clearProperty(SqliteNativeLibrary.PATH_PROPERTY);
        savedName = System.clearProperty(SqliteNativeLibrary.NAME_PROPERTY);
    }

    @AfterEach
    void restoreProperties() {
        restore(SqliteNativeLibrary.PATH_PROPERTY, savedPath);
        restore(SqliteNativeLibrary.NAME_PROPERTY, savedName);
    }

    @Test
    void useCachedCopy_noPropertySet_copiesLibraryUnderHomeAndPointsAtIt() throws Exception {
        SqliteNativeLibrary.useCachedCopy(home);

        Path folder = Path.of(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY));
        assertTrue(folder.startsWith(home.resolve("native")), folder.toString());
        Path library = folder.resolve(System.getProperty(SqliteNativeLibrary.NAME_PROPERTY));
        assertTrue(Files.size(library) > 100_000, library.toString());
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count(), "no partial copy left behind");
        }
    }

    @Test
    void useCachedCopy_pathAlreadySet_leavesItAlone() throws Exception {
        System.setProperty(SqliteNativeLibrary.PATH_PROPERTY, "/opt/mine");

        SqliteNativeLibrary.useCachedCopy(home);

        assertEquals("/opt/mine", System.getProperty(SqliteNativeLibrary.PATH_PROPERTY));
        assertFalse(Files.exists(home.resolve("native")));
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
