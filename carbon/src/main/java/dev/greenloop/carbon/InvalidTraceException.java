package dev.greenloop.carbon;

/**
 * A carbon-intensity trace that cannot be used: malformed, unsorted, duplicated or with gaps. The
 * message names the file, the line (and column where it applies), the bad value and the fix.
 */
public final class InvalidTraceException extends IllegalArgumentException {

    /** @param message what is wrong and where */
    public InvalidTraceException(String message) {
        super(message);
    }
}
