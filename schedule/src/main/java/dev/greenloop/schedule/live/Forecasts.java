package dev.greenloop.schedule.live;

import dev.greenloop.carbon.IntensityTrace;
import java.time.Instant;
import java.util.List;

/**
 * The intensity data live jobs are planned on, and a fingerprint that changes when the data does, so
 * that the scheduler re-plans queued work when a forecast changes.
 */
public interface Forecasts {

    /**
     * @return a value that differs whenever the data may have changed (trace files: their sizes and
     *     modification times); equal values mean nothing changed
     * @throws java.io.UncheckedIOException if the data cannot be looked at
     */
    String fingerprint();

    /**
     * @param zones the zones wanted; empty means every zone this source knows
     * @param from the first instant needed
     * @param to the last instant needed
     * @return one trace per zone it knows, in the order asked (the order the source lists them when
     *     {@code zones} is empty); zones it does not know are left out, and the planner reports them
     * @throws java.io.UncheckedIOException if the data cannot be read
     */
    List<IntensityTrace> traces(List<String> zones, Instant from, Instant to);

    /** @return the zones this source knows, in its order; the first is the default */
    List<String> zones();
}
