package dev.greenloop.store;

import dev.greenloop.core.Provenance;
import java.time.Instant;
import java.util.Objects;

/**
 * The traffic one served model variant answered on one node over a stretch of time: a row of the store's
 * {@code served_traffic} table. Immutable.
 *
 * @param node the serving node's name, as runs name it
 * @param model the model's name
 * @param variant the variant's name, such as {@code int8}
 * @param start the stretch's start, UTC
 * @param end the stretch's end, not before {@code start}
 * @param queries texts answered (a query is one text, as lab profiles count energy per query)
 * @param requests requests answered
 * @param joules the energy charged to those requests
 * @param provenance the weakest provenance of that energy
 * @param grams the carbon of the requests answered while the zone's intensity was known
 * @param gramsQueries how many of {@code queries} {@code grams} covers
 */
public record ServedTraffic(String node, String model, String variant, Instant start, Instant end, long queries, long requests,
        double joules, Provenance provenance, double grams, long gramsQueries) {

    /**
     * @throws NullPointerException if an object component is null
     * @throws IllegalArgumentException naming the value if a count or figure is negative or not a number, or the
     *     stretch ends before it starts
     */
    public ServedTraffic {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(provenance, "provenance");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("served traffic of %s %s ends at %s, before its start %s".formatted(model, variant, end, start));
        }
        if (queries < 0 || requests < 0 || gramsQueries < 0 || gramsQueries > queries) {
            throw new IllegalArgumentException(("served traffic of %s %s: counts must be >= 0 (and grams cover at most the queries), were %d queries,"
                    + " %d requests, %d with carbon").formatted(model, variant, queries, requests, gramsQueries));
        }
        if (!(joules >= 0) || !(grams >= 0) || Double.isInfinite(joules) || Double.isInfinite(grams)) {
            throw new IllegalArgumentException("served traffic of %s %s: energy and carbon must be finite and >= 0, were %s J, %s g"
                    .formatted(model, variant, joules, grams));
        }
    }
}
