package dev.greenloop.carbon.live;

/**
 * A live provider failed: it could not be reached in time, refused the request, kept asking to slow down,
 * or answered something unreadable. The message names the provider and the request path, and carries the
 * provider's own message where there is one; it never contains a credential.
 */
public class LiveProviderException extends RuntimeException {

    private final int status;

    /**
     * @param message what failed, where, and what the user can do
     * @param status the HTTP status of the provider's answer, or 0 when there was none
     * @param cause the underlying failure, or null
     */
    public LiveProviderException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** @param message what failed, where, and what the user can do */
    public LiveProviderException(String message) {
        this(message, 0, null);
    }

    /** @return the HTTP status of the provider's answer, or 0 when there was none (timeout, unreadable answer) */
    public int status() {
        return status;
    }
}
