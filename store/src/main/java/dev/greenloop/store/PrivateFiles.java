package dev.greenloop.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the store's folders owner-only (0700) and its database file owner-read-write (0600): runs hold full
 * command lines, tags and host names. Only what this code creates gets these modes; existing files keep theirs. On
 * a file system without POSIX permissions the files are created with its defaults.
 */
final class PrivateFiles {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private PrivateFiles() {
    }

    /** Creates {@code dir} and its missing parents, each 0700; does nothing to those that exist. */
    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, OWNER_ONLY_FOLDER);
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    /** Creates an empty {@code file} with mode 0600 if there is none; an existing file is left as it is. */
    static void createFileIfAbsent(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, OWNER_ONLY_FILE);
        } catch (FileAlreadyExistsException raced) {
            // Another process created it between the check and here: theirs stands, as for any existing file.
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }
}
