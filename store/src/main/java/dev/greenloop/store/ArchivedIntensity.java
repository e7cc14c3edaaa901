package dev.greenloop.store;

import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.Interval;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the carbon-intensity archive: a value as a provider issued it. Immutable. Times are kept to
 * the millisecond.
 *
 * @param zone the grid zone code as the provider was asked for it, such as {@code GB} or {@code DE}; compared exactly
 * @param source who published it, such as {@code "UK NESO Carbon Intensity API"}
 * @param signal kind and basis joined by {@code -}, such as {@code average-lifecycle} or {@code marginal-direct}
 * @param kind an actual or one point of a forecast
 * @param issuedAt when the provider issued it (for a forecast: when the forecast was made)
 * @param interval when the value applies, not empty
 * @param intensity the value
 */
public record ArchivedIntensity(String zone, String source, String signal, Kind kind, Instant issuedAt, Interval interval,
        CarbonIntensity intensity) {

    /** Whether a value was measured (or estimated after the fact) or predicted. */
    public enum Kind {
        /** A measured or estimated value for an interval that has begun. */
        ACTUAL,
        /** A prediction made at the row's issue time. */
        FORECAST;

        /** @return the name stored in the database: {@code actual} or {@code forecast} */
        public String sqlName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind fromSql(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * @throws NullPointerException if any part is null
     * @throws IllegalArgumentException if a text part is blank or the interval is empty (the message names it)
     */
    public ArchivedIntensity {
        notBlank("zone", zone);
        notBlank("source", source);
        notBlank("signal", signal);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(intensity, "intensity");
        if (interval.isEmpty()) {
            throw new IllegalArgumentException("archived intensity for %s at %s has an empty interval".formatted(zone, interval.start()));
        }
    }

    private static void notBlank(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("archived intensity " + name + " is blank");
        }
    }
}
