package dev.greenloop.core;

import java.time.Duration;
import java.time.Instant;

/**
 * A half-open span of time {@code [start, end)}. Immutable.
 *
 * @param start the first instant in the interval
 * @param end the first instant after it, not before {@code start}
 */
public record Interval(Instant start, Instant end) {

    /** @throws IllegalArgumentException if {@code end} is before {@code start} */
    public Interval {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("interval end %s is before its start %s".formatted(end, start));
        }
    }

    /** @return the length of the interval */
    public Duration duration() {
        return Duration.between(start, end);
    }

    /** @return the length of the interval in seconds, with nanosecond precision */
    public double seconds() {
        return duration().toNanos() / 1e9;
    }

    /** @return the part of this interval that lies in {@code other}, possibly empty (start == end) */
    public Interval intersect(Interval other) {
        Instant s = start.isAfter(other.start) ? start : other.start;
        Instant e = end.isBefore(other.end) ? end : other.end;
        return e.isBefore(s) ? new Interval(s, s) : new Interval(s, e);
    }

    /** @return true if the interval holds no time */
    public boolean isEmpty() {
        return start.equals(end);
    }
}
