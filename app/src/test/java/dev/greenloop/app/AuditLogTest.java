package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @Test
    void append_newFileInANewFolder_fileOwnerOnlyFolderOwnerOnly(@TempDir Path dir) throws IOException {
        // The log names who changed which power limit: it was created with the umask's mode (0644 in a 0755 folder).
        Path home = dir.resolve("home");
        AuditLog log = new AuditLog(home.resolve("audit.log"));
        log.append(Map.of("user", "alice", "action", "set"));
        log.append(Map.of("user", "bob", "action", "restore"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("audit.log"))));
        assertEquals(2, log.read().size());
    }

    @Test
    void append_existingFile_keepsItsMode(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("audit.log");
        Files.writeString(file, "");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        new AuditLog(file).append(Map.of("user", "alice"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("alice", new AuditLog(file).read().getFirst().get("user"));
    }
}
