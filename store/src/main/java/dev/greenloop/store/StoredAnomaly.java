package dev.greenloop.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One anomaly of one watched series as the store keeps it: from its first anomalous point to its last.
 *
 * @param id derived from the node, series and start, so that replicas seeing the same anomaly write one row
 * @param node the fleet node
 * @param series what was watched, such as {@code cpu-package-0 power} or {@code energy per job 'train'}
 * @param component the fleet component, or empty for an energy-per-work series
 * @param scope the component's scope ({@code package}, {@code gpu}...), or empty for an energy-per-work series
 * @param kind {@code spike}, {@code level_shift}, {@code drift} or {@code idle_waste}
 * @param start the start of its first anomalous point
 * @param end the end of its last anomalous point so far, not before {@code start}
 * @param open true while the series has not returned to normal
 * @param score in [0, 1]
 * @param evidence a JSON object: baseline and observed values, their unit, the window
 * @param updated when a server last wrote it
 */
public record StoredAnomaly(String id, String node, String series, String component, String scope, String kind, Instant start,
        Instant end, boolean open, double score, String evidence, Instant updated) {

    /** The kinds the store takes. */
    public static final java.util.List<String> KINDS = java.util.List.of("spike", "level_shift", "drift", "idle_waste");

    /**
     * @throws NullPointerException if a part is null
     * @throws IllegalArgumentException if the kind is not one of {@link #KINDS}, {@code end} is before {@code start}, or
     *     the score is not in [0, 1]
     */
    public StoredAnomaly {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(updated, "updated");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("anomaly kind must be one of " + KINDS + ", was " + kind);
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("anomaly %s: end %s is before its start %s".formatted(id, end, start));
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("anomaly %s: score must be in [0, 1], was %s".formatted(id, score));
        }
    }
}
