package dev.greenloop.schedule.live;

/** An executor could not do what it was asked (a command would not start, Slurm refused a request); the message says why. */
public final class ExecutorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed and why */
    public ExecutorException(String message) {
        super(message);
    }

    /** @param message what failed and why */
    public ExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
