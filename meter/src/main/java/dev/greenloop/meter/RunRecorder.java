package dev.greenloop.meter;

import java.util.Map;

/**
 * Stores what {@link Greenloop#track(String)} measured, and accounts its carbon. Found with
 * {@link java.util.ServiceLoader}: the {@code greenloop-app} artifact provides one that writes to
 * the Greenloop store, so a JVM application with it on its class path records its trackings as
 * runs, listed by {@code greenloop runs list}. Without one, trackings are measured and not stored.
 */
public interface RunRecorder {

    /**
     * Records a finished tracking.
     *
     * @param name the tracking's name
     * @param tags its tags
     * @param measurement what was measured
     * @param failed true when the tracked block threw
     * @return what was stored
     * @throws RuntimeException if storing fails; the tracking still returns its measurement
     */
    Recorded record(String name, Map<String, String> tags, Measurement measurement, boolean failed);

    /**
     * What a recorder stored. Immutable.
     *
     * @param runId the run's id in the store
     * @param zone the grid zone accounted
     * @param grams the node's emissions over the tracking, gCO2eq, PUE included
     * @param processGrams the emissions attributed to this JVM, gCO2eq, PUE included
     */
    record Recorded(long runId, String zone, double grams, double processGrams) {
    }
}
