package dev.greenloop.report;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Writes a file whole or not at all: into a temporary file in the same directory, renamed over the target once
 * complete (atomically where the file system can), the temporary deleted on failure. A failed write leaves the target
 * as it was (absent, or its old content) and throws a {@link WriteException} naming the target and the reason.
 *
 * <p>A target that exists and is not a regular file, such as {@code /dev/stdout} or a named pipe, is written in place:
 * renaming over it would replace the device. A symbolic link is followed: the file it points to is replaced.
 */
public final class AtomicFile {

    /** What to write, to a stream that {@link AtomicFile} opens, buffers and closes. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out where to write; not to be closed
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** What to write as text, to a UTF-8 writer that {@link AtomicFile} opens, buffers and closes. */
    @FunctionalInterface
    public interface Text {
        /**
         * @param out where to write; not to be closed
         * @throws IOException if writing fails
         */
        void writeTo(Writer out) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Writes a file whole or not at all.
     *
     * @param file the target, replaced when complete
     * @param content what to write
     * @throws WriteException naming {@code file} if it cannot be written, or {@code content} throws an I/O error;
     *     the target is then as it was
     * @throws NullPointerException if an argument is null
     */
    public static void write(Path file, Content content) throws WriteException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(content, "content");
        Path target;
        try {
            target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
        } catch (IOException e) {
            throw new WriteException(file, e);
        }
        if (Files.isDirectory(target)) {
            throw WriteException.mistake(file, "is a folder; give a file name (in that folder, for example)");
        }
        Path folder = target.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw WriteException.mistake(file, "the folder %s does not exist; create it, or give a path in an existing folder".formatted(folder));
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            try (OutputStream out = Files.newOutputStream(target)) {
                write(out, content);
            } catch (IOException e) {
                throw new WriteException(file, e);
            }
            return;
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(out, content);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            Throwable thrown = e instanceof IOException io ? new WriteException(file, io) : e;
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException x) {
                    thrown.addSuppressed(x);
                }
            }
            if (thrown instanceof WriteException w) {
                throw w;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) e;
        }
    }

    /**
     * Writes a text file, UTF-8, whole or not at all, as {@link #write(Path, Content)} does.
     *
     * @param file the target, replaced when complete
     * @param text what to write
     * @throws WriteException naming {@code file} if it cannot be written; the target is then as it was
     * @throws NullPointerException if an argument is null
     */
    public static void writeText(Path file, Text text) throws WriteException {
        Objects.requireNonNull(text, "text");
        write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            text.writeTo(w);
            w.flush();
        });
    }

    private static void write(OutputStream out, Content content) throws IOException {
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        // Content that closes what it is given (a JSON generator does) only flushes it: the file is closed here.
        content.writeTo(new FilterOutputStream(buffered) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                this.out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        });
        buffered.flush();
    }
}
