package dev.greenloop.app;

import dev.greenloop.core.Provenance;
import dev.greenloop.store.NewProfile;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the lab's stored profiles say about a served variant, for {@code GET /v1/models}.
 *
 * @param variant the variant, such as {@code int8-pc}
 * @param joulesPerQuery its energy per query as profiled
 * @param provenance how that energy was obtained
 * @param energyLabel its letter relative to fp32 ({@link dev.greenloop.lab.EnergyLabel#RULE})
 * @param meanCosine mean cosine to fp32 on the profile's texts; empty if not measured
 * @param knnAccuracy leave-one-out kNN accuracy; empty for a profile without labels
 * @param measuredAt when the profile was measured
 * @param resultId the stored result it belongs to ({@code greenloop lab show})
 */
public record ServingProfile(String variant, double joulesPerQuery, Provenance provenance, String energyLabel, OptionalDouble meanCosine,
        OptionalDouble knnAccuracy, Instant measuredAt, long resultId) {

    /**
     * The newest stored profile of each variant.
     *
     * @param rows stored profiles, newest result first ({@link LabService#profiles})
     * @return by variant name; a variant never profiled is absent
     */
    public static Map<String, ServingProfile> newestByVariant(List<LabService.StoredRow> rows) {
        Map<String, ServingProfile> out = new LinkedHashMap<>();
        for (LabService.StoredRow r : rows) {
            NewProfile p = r.stored().profile();
            out.putIfAbsent(p.variant(), new ServingProfile(p.variant(), p.joulesPerQuery(), p.provenance(), p.energyLabel(), p.meanCosine(),
                    p.knnAccuracy(), p.measuredAt(), r.stored().resultId()));
        }
        return out;
    }
}
