package dev.greenloop.store;

import dev.greenloop.core.Provenance;
import java.time.Instant;

/**
 * One time-series point of one component. Immutable.
 *
 * @param time when it was read, UTC
 * @param component the component's name
 * @param powerWatts the mean power since the previous point of the component, W
 * @param cumulativeJoules energy since the source was opened, J
 * @param provenance where the figure comes from
 */
public record SampleRow(Instant time, String component, double powerWatts, double cumulativeJoules, Provenance provenance) {
}
