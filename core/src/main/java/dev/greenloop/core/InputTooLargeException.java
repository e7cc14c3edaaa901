package dev.greenloop.core;

/**
 * An input larger than Greenloop reads: a line longer than {@link BoundedLines#MAX_LINE_BYTES} or a file larger than
 * {@link BoundedLines#MAX_FILE_BYTES}. The message names the input, the line where it applies, the limit and the fix.
 * It is the caller's mistake (a wrong file, a device such as {@code /dev/zero}), so front ends treat it as a usage
 * error.
 */
public final class InputTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is too large, where, the limit and the fix */
    public InputTooLargeException(String message) {
        super(message);
    }
}
