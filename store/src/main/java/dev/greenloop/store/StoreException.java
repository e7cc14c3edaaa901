package dev.greenloop.store;

/** The store could not be opened, read or written; the message names the store and the cause. */
public class StoreException extends RuntimeException {

    /** @param message what failed and where */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what failed and where */
    public StoreException(String message) {
        super(message);
    }
}
