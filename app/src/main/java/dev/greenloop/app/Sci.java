package dev.greenloop.app;

import java.util.List;
import java.util.OptionalDouble;

/**
 * SCI = (E × I + M) per R (ISO/IEC 21031:2024): E × I is the location-based emissions of the selected runs (PUE
 * included; the SCI specification does not allow market-based figures), M their embodied emissions, R the functional
 * unit the user chose.
 */
final class Sci {

    /** The tag that says how many queries a run served, as {@code analyze} reads it. */
    static final String QUERIES_TAG = "queries";

    private Sci() {
    }

    /**
     * @param runs how many runs are selected
     * @param jobs how many scheduled jobs have their measured run selected
     * @param queries Σ the selected runs' numeric {@value #QUERIES_TAG} tags
     * @param tagged how many selected runs had a numeric {@value #QUERIES_TAG} tag
     * @param grams E × I + M
     */
    static List<Disclosure.Sci> scores(ReportRequest q, long runs, long jobs, double queries, long tagged, double grams) {
        return switch (q.unit()) {
            case RUN -> List.of(score("run", runs, grams, "R = the number of selected runs"));
            case JOB -> List.of(score("job", jobs, grams, "R = the number of scheduled jobs whose measured run is selected ('greenloop schedule')"));
            case QUERY -> {
                String method = "R = the sum of the selected runs' queries=N tags (%d of %d runs tagged; grams of untagged runs still count)"
                        .formatted(tagged, runs);
                yield List.of(score("query", queries, grams, method), score("1000 queries", queries / 1000, grams, method));
            }
        };
    }

    /** @return the queries a run's {@value #QUERIES_TAG} tag counts, or NaN where it has none or it is not a number */
    static double queries(String tagValue) {
        if (tagValue == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(tagValue.strip());
        } catch (NumberFormatException e) {
            // A tag that is not a number counts no queries; the method says how many runs were counted.
            return Double.NaN;
        }
    }

    private static Disclosure.Sci score(String unit, double units, double grams, String method) {
        return new Disclosure.Sci(unit, units, units > 0 ? OptionalDouble.of(grams / units) : OptionalDouble.empty(), method);
    }
}
