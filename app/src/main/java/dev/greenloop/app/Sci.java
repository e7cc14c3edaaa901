package dev.greenloop.app;

import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

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

    static List<Disclosure.Sci> scores(ReportRequest q, List<StoredRun> runs, List<StoredJob> jobs, double grams) {
        return switch (q.unit()) {
            case RUN -> List.of(score("run", runs.size(), grams, "R = the number of selected runs"));
            case JOB -> {
                Set<Long> ids = new HashSet<>();
                runs.forEach(r -> ids.add(r.id()));
                long n = jobs.stream().filter(j -> j.progress().runId() != null && ids.contains(j.progress().runId())).count();
                yield List.of(score("job", n, grams, "R = the number of scheduled jobs whose measured run is selected ('greenloop schedule')"));
            }
            case QUERY -> {
                double n = 0;
                int tagged = 0;
                for (StoredRun r : runs) {
                    String v = r.start().tags().get(QUERIES_TAG);
                    if (v != null) {
                        try {
                            n += Double.parseDouble(v.strip());
                            tagged++;
                        } catch (NumberFormatException e) {
                            // A tag that is not a number counts no queries; the method says how many runs were counted.
                        }
                    }
                }
                String method = "R = the sum of the selected runs' queries=N tags (%d of %d runs tagged; grams of untagged runs still count)"
                        .formatted(tagged, runs.size());
                yield List.of(score("query", n, grams, method), score("1000 queries", n / 1000, grams, method));
            }
        };
    }

    private static Disclosure.Sci score(String unit, double units, double grams, String method) {
        return new Disclosure.Sci(unit, units, units > 0 ? OptionalDouble.of(grams / units) : OptionalDouble.empty(), method);
    }
}
