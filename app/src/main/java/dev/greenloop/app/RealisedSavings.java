package dev.greenloop.app;

import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRecommendation;
import dev.greenloop.store.StoredRun;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;

/**
 * The savings a report discloses, each with its method: scheduling (the dashboard's runs page's actual saving,
 * {@link JobSavings}, summed over the jobs whose runs are selected) and automation (the verified savings of
 * recommendations applied in the period). Model-variant savings are not computed yet.
 */
final class RealisedSavings {

    private RealisedSavings() {
    }

    static List<Disclosure.Saving> of(ReportRequest q, List<StoredRun> runs, List<StoredJob> jobs, List<StoredRecommendation> recs,
            CarbonAwareQueries grid, List<String> assumptions) {
        List<Disclosure.Saving> out = new ArrayList<>();
        Map<Long, StoredRun> byId = new HashMap<>();
        runs.forEach(r -> byId.put(r.id(), r));
        double grams = 0;
        int counted = 0;
        Map<String, Integer> why = new TreeMap<>();
        int linked = 0;
        for (StoredJob j : jobs) {
            Long runId = j.progress().runId();
            StoredRun run = runId == null ? null : byId.get(runId);
            if (run == null) {
                continue;
            }
            linked++;
            JobSavings.Saving s = JobSavings.of(j, run, grid);
            if (s.savedGrams().isPresent()) {
                grams += s.savedGrams().getAsDouble();
                counted++;
            } else {
                why.merge(s.why(), 1, Integer::sum);
            }
        }
        if (linked > 0) {
            out.add(new Disclosure.Saving("scheduling", grams, counted, "Σ over %d of %d scheduled jobs: energy × PUE × (actual intensity of the first allowed zone at submission − actual intensity where and when it ran), as the dashboard's runs page computes it"
                    .formatted(counted, linked)));
            why.forEach((reason, n) -> assumptions.add("scheduling savings: %d job(s) not counted: %s".formatted(n, reason)));
        }
        double verified = 0;
        int actions = 0;
        for (StoredRecommendation r : recs) {
            if (r.verifiedGrams().isPresent() && r.status().equals("verified") && r.appliedAt().isPresent()
                    && !r.appliedAt().get().isBefore(q.from()) && r.appliedAt().get().isBefore(q.to())) {
                verified += r.verifiedGrams().getAsDouble();
                actions++;
            }
        }
        if (actions > 0) {
            out.add(new Disclosure.Saving("automation", verified, actions,
                    "Σ of the verified savings of %d recommendations applied in the period, each measured before and after ('greenloop recommendations')"
                            .formatted(actions)));
        }
        return out;
    }
}
