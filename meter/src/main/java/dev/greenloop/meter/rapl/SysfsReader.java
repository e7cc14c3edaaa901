package dev.greenloop.meter.rapl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one small sysfs attribute file whole. A seam for tests: root reads a mode-000 file, so a
 * test cannot make {@code energy_uj} unreadable through permissions and injects a reader instead.
 */
@FunctionalInterface
interface SysfsReader {

    /** Reads the files of the real file system. */
    SysfsReader FILES = file -> Files.readString(file, StandardCharsets.ISO_8859_1);

    /**
     * @return the file's content, as the kernel wrote it (usually one line)
     * @throws java.nio.file.AccessDeniedException if this user may not read it
     * @throws IOException if it cannot be read for another reason
     */
    String read(Path file) throws IOException;

    /**
     * @return the file's content as a non-negative decimal number
     * @throws IOException if it cannot be read, or does not hold such a number (naming the file and
     *     what it held)
     */
    default long readLong(Path file) throws IOException {
        String text = read(file).strip();
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            throw new IOException("%s does not hold a number: '%s'".formatted(file, text), e);
        }
        throw new IOException("%s holds a negative number: %s".formatted(file, text));
    }
}
