package dev.greenloop.app;

/** Input that {@link Comparing} cannot use (an unknown run or placement, a missing flag); the message names the value and the fix. */
public final class CompareInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message names the bad value and the fix */
    public CompareInputException(String message) {
        super(message);
    }

    CompareInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
