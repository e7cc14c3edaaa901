package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.lab.Recommendation.Candidate;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RecommendationTest {

    private static Candidate c(String name, double joules, double cosine, double accuracy) {
        return new Candidate(name, joules, Double.isNaN(cosine) ? OptionalDouble.empty() : OptionalDouble.of(cosine), OptionalDouble.of(accuracy));
    }

    private static final List<Candidate> CANDIDATES = List.of(c("fp32", 0.10, 1.0, 0.95), c("int8", 0.06, 0.990, 0.94),
            c("int8-b8", 0.06, 0.991, 0.93), c("int4", 0.04, 0.95, 0.91), c("static", 0.001, Double.NaN, 0.90));

    @Test
    void withMinCosine_cheapestMeeting_equalEnergyToHigherCosine() {
        Recommendation r = Recommendation.withMinCosine(CANDIDATES, 0.99, 0.10).orElseThrow();
        assertEquals("int8-b8", r.chosen().name());
        assertTrue(r.why().contains("mean cosine 0.9910 >= 0.9900") && r.why().contains("0.60× fp32"), r.why());
        assertEquals("int4", Recommendation.withMinCosine(CANDIDATES, 0.9, 0.10).orElseThrow().chosen().name(), "static has no cosine");
    }

    @Test
    void withMinCosine_noneMeets_empty() {
        assertTrue(Recommendation.withMinCosine(CANDIDATES.subList(1, 5), 0.999, 0.10).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Recommendation.withMinCosine(CANDIDATES, 1.5, 0.1));
    }

    @Test
    void withMaxAccuracyDrop_pointsAgainstReference_boundaryIncluded() {
        // fp32 0.95: a 5-point drop allows 0.90 exactly (static), though 0.95 - 0.05 is not exactly 0.90 in binary.
        Recommendation r = Recommendation.withMaxAccuracyDrop(CANDIDATES, 0.95, 5, 0.10).orElseThrow();
        assertEquals("static", r.chosen().name());
        assertTrue(r.why().contains("kNN accuracy 90.00 %, 5.00 points below fp32's 95.00 % (allowed: 5 below)"), r.why());
        assertEquals("int4", Recommendation.withMaxAccuracyDrop(CANDIDATES, 0.95, 4, 0.10).orElseThrow().chosen().name());
        assertEquals("fp32", Recommendation.withMaxAccuracyDrop(CANDIDATES, 0.95, 0, 0.10).orElseThrow().chosen().name());
    }

    @Test
    void withMaxAccuracyDrop_noneMeets_empty() {
        assertTrue(Recommendation.withMaxAccuracyDrop(CANDIDATES.subList(1, 5), 0.95, 0.5, 0.10).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Recommendation.withMaxAccuracyDrop(CANDIDATES, 0.95, -1, 0.1));
    }
}
