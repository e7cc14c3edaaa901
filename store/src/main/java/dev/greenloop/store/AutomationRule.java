package dev.greenloop.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Whether one kind of recommendation is applied automatically, and the bounds its verification holds it to.
 * Immutable.
 *
 * @param kind the recommendation kind, such as {@code cap-power}
 * @param enabled whether it is on
 * @param acts whether it changes anything; false (the default) is a dry run that records what would change
 * @param boundPercent the largest fall of throughput (or quality), in percent, tolerated before rollback
 * @param signal the throughput signal verification reads
 * @param windowMinutes the length of the before and after windows compared
 * @param updatedAt when it was last changed
 * @param who who changed it
 */
public record AutomationRule(String kind, boolean enabled, boolean acts, double boundPercent, String signal, int windowMinutes, Instant updatedAt,
        String who) {

    /** @throws NullPointerException if a reference is null */
    public AutomationRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(who, "who");
    }
}
