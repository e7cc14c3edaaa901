package dev.greenloop.lab;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The lowest-energy variant and setting that meets a quality requirement, with why.
 *
 * @param chosen the candidate
 * @param why one sentence: its energy, its quality against the requirement, and what it saves against the reference
 */
public record Recommendation(Candidate chosen, String why) {

    /**
     * A profiled variant at one setting.
     *
     * @param name variant and settings, such as {@code int8 threads=1 batch=32 spin=off}
     * @param joulesPerQuery energy per query
     * @param meanCosine mean cosine to fp32; empty if not comparable (other dimension)
     * @param knnAccuracy leave-one-out kNN accuracy in [0, 1]; empty without labels
     */
    public record Candidate(String name, double joulesPerQuery, OptionalDouble meanCosine, OptionalDouble knnAccuracy) {
    }

    /**
     * The cheapest candidate whose mean cosine to fp32 is at least {@code minCosine}; equal energy goes to the higher cosine.
     *
     * @param candidates the profiled candidates
     * @param minCosine the least mean cosine, in [-1, 1]
     * @param referenceJoulesPerQuery fp32's energy per query at its settings, for the saving in {@link #why()}
     * @return the choice, or empty if none meets it
     * @throws IllegalArgumentException naming the value if {@code minCosine} is outside [-1, 1]
     */
    public static Optional<Recommendation> withMinCosine(List<Candidate> candidates, double minCosine, double referenceJoulesPerQuery) {
        if (!(minCosine >= -1 && minCosine <= 1)) {
            throw new IllegalArgumentException("minimum cosine %s is not between -1 and 1".formatted(minCosine));
        }
        return candidates.stream().filter(c -> c.meanCosine().isPresent() && c.meanCosine().getAsDouble() >= minCosine)
                .min(Comparator.comparingDouble(Candidate::joulesPerQuery).thenComparing(c -> -c.meanCosine().getAsDouble()))
                .map(c -> new Recommendation(c, String.format(Locale.ROOT, "%s: the lowest energy per query (%s J) with mean cosine %.4f >= %.4f%s",
                        c.name(), joules(c.joulesPerQuery()), c.meanCosine().getAsDouble(), minCosine, saving(c, referenceJoulesPerQuery))));
    }

    /**
     * The cheapest candidate whose kNN accuracy is at most {@code maxDropPoints} percentage points
     * below the reference's; equal energy goes to the higher accuracy.
     *
     * @param candidates the profiled candidates
     * @param referenceAccuracy fp32's kNN accuracy in [0, 1]
     * @param maxDropPoints the largest drop allowed, in percentage points, at least 0
     * @param referenceJoulesPerQuery fp32's energy per query at its settings, for the saving in {@link #why()}
     * @return the choice, or empty if none meets it
     * @throws IllegalArgumentException naming the value if the drop is negative or the accuracy outside [0, 1]
     */
    public static Optional<Recommendation> withMaxAccuracyDrop(List<Candidate> candidates, double referenceAccuracy, double maxDropPoints,
            double referenceJoulesPerQuery) {
        if (!(maxDropPoints >= 0)) {
            throw new IllegalArgumentException("maximum accuracy drop %s points is not a number at least 0".formatted(maxDropPoints));
        }
        if (!(referenceAccuracy >= 0 && referenceAccuracy <= 1)) {
            throw new IllegalArgumentException("reference accuracy %s is not between 0 and 1".formatted(referenceAccuracy));
        }
        // A tolerance far below one text in a million: 0.95 - 0.90 must count as a 5-point drop.
        double floor = referenceAccuracy - maxDropPoints / 100 - 1e-9;
        return candidates.stream().filter(c -> c.knnAccuracy().isPresent() && c.knnAccuracy().getAsDouble() >= floor)
                .min(Comparator.comparingDouble(Candidate::joulesPerQuery).thenComparing(c -> -c.knnAccuracy().getAsDouble()))
                .map(c -> new Recommendation(c, String.format(Locale.ROOT,
                        "%s: the lowest energy per query (%s J) with kNN accuracy %.2f %%, %.2f points %s fp32's %.2f %% (allowed: %s below)%s", c.name(),
                        joules(c.joulesPerQuery()), 100 * c.knnAccuracy().getAsDouble(), 100 * Math.abs(referenceAccuracy - c.knnAccuracy().getAsDouble()),
                        c.knnAccuracy().getAsDouble() > referenceAccuracy ? "above" : "below", 100 * referenceAccuracy, stripZeros(maxDropPoints), saving(c, referenceJoulesPerQuery))));
    }

    private static String saving(Candidate c, double reference) {
        return reference > 0 ? String.format(Locale.ROOT, "; %.2f× fp32's energy per query", c.joulesPerQuery() / reference) : "";
    }

    private static String joules(double j) {
        return String.format(Locale.ROOT, "%.4g", j);
    }

    private static String stripZeros(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
