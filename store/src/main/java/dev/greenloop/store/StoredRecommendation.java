package dev.greenloop.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A recommendation as the store holds it: what the application layer generated, and what happened to it since.
 * Immutable; the values' meaning is the application layer's (this is a row).
 *
 * @param id stable for its kind and target, such as {@code cap-power:cpu-package-0}
 * @param kind such as {@code cap-power}
 * @param target what it changes, such as {@code cpu-package-0}
 * @param createdAt first generated
 * @param updatedAt last generated or acted on
 * @param kwh the estimated saving in kWh: min, mid, max
 * @param grams the estimated saving in grams of CO2eq: min, mid, max
 * @param basis what the estimate is over, such as {@code per week at the last 7 days' load}
 * @param evidence the data it rests on, for people
 * @param howTo how it is applied, for people
 * @param changeSpec the machine-readable change
 * @param status {@code open}, {@code accepted}, {@code dismissed}, {@code applied}, {@code verified} or {@code rolled_back}
 * @param appliedAt when it was applied, if it was
 * @param previous what applying replaced (to roll back), if it was applied
 * @param verifiedKwh the realised saving, once verified
 * @param verifiedGrams likewise in grams of CO2eq
 * @param verification how the realised saving was measured, or why it was rolled back; empty before
 */
public record StoredRecommendation(String id, String kind, String target, Instant createdAt, Instant updatedAt, double[] kwh,
        double[] grams, String basis, String evidence, String howTo, String changeSpec, String status, Optional<Instant> appliedAt,
        Optional<String> previous, OptionalDouble verifiedKwh, OptionalDouble verifiedGrams, Optional<String> verification) {

    /** @throws IllegalArgumentException if a range does not have three values */
    public StoredRecommendation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        if (kwh.length != 3 || grams.length != 3) {
            throw new IllegalArgumentException("recommendation %s: a range is min, mid, max; got %d and %d values".formatted(id, kwh.length,
                    grams.length));
        }
        kwh = kwh.clone();
        grams = grams.clone();
    }

    @Override
    public double[] kwh() {
        return kwh.clone();
    }

    @Override
    public double[] grams() {
        return grams.clone();
    }

    /** @return this row with another status, applied time, previous value and verification */
    public StoredRecommendation withOutcome(String newStatus, Instant at, Optional<Instant> newAppliedAt, Optional<String> newPrevious,
            OptionalDouble newVerifiedKwh, OptionalDouble newVerifiedGrams, Optional<String> newVerification) {
        return new StoredRecommendation(id, kind, target, createdAt, at, kwh, grams, basis, evidence, howTo, changeSpec, newStatus, newAppliedAt,
                newPrevious, newVerifiedKwh, newVerifiedGrams, newVerification);
    }
}
