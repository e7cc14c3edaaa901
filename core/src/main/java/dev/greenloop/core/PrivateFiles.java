package dev.greenloop.core;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates Greenloop's own folders owner-only (0700) and files owner-read-write (0600): the store holds full command
 * lines, tags and host names, job logs hold a job's output. Only what these methods create gets these modes;
 * existing files and folders keep theirs. On a file system without POSIX permissions they get its defaults.
 */
public final class PrivateFiles {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} and its missing parents, each 0700; does nothing to those that exist.
     *
     * @throws IOException if a folder cannot be created
     */
    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, OWNER_ONLY_FOLDER);
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    /**
     * Creates an empty {@code file} with mode 0600 if there is none; an existing file is left as it is.
     *
     * @return true if this call created the file
     * @throws IOException if the file cannot be created
     */
    public static boolean createFileIfAbsent(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        try {
            Files.createFile(file, OWNER_ONLY_FILE);
        } catch (FileAlreadyExistsException raced) {
            // Another process created it between the check and here: theirs stands, as for any existing file.
            return false;
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        return true;
    }
}
