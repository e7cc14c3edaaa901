package dev.greenloop.store;

/**
 * The store's JDBC URL ({@code GREENLOOP_DB}, or {@code db=} in the config file) names a database Greenloop cannot
 * use. A user's mistake, not a failure of the store: front ends show it as a usage error (the CLI exits 2). The
 * message names the URL, its password hidden, and the URLs that work.
 */
public final class UnsupportedStoreUrlException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** @param message names the URL and the supported ones */
    UnsupportedStoreUrlException(String message) {
        super(message);
    }
}
