package dev.greenloop.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps one extracted copy of sqlite-jdbc's native library under {@code GREENLOOP_HOME/native/}
 * and points sqlite-jdbc at it.
 *
 * <p>Left alone, sqlite-jdbc copies its library out of the jar into the temporary directory on every
 * start (a fresh file name each time), which cost about 110 ms of a CLI start on the reference
 * machine. The copy is made once per sqlite-jdbc version and platform, written to a temporary file
 * and moved into place atomically, so concurrent first starts never load a half-written file.
 */
final class SqliteNativeLibrary {

    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {
    }

    /**
     * Sets {@value #PATH_PROPERTY} and {@value #NAME_PROPERTY} to a cached copy under {@code home},
     * making the copy if needed. Does nothing if {@value #PATH_PROPERTY} is already set (the user's
     * choice wins) or this platform has no library in the jar.
     *
     * @throws IOException if the copy cannot be made; sqlite-jdbc then falls back to its own extraction
     */
    static void useCachedCopy(Path home) throws IOException {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        String resourceFolder = LibraryLoaderUtil.getNativeLibResourcePath();
        String resource = resourceFolder + "/" + name;
        // The platform folder, such as Linux/x86_64, keeps a home shared between machines apart.
        Path folder = home.resolve("native").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
                .resolve(resourceFolder.substring(resourceFolder.indexOf("/native/") + "/native/".length()));
        Path library = folder.resolve(name);
        if (!Files.isRegularFile(library)) {
            try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return;
                }
                Files.createDirectories(folder);
                Path partial = Files.createTempFile(folder, name, ".partial");
                try {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
        }
        System.setProperty(NAME_PROPERTY, name);
        System.setProperty(PATH_PROPERTY, folder.toString());
    }
}
