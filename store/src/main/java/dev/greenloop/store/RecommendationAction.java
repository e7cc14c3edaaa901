package dev.greenloop.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One step taken on a recommendation — accept, dismiss, apply, verify, rollback — dry runs included. Immutable.
 *
 * @param recommendationId the recommendation
 * @param at when
 * @param who the user or token that acted
 * @param action {@code accept}, {@code dismiss}, {@code apply}, {@code verify}, {@code rollback}
 * @param dryRun whether nothing was changed
 * @param detail what changed or would change, such as {@code /sys/.../constraint_0_power_limit_uw: 95 W -> 76 W}
 * @param result {@code ok}, {@code failed: why}, or what a verification found
 */
public record RecommendationAction(String recommendationId, Instant at, String who, String action, boolean dryRun, String detail,
        String result) {

    /** @throws NullPointerException if any part is null */
    public RecommendationAction {
        Objects.requireNonNull(recommendationId, "recommendationId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(result, "result");
    }
}
