package dev.greenloop.report;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that could not be written, and why: its message is {@code <path>: <reason>}, such as
 * {@code plan.csv: No space left on device}. Thrown by {@link AtomicFile}, which leaves nothing partial behind.
 */
public final class WriteException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String reason;
    private final boolean mistake;

    /**
     * @param file the file being written
     * @param cause the failure; its reason is the operating system's where it has one
     * @throws NullPointerException if {@code file} or {@code cause} is null
     */
    public WriteException(Path file, IOException cause) {
        super(Objects.requireNonNull(file, "file") + ": " + reason(Objects.requireNonNull(cause, "cause")), cause);
        this.file = file;
        this.reason = reason(cause);
        this.mistake = false;
    }

    private WriteException(Path file, String reasonAndFix) {
        super(file + ": " + reasonAndFix);
        this.file = file;
        this.reason = reasonAndFix;
        this.mistake = true;
    }

    /**
     * A path that can never be written as given, whatever the disk: its folder does not exist, or it is a folder.
     * The caller's mistake (a CLI exits 2), not a failure.
     *
     * @param file the path given
     * @param reasonAndFix what is wrong and what to do, such as {@code the folder out does not exist; create it}
     */
    static WriteException mistake(Path file, String reasonAndFix) {
        return new WriteException(file, reasonAndFix);
    }

    /** @return whether the path itself was wrong (a missing folder, a folder given as the file) rather than the write failing */
    public boolean isMistake() {
        return mistake;
    }

    /** @return the file that could not be written */
    public Path file() {
        return file;
    }

    /** @return why, such as {@code No space left on device} or {@code Permission denied} */
    public String reason() {
        return reason;
    }

    /**
     * The reason of an I/O failure in the operating system's words where it gives them: a {@link FileSystemException}'s
     * reason, else what its type means ({@code Permission denied}, ...), else the exception's message.
     *
     * @param e the failure
     * @return the reason, never null
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException fs) {
            if (fs.getReason() != null) {
                return fs.getReason();
            }
            if (fs instanceof AccessDeniedException) {
                return "Permission denied";
            }
            if (fs instanceof NoSuchFileException) {
                return "No such file or directory";
            }
            if (fs instanceof NotDirectoryException) {
                return "Not a directory";
            }
            if (fs instanceof FileAlreadyExistsException) {
                return "File exists";
            }
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
