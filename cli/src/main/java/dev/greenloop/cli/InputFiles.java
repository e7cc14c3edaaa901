package dev.greenloop.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one check of a file a command reads, so that every option says the same thing about the same mistake. A named
 * pipe or a device passes: the readers bound what they read ({@link dev.greenloop.core.BoundedLines}: 1 MiB a line,
 * 256 MiB a file), so {@code /dev/zero} is refused at its first line rather than read forever.
 */
public final class InputFiles {

    private InputFiles() {
    }

    /**
     * @param option the option or argument that named the file, such as {@code --jobs}
     * @param file the file
     * @return {@code file}, a readable regular file
     * @throws UsageException naming the option, the path and the fix when it is missing, a folder or unreadable
     */
    public static Path require(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException("%s: %s is a folder, not a file; give the file in it".formatted(option, file));
        }
        if (!Files.exists(file)) {
            throw new UsageException("%s: no such file %s".formatted(option, file));
        }
        if (!Files.isReadable(file)) {
            throw new UsageException("%s: cannot read %s (permission denied); check its mode and owner".formatted(option, file));
        }
        return file;
    }
}
