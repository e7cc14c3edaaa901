package dev.greenloop.app;

import dev.greenloop.store.JobPlan;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a scheduled job saved by waiting: against running it at once, at submission, in its first allowed zone (the
 * baseline the live planner plans against, {@code LivePlan.baselineGrams}).
 *
 * <ul>
 *   <li><b>planned</b>: the plan's baseline minus its planned grams, both on the forecast the planner had;</li>
 *   <li><b>actual</b>: the measured run's energy × its node's PUE × (the actual mean intensity over the baseline's
 *       hours − the actual mean intensity over the hours it ran), both means from the server's trace files and
 *       archive. Empty, with the reason, where the run has not ended or the intensity of either span is not known.</li>
 * </ul>
 */
public final class JobSavings {

    private JobSavings() {
    }

    /**
     * A job's schedule and saving.
     *
     * @param plannedStart the plan's first segment's start, if planned
     * @param actualStart when the measured run started, if it ran
     * @param plannedSavedGrams baseline minus planned grams on the forecast, gCO2eq, if planned with an estimate
     * @param savedGrams the saving on the actual intensity, gCO2eq, if it can be computed
     * @param baselineGramsPerKWh the actual mean intensity over the baseline's span, gCO2eq/kWh, if known
     * @param why how {@code savedGrams} was computed, or why it is empty
     */
    public record Saving(Optional<Instant> plannedStart, Optional<Instant> actualStart, OptionalDouble plannedSavedGrams, OptionalDouble savedGrams,
            OptionalDouble baselineGramsPerKWh, String why) {
    }

    /**
     * @param job the job as stored
     * @param run the run that measured it, or null
     * @param grid the server's actual intensities, or null where it serves none
     * @return its saving; never throws for missing data, says why instead
     */
    public static Saving of(StoredJob job, StoredRun run, CarbonAwareQueries grid) {
        JobPlan plan = job.progress().plan();
        Optional<Instant> planned = plan == null ? Optional.empty() : Optional.of(plan.segments().getFirst().start());
        OptionalDouble plannedSaved = plan != null && Double.isFinite(plan.baselineGrams()) && Double.isFinite(plan.plannedGrams())
                ? OptionalDouble.of(plan.baselineGrams() - plan.plannedGrams()) : OptionalDouble.empty();
        if (run == null) {
            return new Saving(planned, Optional.empty(), plannedSaved, OptionalDouble.empty(), OptionalDouble.empty(), "not run yet");
        }
        Optional<Instant> actual = Optional.of(run.start().startedAt());
        if (run.outcome().isEmpty()) {
            return new Saving(planned, actual, plannedSaved, OptionalDouble.empty(), OptionalDouble.empty(), "still running");
        }
        if (grid == null) {
            return new Saving(planned, actual, plannedSaved, OptionalDouble.empty(), OptionalDouble.empty(),
                    "the server has no intensity source; start it with --trace ZONE=FILE or --provider P --zone Z");
        }
        RunOutcome o = run.outcome().get();
        Duration ran = Duration.between(run.start().startedAt(), o.endedAt());
        if (ran.isZero() || ran.isNegative()) {
            return new Saving(planned, actual, plannedSaved, OptionalDouble.empty(), OptionalDouble.empty(), "the run took no time");
        }
        String runZone = plan != null ? plan.zone() : run.start().node().zone();
        String baselineZone = job.spec().zones().isEmpty() ? runZone : job.spec().zones().getFirst();
        Instant submitted = job.spec().submittedAt();
        OptionalDouble atRun = mean(grid, runZone, run.start().startedAt(), o.endedAt());
        OptionalDouble atSubmit = mean(grid, baselineZone, submitted, submitted.plus(ran));
        if (atRun.isEmpty() || atSubmit.isEmpty()) {
            String zone = atRun.isEmpty() ? runZone : baselineZone;
            return new Saving(planned, actual, plannedSaved, OptionalDouble.empty(), atSubmit,
                    "no actual intensity of %s for that span; the server's traces and archive do not cover it".formatted(zone));
        }
        double kWh = o.total().joules() / 3.6e6;
        double pue = run.start().node().pue();
        double saved = kWh * pue * (atSubmit.getAsDouble() - atRun.getAsDouble());
        return new Saving(planned, actual, plannedSaved, OptionalDouble.of(saved), atSubmit,
                "%.4g kWh x PUE %s x (%.1f g/kWh in %s at submission - %.1f g/kWh in %s as run), actual intensities"
                        .formatted(kWh, pue, atSubmit.getAsDouble(), baselineZone, atRun.getAsDouble(), runZone));
    }

    private static OptionalDouble mean(CarbonAwareQueries grid, String zone, Instant start, Instant end) {
        try {
            return grid.average(zone, start, end);
        } catch (RuntimeException e) {
            // An unknown zone or a failing provider: the saving is not known, and the caller says so.
            return OptionalDouble.empty();
        }
    }
}
