package dev.greenloop.meter.spi;

import java.util.Objects;

/**
 * What discovery found about one way of measuring this node: usable or not, why, and what the user
 * can do. Immutable.
 *
 * @param source the kind of source: {@code rapl}, {@code cpu-model}, {@code memory-model}, {@code procfs}, later {@code nvml}
 * @param status whether it is used
 * @param subject what exactly the finding is about, such as {@code intel-rapl:0 (package-0)} or {@code /sys/class/powercap}
 * @param detail what was found, and why a thing is not usable
 * @param fix what the user can do about it; empty when nothing is needed
 */
public record Finding(String source, Status status, String subject, String detail, String fix) {

    /** Whether a source is in use. */
    public enum Status {
        /** Used for measurement. */
        USED,
        /** Present but not used (a duplicate, or overlapped by a wider domain); no action needed. */
        SKIPPED,
        /** Not usable here; {@link Finding#fix()} says what would make it usable. */
        UNAVAILABLE
    }

    /** @throws NullPointerException if any part is null */
    public Finding {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fix, "fix");
    }
}
