package dev.greenloop.schedule;

/** A job file or job that cannot be read: the message names the file, line and column, or the job. */
public final class InvalidJobException extends RuntimeException {

    /** @param message what is wrong and where */
    public InvalidJobException(String message) {
        super(message);
    }
}
