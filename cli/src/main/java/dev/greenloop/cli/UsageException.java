package dev.greenloop.cli;

/** A user's mistake on the command line or in configuration: exit 2, the message, no stack trace. */
public final class UsageException extends RuntimeException {

    /** @param message what is wrong, naming the bad value and where it came from */
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
