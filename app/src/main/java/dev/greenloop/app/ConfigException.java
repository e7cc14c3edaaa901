package dev.greenloop.app;

/**
 * A configuration value or a use case's input is not acceptable: an unknown key in
 * {@code $GREENLOOP_HOME/config}, an unreadable config file, an unknown zone, a PUE out of range. The
 * message names the bad value, where it came from, and the fix; front ends show it as a usage error
 * (the CLI exits 2, HTTP answers 4xx) without a stack trace.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message names the bad value, where it came from, and what to do */
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
