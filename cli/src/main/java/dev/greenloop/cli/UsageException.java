package dev.greenloop.cli;

/** A user's mistake on the command line or in configuration: exit 2, the message, no stack trace. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
