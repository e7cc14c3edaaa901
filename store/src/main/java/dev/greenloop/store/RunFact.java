package dev.greenloop.store;

import java.time.Instant;

/**
 * The few columns of one selected run that a report folds run by run ({@link Store#forEachRun}): no components,
 * arguments or samples.
 *
 * @param id the run's id
 * @param node its node's name
 * @param zone the zone it was accounted in (its node's zone where it stored no carbon)
 * @param startedAt when it started
 * @param endedAt when it ended (its start, for an interrupted run that stored no samples)
 * @param totalJoules its counted components' energy, as {@code runs export} writes it; 0 where none was stored
 * @param pue the PUE it was accounted with (its node's where it stored no carbon)
 * @param grams its location-based emissions as stored; 0 where none were stored
 * @param tagValue the value of the tag the caller asked for, or null where the run has no such tag
 */
public record RunFact(long id, String node, String zone, Instant startedAt, Instant endedAt, double totalJoules, double pue, double grams,
        String tagValue) {
}
