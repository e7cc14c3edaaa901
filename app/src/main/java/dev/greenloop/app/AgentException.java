package dev.greenloop.app;

/** The agent cannot run: its spool is held by another agent, or cannot be created. The message says what to do. */
public final class AgentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and what to do */
    public AgentException(String message) {
        super(message);
    }

    /** @param message what went wrong and what to do */
    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
