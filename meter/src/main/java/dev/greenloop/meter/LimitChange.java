package dev.greenloop.meter;

import java.time.Instant;
import java.util.Objects;

/**
 * A power limit that was set: what, the value read just before, the value written, and when. Rolled back by
 * {@link PowerLimits#rollback(LimitChange)}, which writes {@link #beforeMicrowatts()} back. Immutable.
 *
 * @param component the component capped, such as {@code cpu-package-0} or {@code gpu-0}
 * @param constraint the constraint, such as {@code long_term}, or {@code power_limit} for a GPU
 * @param target the file or device written
 * @param beforeMicrowatts the limit read before the change
 * @param afterMicrowatts the limit written
 * @param at when it was written
 */
public record LimitChange(String component, String constraint, String target, long beforeMicrowatts, long afterMicrowatts,
        Instant at) {

    /** @throws NullPointerException if any part is null */
    public LimitChange {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(constraint, "constraint");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(at, "at");
    }
}
