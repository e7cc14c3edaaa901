package dev.greenloop.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The machinery of the variant cache: publishing a finished build directory under its final name
 * in one rename, and the few JSON fields the cache reads back from the metadata files it writes.
 */
final class VariantCache {

    private VariantCache() {
    }

    /**
     * Moves a finished build directory {@code built} to {@code target} in one rename. A target that
     * is already there and {@code valid} (another process finished first) is kept and {@code built}
     * deleted; an invalid one (a stale or partial build) is moved aside and deleted first.
     *
     * @return true if {@code built} took the final name, false if a valid one was already there
     */
    static boolean publish(Path built, Path target, Predicate<Path> valid) throws IOException {
        if (Files.exists(target)) {
            if (valid.test(target)) {
                deleteTree(built);
                return false;
            }
            Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.move(target, old.resolve("x"), StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        }
        try {
            Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // Another build took the name between the check and the rename: keep the one there if it is whole.
            if (valid.test(target)) {
                deleteTree(built);
                return false;
            }
            throw e;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename %s to %s in one step (another file system?)".formatted(built, target), e);
        }
    }

    /** Deletes a directory tree; nothing if it is not there. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append("\\u%04x".formatted((int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * The first number written as {@code "key": 123} in a JSON text this cache wrote; the keys it
     * reads back are unique in their file.
     */
    static Optional<Double> number(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(-?[0-9][0-9.eE+-]*)").matcher(json);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    /** The first string written as {@code "key": "value"} (without escapes) in a JSON text this cache wrote. */
    static Optional<String> string(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"\\\\]*)\"").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The file's text, or empty if it is not there or cannot be read (a cache entry without it is not whole). */
    static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
