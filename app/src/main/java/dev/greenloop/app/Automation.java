package dev.greenloop.app;

import dev.greenloop.app.Recommendation.Change;
import dev.greenloop.app.Recommendation.Kind;
import dev.greenloop.app.Recommendation.Status;
import dev.greenloop.meter.LimitChange;
import dev.greenloop.meter.spi.PowerLimit;
import dev.greenloop.meter.spi.PowerLimitException;
import dev.greenloop.store.AutomationRule;
import dev.greenloop.store.RecommendationAction;
import dev.greenloop.store.RecommendationStore;
import dev.greenloop.store.StoredRecommendation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Acts on recommendations: accept (a dry run by default: what would change, nothing changed), apply (set the power
 * limit through {@link PowerLimitService}, move the job through {@link Scheduling}, set the served variant), dismiss,
 * and verify: once the rule's window has passed since applying, energy per unit of throughput in the window before is
 * compared with the window after, the realised saving is stored next to the estimate, and the change is rolled back
 * when throughput (or quality) fell more than the rule's bound. Automation rules are opt-in per kind and dry-run until
 * told to act. Every step is recorded with the recommendation and as a line of {@code $GREENLOOP_HOME/audit.log} (who,
 * what, when, result); limit changes are also audited by {@link PowerLimitService} itself, so {@code greenloop limits
 * restore} sees them. Not thread-safe: callers take turns.
 */
public final class Automation {

    /** The rule a kind gets when automated without bounds: 10 % throughput fall tolerated, 60 min windows. */
    public static final double DEFAULT_BOUND_PERCENT = 10;
    /** The default length of the before and after windows. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(60);
    /** Who automation acts as in the records. */
    public static final String AUTOMATION_USER = "automation";

    /**
     * What one window measured, for verification.
     *
     * @param joules energy of the target in the window
     * @param units throughput in the window, in the signal's units (queries, samples, jobs...)
     * @param quality the quality signal's mean in the window, where there is one
     */
    public record Window(double joules, double units, OptionalDouble quality) {
    }

    /** Measures a window for verification: the fleet's samples and the rule's throughput signal, or a test double. */
    @FunctionalInterface
    public interface WindowMeter {
        /**
         * @param signal the rule's throughput signal
         * @throws IllegalStateException naming what is missing when the window cannot be measured
         */
        Window measure(Recommendation recommendation, String signal, Instant from, Instant to);
    }

    /**
     * What one action did, or would do.
     *
     * @param id the recommendation
     * @param action {@code accept}, {@code apply}, {@code dismiss}, {@code verify}, {@code rollback}
     * @param dryRun whether nothing was changed
     * @param changes each change made or that would be made: {@code target: old -> new}
     * @param status the recommendation's status after
     * @param result {@code ok}, {@code pending: ...}, or what verification found
     */
    public record Outcome(String id, String action, boolean dryRun, List<String> changes, Status status, String result) {
        /** @throws NullPointerException if a part is null */
        public Outcome {
            Objects.requireNonNull(id, "id");
            changes = List.copyOf(changes);
        }
    }

    private final RecommendationStore store;
    private final Supplier<PowerLimitService> limits;
    private final Supplier<Scheduling> jobs;
    private final WindowMeter meter;
    private final AuditLog audit;
    private final Clock clock;

    /**
     * @param limits opened on first use of a power cap, not closed here
     * @param jobs opened on first use of a job move, not closed here
     * @param auditFile the audit log, as {@link PowerLimitService#auditFile()}
     */
    Automation(RecommendationStore store, Supplier<PowerLimitService> limits, Supplier<Scheduling> jobs, WindowMeter meter, Path auditFile,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.limits = limits;
        this.jobs = jobs;
        this.meter = meter;
        this.audit = new AuditLog(auditFile);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Accepts a recommendation. A dry run (the default for every front end) works out each change — file or NVML
     * device and old → new value, job and old → new start, model and old → new variant — and changes nothing; it is
     * recorded all the same. Otherwise the change is applied; a change people make ({@link Change.Manual}) is only
     * marked accepted.
     *
     * @param who who acts, for the records
     * @throws UnknownRecommendationException if there is no such recommendation
     * @throws IllegalStateException naming why when it cannot be applied (already applied, dismissed, a limit or
     *     job refused); the failure is recorded
     */
    public Outcome accept(String id, String who, boolean dryRun) {
        Recommendation r = Recommendations.fromStored(find(id));
        if (r.status() != Status.OPEN && r.status() != Status.ACCEPTED && r.status() != Status.ROLLED_BACK) {
            throw new IllegalStateException("recommendation %s is %s; only an open, accepted or rolled back one can be applied".formatted(id,
                    r.status().label()));
        }
        if (dryRun) {
            List<String> changes = plan(r);
            record(r.id(), who, "accept", true, String.join("; ", changes), "ok");
            return new Outcome(r.id(), "accept", true, changes, r.status(), "dry run: nothing changed");
        }
        if (r.change() instanceof Change.Manual) {
            update(r, Status.ACCEPTED, Optional.empty(), Optional.empty(), Optional.empty());
            record(r.id(), who, "accept", false, r.howTo(), "ok: to be applied by hand");
            return new Outcome(r.id(), "accept", false, List.of(r.howTo()), Status.ACCEPTED, "accepted; apply it by hand");
        }
        String change;
        String previous;
        try {
            String[] done = apply(r, who);
            change = done[0];
            previous = done[1];
        } catch (RuntimeException e) {
            record(r.id(), who, "apply", false, r.change().spec(), "failed: " + e.getMessage());
            throw new IllegalStateException("cannot apply %s: %s".formatted(r.id(), e.getMessage()), e);
        }
        Instant now = clock.instant();
        update(r, Status.APPLIED, Optional.of(now), Optional.of(previous), Optional.empty());
        record(r.id(), who, "apply", false, change, "ok");
        return new Outcome(r.id(), "apply", false, List.of(change), Status.APPLIED, "ok");
    }

    /** Dismisses a recommendation; it stays listed as dismissed. */
    public Outcome dismiss(String id, String who) {
        Recommendation r = Recommendations.fromStored(find(id));
        if (r.status() == Status.APPLIED) {
            throw new IllegalStateException(("recommendation %s is applied; it is verified (and rolled back if it hurts) before it can be"
                    + " dismissed").formatted(id));
        }
        update(r, Status.DISMISSED, r.appliedAt(), Optional.empty(), r.verified());
        record(id, who, "dismiss", false, "", "ok");
        return new Outcome(id, "dismiss", false, List.of(), Status.DISMISSED, "ok");
    }

    /**
     * Turns automation of one kind on or off.
     *
     * @param acts whether it changes anything; false keeps it a dry run that records what it would change
     * @param boundPercent the largest fall of throughput or quality tolerated before rollback, in (0, 100)
     * @param signal the throughput signal verification reads (see docs/recommendations.md); needed to turn it on
     * @param window the before and after windows' length, at least a minute
     * @throws IllegalArgumentException naming the bad value and the fix
     */
    public AutomationRule automate(Kind kind, boolean on, boolean acts, double boundPercent, String signal, Duration window, String who) {
        if (!(boundPercent > 0 && boundPercent < 100)) {
            throw new IllegalArgumentException("--bound %s: give the largest fall tolerated in percent, above 0 and below 100, such as 10"
                    .formatted(boundPercent));
        }
        if (window.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("--window %s: give at least a minute, such as 60m".formatted(window));
        }
        if (on && (signal == null || signal.isBlank())) {
            throw new IllegalArgumentException("--signal is missing: automation verifies energy per unit of throughput; name the throughput"
                    + " signal, such as file:/var/lib/app/served.log (lines 'time count')");
        }
        if (on && (kind == Kind.IDLE_NODE || kind == Kind.MOVE_ZONE)) {
            throw new IllegalArgumentException("%s recommendations are applied by hand; automation covers cap-power, switch-variant and shift-job"
                    .formatted(kind.label()));
        }
        AutomationRule rule = new AutomationRule(kind.label(), on, acts, boundPercent, signal == null ? "" : signal, (int) window.toMinutes(),
                clock.instant(), who);
        store.saveRule(rule);
        auditLine(Map.of("action", "recommendation-automate", "user", who, "kind", kind.label(), "detail", "%s, %s, bound %s%%, signal %s, window %d min"
                .formatted(on ? "on" : "off", acts ? "acting" : "dry run", boundPercent, rule.signal(), rule.windowMinutes()), "result", "ok"));
        return rule;
    }

    /** @return the automation rules */
    public List<AutomationRule> rules() {
        return store.rules();
    }

    /**
     * One round of automation, as the server runs it each minute: each enabled rule applies (or, dry-run, records what
     * it would change for) the open recommendations of its kind it has not handled yet, then every applied
     * recommendation whose windows have passed is verified.
     *
     * @return what was done
     */
    public List<Outcome> tick() {
        List<Outcome> done = new ArrayList<>();
        Map<String, AutomationRule> rules = new LinkedHashMap<>();
        store.rules().stream().filter(AutomationRule::enabled).forEach(r -> rules.put(r.kind(), r));
        for (StoredRecommendation s : store.list()) {
            AutomationRule rule = rules.get(s.kind());
            if (rule == null || !"open".equals(s.status())) {
                continue;
            }
            boolean handled = store.actions(s.id()).stream().anyMatch(a -> a.who().equals(AUTOMATION_USER));
            if (handled) {
                continue;
            }
            try {
                done.add(accept(s.id(), AUTOMATION_USER, !rule.acts()));
            } catch (IllegalStateException e) {
                done.add(new Outcome(s.id(), "apply", !rule.acts(), List.of(), Status.parse(s.status()), "failed: " + e.getMessage()));
            }
        }
        done.addAll(verifyDue());
        return done;
    }

    /**
     * Verifies every applied recommendation whose after-window has passed: compares energy per unit of throughput
     * before and after, stores the realised saving, and rolls back when throughput or quality fell beyond the bound.
     * A recommendation applied by hand (no rule) is verified with the default bound and window, if a rule of its kind
     * names a signal; otherwise it waits.
     */
    public List<Outcome> verifyDue() {
        List<Outcome> done = new ArrayList<>();
        Map<String, AutomationRule> rules = new LinkedHashMap<>();
        store.rules().forEach(r -> rules.put(r.kind(), r));
        Instant now = clock.instant();
        for (StoredRecommendation s : store.list()) {
            AutomationRule rule = rules.get(s.kind());
            if (!"applied".equals(s.status()) || s.appliedAt().isEmpty() || rule == null || rule.signal().isBlank()) {
                continue;
            }
            Duration window = Duration.ofMinutes(rule.windowMinutes());
            if (now.isBefore(s.appliedAt().get().plus(window))) {
                continue;
            }
            done.add(verify(Recommendations.fromStored(s), rule, window));
        }
        return done;
    }

    private Outcome verify(Recommendation r, AutomationRule rule, Duration window) {
        Instant applied = r.appliedAt().orElseThrow();
        Window before;
        Window after;
        try {
            before = meter.measure(r, rule.signal(), applied.minus(window), applied);
            after = meter.measure(r, rule.signal(), applied, applied.plus(window));
        } catch (RuntimeException e) {
            record(r.id(), AUTOMATION_USER, "verify", false, "", "failed: " + e.getMessage());
            return new Outcome(r.id(), "verify", false, List.of(), r.status(), "failed: " + e.getMessage());
        }
        if (before.units() <= 0 || after.units() < 0) {
            String why = "no throughput in the window before (%s units); cannot compare energy per unit".formatted(before.units());
            record(r.id(), AUTOMATION_USER, "verify", false, "", "failed: " + why);
            return new Outcome(r.id(), "verify", false, List.of(), r.status(), "failed: " + why);
        }
        double fall = (1 - after.units() / before.units()) * 100;
        double qualityFall = before.quality().isPresent() && after.quality().isPresent() && before.quality().getAsDouble() > 0
                ? (1 - after.quality().getAsDouble() / before.quality().getAsDouble()) * 100 : 0;
        double perUnitBefore = before.joules() / before.units();
        double perUnitAfter = after.units() > 0 ? after.joules() / after.units() : Double.POSITIVE_INFINITY;
        String how = ("%s windows before and after %s: %.4g J per unit before (%.4g J, %.4g units), %.4g J per unit after (%.4g J, %.4g"
                + " units); throughput %s %.1f%%%s").formatted(window, applied, perUnitBefore, before.joules(), before.units(), perUnitAfter,
                after.joules(), after.units(), fall >= 0 ? "fell" : "rose", Math.abs(fall),
                before.quality().isPresent() ? ", quality fell %.1f%%".formatted(qualityFall) : "");
        double intensity = r.estimate().kwh().mid() > 0 ? r.estimate().grams().mid() / r.estimate().kwh().mid() : 0;
        if (fall > rule.boundPercent() || qualityFall > rule.boundPercent()) {
            String undone;
            try {
                undone = rollback(r);
            } catch (RuntimeException e) {
                record(r.id(), AUTOMATION_USER, "rollback", false, how, "failed: " + e.getMessage());
                return new Outcome(r.id(), "rollback", false, List.of(), r.status(), "rollback failed: " + e.getMessage());
            }
            String why = how + "; beyond the %s%% bound: rolled back".formatted(rule.boundPercent());
            update(r, Status.ROLLED_BACK, r.appliedAt(), Optional.empty(), Optional.of(new Recommendation.Verification(0, 0, why)));
            record(r.id(), AUTOMATION_USER, "rollback", false, undone, why);
            return new Outcome(r.id(), "rollback", false, List.of(undone), Status.ROLLED_BACK, why);
        }
        double kwh = (perUnitBefore - perUnitAfter) * after.units() / Recommender.JOULES_PER_KWH;
        // A shift saves carbon, not energy: its grams would need the actual intensity of both windows, which is not measured here.
        boolean shift = r.change() instanceof Change.Reschedule;
        double grams = shift ? 0 : kwh * intensity;
        String result = how + "; realised %.4g kWh (%.4g gCO2eq%s) over the after-window, estimate %.4g kWh (%s)".formatted(kwh, grams,
                shift ? ", not measured for a shift" : "", r.estimate().kwh().mid(), r.estimate().basis());
        update(r, Status.VERIFIED, r.appliedAt(), Optional.empty(), Optional.of(new Recommendation.Verification(kwh, grams, result)));
        record(r.id(), AUTOMATION_USER, "verify", false, "", result);
        return new Outcome(r.id(), "verify", false, List.of(), Status.VERIFIED, result);
    }

    /** @return each change {@link #apply} would make, without making it */
    private List<String> plan(Recommendation r) {
        return switch (r.change()) {
            case Change.PowerCap c -> {
                try {
                    PowerLimitService.Plan p = limits.get().plan(c.component(), Optional.of(c.constraint()), c.watts());
                    yield List.of("%s %s (%s): %s -> %s".formatted(c.component(), c.constraint(), p.limit().target(),
                            PowerLimit.watts(p.limit().currentMicrowatts()), PowerLimit.watts(p.afterMicrowatts())));
                } catch (PowerLimitException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
            case Change.VariantSwitch v -> List.of("served variant of %s: %s -> %s".formatted(v.model(),
                    store.servedVariants().getOrDefault(v.model(), v.from() + " (default)"), v.to()));
            case Change.Reschedule j -> List.of("job %s start: %s -> %s".formatted(j.job(), j.from(), j.to()));
            case Change.Manual m -> List.of("by hand: " + r.howTo());
        };
    }

    /** @return the change made, and the previous value to roll back to */
    private String[] apply(Recommendation r, String who) {
        return switch (r.change()) {
            case Change.PowerCap c -> {
                try {
                    LimitChange done = limits.get().set(c.component(), Optional.of(c.constraint()), c.watts());
                    yield new String[] {"%s %s (%s): %s -> %s".formatted(c.component(), c.constraint(), done.target(),
                            PowerLimit.watts(done.beforeMicrowatts()), PowerLimit.watts(done.afterMicrowatts())),
                            Long.toString(done.beforeMicrowatts())};
                } catch (PowerLimitException | AuditException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
            case Change.VariantSwitch v -> {
                String before = store.servedVariants().getOrDefault(v.model(), "");
                store.setServedVariant(v.model(), v.to(), clock.instant(), who);
                yield new String[] {"served variant of %s: %s -> %s".formatted(v.model(), before.isEmpty() ? v.from() + " (default)" : before, v.to()),
                        before};
            }
            case Change.Reschedule j -> {
                jobs.get().reschedule(j.job(), j.from(), j.to(), clock.instant());
                yield new String[] {"job %s start: %s -> %s".formatted(j.job(), j.from(), j.to()), j.from().toString()};
            }
            case Change.Manual m -> throw new IllegalStateException("a manual change is applied by hand");
        };
    }

    /** Undoes an applied change: the previous limit (as {@code greenloop limits restore}), variant or start. */
    private String rollback(Recommendation r) {
        return switch (r.change()) {
            case Change.PowerCap c -> {
                try {
                    LimitChange done = limits.get().restore(c.component());
                    yield "%s %s (%s): %s -> %s".formatted(c.component(), done.constraint(), done.target(), PowerLimit.watts(done.beforeMicrowatts()),
                            PowerLimit.watts(done.afterMicrowatts()));
                } catch (PowerLimitException | AuditException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
            case Change.VariantSwitch v -> {
                String previous = store.find(r.id()).flatMap(StoredRecommendation::previous).orElse("");
                if (previous.isEmpty()) {
                    store.clearServedVariant(v.model());
                } else {
                    store.setServedVariant(v.model(), previous, clock.instant(), AUTOMATION_USER);
                }
                yield "served variant of %s: %s -> %s".formatted(v.model(), v.to(), previous.isEmpty() ? v.from() + " (default)" : previous);
            }
            case Change.Reschedule j -> {
                jobs.get().reschedule(j.job(), j.to(), j.from(), clock.instant());
                yield "job %s start: %s -> %s".formatted(j.job(), j.to(), j.from());
            }
            case Change.Manual m -> "nothing to roll back";
        };
    }

    private StoredRecommendation find(String id) {
        return store.find(id).orElseThrow(() -> new UnknownRecommendationException(id));
    }

    private void update(Recommendation r, Status status, Optional<Instant> appliedAt, Optional<String> previous,
            Optional<Recommendation.Verification> verified) {
        StoredRecommendation s = find(r.id());
        Optional<String> keep = previous.isPresent() ? previous : status == Status.APPLIED ? Optional.empty() : s.previous();
        store.update(s.withOutcome(status.label(), clock.instant(), appliedAt, keep,
                verified.map(v -> OptionalDouble.of(v.kwh())).orElse(OptionalDouble.empty()),
                verified.map(v -> OptionalDouble.of(v.grams())).orElse(OptionalDouble.empty()), verified.map(Recommendation.Verification::how)));
    }

    /** Records an action with the recommendation and in the audit log (who, what, when, result). */
    private void record(String id, String who, String action, boolean dryRun, String detail, String result) {
        Instant at = clock.instant();
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", at.toString());
        line.put("user", who);
        line.put("action", "recommendation-" + action);
        line.put("recommendation", id);
        line.put("dryRun", dryRun);
        line.put("detail", detail);
        line.put("result", result);
        auditLine(line);
        store.record(new RecommendationAction(id, at, who, action, dryRun, detail, result));
    }

    private void auditLine(Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", clock.instant().toString());
        line.putAll(fields);
        try {
            audit.append(line);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the audit log %s: %s".formatted(audit.file(), e.getMessage()), e);
        }
    }
}
