package dev.greenloop.core;

import java.time.Instant;

/**
 * Carbon intensity of one zone as a function of time. A yearly table answers one value for the
 * whole year; a trace or live provider answers the point covering the instant.
 */
public interface IntensityTimeline {

    /**
     * @param instant any instant
     * @return the point whose interval contains {@code instant}; its interval must be non-empty
     * @throws java.util.NoSuchElementException if the timeline has no value for {@code instant}
     */
    IntensityPoint at(Instant instant);

    /** @return what the values mean and where they come from */
    CarbonSignal signal();
}
