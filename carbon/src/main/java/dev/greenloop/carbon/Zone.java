package dev.greenloop.carbon;

/**
 * A table row together with the basis of its source ({@code lifecycle} or {@code direct}). Immutable.
 *
 * @param info the public description of the zone
 * @param basis {@code lifecycle} or {@code direct}, as the source publishes it
 */
record Zone(ZoneInfo info, String basis) {
}
