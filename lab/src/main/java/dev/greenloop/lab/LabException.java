package dev.greenloop.lab;

/**
 * A problem the user can fix (a model that is not there, a bad model directory, a variant not built
 * yet): the message names the bad value and what to do; no stack trace is needed to act on it.
 */
public class LabException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the bad value and the fix */
    public LabException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the bad value and the fix
     * @param cause the underlying failure, kept for debugging
     */
    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
