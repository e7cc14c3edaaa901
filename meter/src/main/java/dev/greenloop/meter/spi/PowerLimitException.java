package dev.greenloop.meter.spi;

import java.io.IOException;
import java.util.Objects;

/** A power limit that could not be found, checked or set; the message names the value, the file or device, and the fix. */
public final class PowerLimitException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** No such component or constraint on this node: the caller's mistake. */
        UNKNOWN_LIMIT,
        /** The value lies outside the range the hardware accepts: the caller's mistake. */
        OUT_OF_RANGE,
        /** This user may not set it (EACCES/EPERM on sysfs, NVML_ERROR_NO_PERMISSION). */
        PERMISSION,
        /** Greenloop has no way to set it here (an NVML without the limit calls, say). */
        UNAVAILABLE,
        /** The write or call failed for another reason. */
        FAILED
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message what, naming the bad value, the file or device and the fix
     * @param cause the underlying error, or null
     */
    public PowerLimitException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why */
    public Reason reason() {
        return reason;
    }

    /** @return true when the caller asked for something this node does not have or accept (a usage error) */
    public boolean isUsageError() {
        return reason == Reason.UNKNOWN_LIMIT || reason == Reason.OUT_OF_RANGE;
    }
}
