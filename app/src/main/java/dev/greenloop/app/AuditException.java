package dev.greenloop.app;

import java.io.IOException;

/** The audit log of power-limit changes could not be read or written; the message says what became of the change. */
public final class AuditException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and what became of the change
     * @param cause the I/O error
     */
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
