package dev.greenloop.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carbon-aware serving: which variant answers a request that names only the model. While the grid is dirty (its
 * intensity above a threshold, or now in the day's worst hours), the cheapest variant by stored energy per query that
 * keeps the quality floor; otherwise the best-quality variant. A request that names {@code model:variant} is not
 * asked about.
 *
 * <p>The decision is taken at most once per {@link #RECHECK} of the clock and kept in between; each change of the
 * chosen variant is counted ({@link #switches()}). Safe for use by many threads.
 */
public final class ServingPolicy {

    /** How long one decision is kept. */
    public static final Duration RECHECK = Duration.ofMinutes(1);

    /** Which stored quality figure the floor applies to. */
    public enum Measure {
        /** Mean cosine of the variant's vectors to fp32's on the profile's texts (fp32 itself: 1). */
        COSINE("mean cosine to fp32"),
        /** Leave-one-out kNN accuracy on the profile's labelled texts. */
        KNN("kNN accuracy");

        private final String label;

        Measure(String label) {
            this.label = label;
        }

        /** @return how it reads in messages */
        public String label() {
            return label;
        }

        /**
         * @param name {@code cosine} or {@code knn}
         * @throws IllegalArgumentException naming the bad value
         */
        public static Measure parse(String name) {
            return switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "cosine" -> COSINE;
                case "knn" -> KNN;
                default -> throw new IllegalArgumentException("--quality-by '%s': give cosine (mean cosine to fp32) or knn (kNN accuracy)".formatted(name));
            };
        }
    }

    /** When the grid counts as dirty. */
    public sealed interface Dirty permits Above, WorstHours {
    }

    /**
     * Dirty while the intensity now is above a threshold.
     *
     * @param gramsPerKWh the threshold, gCO2e/kWh, finite and positive
     */
    public record Above(double gramsPerKWh) implements Dirty {

        /** @throws IllegalArgumentException naming the bad value */
        public Above {
            if (!Double.isFinite(gramsPerKWh) || gramsPerKWh <= 0) {
                throw new IllegalArgumentException("--dirty-above %s: give a positive intensity in gCO2e/kWh, such as 300".formatted(gramsPerKWh));
            }
        }
    }

    /**
     * Dirty during the day's (UTC) {@code hours} hours of highest intensity, by the forecast (a provider) or the trace.
     *
     * @param hours 1 to 23
     */
    public record WorstHours(int hours) implements Dirty {

        /** @throws IllegalArgumentException naming the bad value */
        public WorstHours {
            if (hours < 1 || hours > 23) {
                throw new IllegalArgumentException("--worst-hours %d: give 1 to 23 hours of the day".formatted(hours));
            }
        }
    }

    /** The grid's values over a range: actuals and forecasts, as {@link ZoneIntensities} gives them. */
    @FunctionalInterface
    public interface Grid {

        /** @return the points that overlap {@code [from, to)}, in any order; actuals preferred over forecasts where both cover a time */
        List<ZoneIntensities.Point> points(Instant from, Instant to);

        /**
         * A zone's trace or provider: the actuals (a trace's values, or a provider's archived ones) and the provider's
         * forecasts. A trace is historic data: its whole day is known, so worst hours by a trace use perfect foresight.
         */
        static Grid of(ZoneIntensities intensities, String zone) {
            return (from, to) -> {
                List<ZoneIntensities.Point> out = new ArrayList<>(intensities.actuals(zone, from, to));
                out.addAll(intensities.forecasts(zone, from, to));
                return out;
            };
        }
    }

    /**
     * A decision.
     *
     * @param variant the variant that answers bare-model requests
     * @param dirty whether the grid counted as dirty
     * @param gramsPerKWh the intensity now; empty if unknown
     * @param reason why, in a sentence
     * @param decidedAt when it was taken
     */
    public record Choice(String variant, boolean dirty, OptionalDouble gramsPerKWh, String reason, Instant decidedAt) {
    }

    /**
     * How many times the choice went from one variant to another.
     *
     * @param from the variant before
     * @param to the variant after
     * @param count how many times
     */
    public record Switch(String from, String to, long count) {
    }

    private final String best;
    private final String cheapest;
    private final Map<String, ServingProfile> profiles;
    private final Measure measure;
    private final double floor;
    private final Dirty dirty;
    private final Grid grid;
    private final Clock clock;
    private final Map<List<String>, AtomicLong> switches = new LinkedHashMap<>();
    private Choice current;
    private Instant until = Instant.MIN;
    private Instant worstDay;
    private List<Instant> worstHours = List.of();

    /**
     * @param model the model's name, for messages
     * @param served the served variants' names
     * @param profiles stored profiles by variant ({@link ServingProfile#newestByVariant})
     * @param measure which quality figure the floor applies to
     * @param floor the lowest quality a variant may have, such as 0.99
     * @param dirty when the grid is dirty
     * @param grid the zone's intensity
     * @param clock what now is
     * @throws IllegalArgumentException naming the variant without a stored profile or without the quality figure, or
     *     the floor no served variant keeps, with the command that fixes it
     */
    public ServingPolicy(String model, List<String> served, Map<String, ServingProfile> profiles, Measure measure, double floor, Dirty dirty,
            Grid grid, Clock clock) {
        if (served.isEmpty()) {
            throw new IllegalArgumentException("no variant to serve: give at least one");
        }
        if (!Double.isFinite(floor) || floor <= 0 || floor > 1) {
            throw new IllegalArgumentException("--quality-floor %s: give a %s between 0 and 1, such as 0.99".formatted(floor, measure.label()));
        }
        this.measure = Objects.requireNonNull(measure, "measure");
        this.floor = floor;
        this.dirty = Objects.requireNonNull(dirty, "dirty");
        this.grid = Objects.requireNonNull(grid, "grid");
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<String, ServingProfile> kept = new LinkedHashMap<>();
        for (String v : served) {
            ServingProfile p = profiles.get(v);
            if (p == null) {
                throw new IllegalArgumentException(("--carbon-aware: the variant %s of %s has no stored profile, so its energy and quality are unknown;"
                        + " store one with 'greenloop lab profile --model %s --variants %s --input TEXTS%s'").formatted(v, model, model,
                        String.join(",", served), measure == Measure.KNN ? " --labels LABELS" : ""));
            }
            if (quality(p).isEmpty()) {
                throw new IllegalArgumentException(("--quality-by %s: the stored profile of %s (result %d) has no %s; profile it again with"
                        + " 'greenloop lab profile --model %s --variants %s --input TEXTS%s', or use --quality-by %s").formatted(
                        measure.name().toLowerCase(Locale.ROOT), v, p.resultId(), measure.label(), model, String.join(",", served),
                        measure == Measure.KNN ? " --labels LABELS" : "", measure == Measure.KNN ? "cosine" : "knn"));
            }
            kept.put(v, p);
        }
        this.profiles = Map.copyOf(kept);
        Comparator<String> byQuality = Comparator.comparingDouble(v -> quality(kept.get(v)).orElseThrow());
        this.best = served.stream().max(byQuality.thenComparing(Comparator.comparingDouble((String v) -> kept.get(v).joulesPerQuery()).reversed()))
                .orElseThrow();
        this.cheapest = served.stream().filter(v -> quality(kept.get(v)).orElseThrow() >= floor)
                .min(Comparator.comparingDouble((String v) -> kept.get(v).joulesPerQuery()).thenComparing(byQuality.reversed()))
                .orElseThrow(() -> new IllegalArgumentException(("--quality-floor %s: no served variant keeps it; the best, %s, has %s %.5f. Give a"
                        + " floor at or below that, or serve and profile a better variant ('greenloop lab profile --model %s --variants fp32 ...')")
                        .formatted(floor, best, measure.label(), quality(kept.get(best)).orElseThrow(), model)));
    }

    private OptionalDouble quality(ServingProfile p) {
        return switch (measure) {
            case COSINE -> p.meanCosine().isPresent() ? p.meanCosine() : p.variant().equals("fp32") ? OptionalDouble.of(1) : OptionalDouble.empty();
            case KNN -> p.knnAccuracy();
        };
    }

    /** @return the best-quality variant, which answers while the grid is clean */
    public String best() {
        return best;
    }

    /** @return the cheapest variant that keeps the floor, which answers while the grid is dirty */
    public String cheapest() {
        return cheapest;
    }

    /** @return a warning when the rule can never change the variant (the best variant is also the cheapest that keeps the floor); else empty */
    public Optional<String> inert() {
        return best.equals(cheapest) ? Optional.of(("no variant cheaper than %s keeps %s >= %s: carbon-aware serving will always answer with %s;"
                + " lower the floor or serve a cheaper variant").formatted(best, measure.label(), number(floor), best)) : Optional.empty();
    }

    /** @return the rule, for {@code /v1/policy} */
    public String describe() {
        String rule = switch (dirty) {
            case Above a -> "dirty above %s gCO2e/kWh".formatted(number(a.gramsPerKWh()));
            case WorstHours w -> "dirty in the day's %d worst hours (UTC day, by the forecast or the trace)".formatted(w.hours());
        };
        return "%s; quality floor %s %s; dirty: %s, clean: %s".formatted(rule, measure.label(), number(floor), cheapest, best);
    }

    /** @return the stored profile of a served variant */
    public ServingProfile profile(String variant) {
        return profiles.get(variant);
    }

    /**
     * The variant for a request that names only the model, deciding again if the last decision is older than
     * {@link #RECHECK}. A grid that cannot be read counts as clean (the best variant answers) and the reason says so.
     */
    public synchronized Choice choose() {
        Instant now = clock.instant();
        if (current != null && now.isBefore(until)) {
            return current;
        }
        until = now.plus(RECHECK);
        Choice next = decide(now);
        if (current != null && !current.variant().equals(next.variant())) {
            switches.computeIfAbsent(List.of(current.variant(), next.variant()), k -> new AtomicLong()).incrementAndGet();
        }
        current = next;
        return next;
    }

    /** @return the last decision, without deciding again; empty before the first */
    public synchronized Optional<Choice> current() {
        return Optional.ofNullable(current);
    }

    /** @return each from → to pair that happened, with its count, in order of first occurrence */
    public synchronized List<Switch> switches() {
        return switches.entrySet().stream().map(e -> new Switch(e.getKey().get(0), e.getKey().get(1), e.getValue().get())).toList();
    }

    /** @return all switches together */
    public synchronized long switchCount() {
        return switches.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private Choice decide(Instant now) {
        OptionalDouble intensity;
        try {
            intensity = valueAt(grid.points(now, now.plusSeconds(1)), now);
        } catch (RuntimeException e) {
            return new Choice(best, false, OptionalDouble.empty(), "the grid's intensity cannot be read (%s): best quality, %s".formatted(e.getMessage(), best),
                    now);
        }
        if (intensity.isEmpty()) {
            return new Choice(best, false, intensity, "no intensity holds now: best quality, " + best, now);
        }
        String at = "%s gCO2e/kWh".formatted(number(intensity.getAsDouble()));
        boolean isDirty;
        String why;
        switch (dirty) {
            case Above a -> {
                isDirty = intensity.getAsDouble() > a.gramsPerKWh();
                why = "%s %s %s".formatted(at, isDirty ? "is above" : "is not above", number(a.gramsPerKWh()));
            }
            case WorstHours w -> {
                List<Instant> worst = worstHours(now, w.hours());
                isDirty = worst.contains(now.truncatedTo(ChronoUnit.HOURS));
                why = "%s; this hour is %sone of the day's %d worst".formatted(at, isDirty ? "" : "not ", w.hours());
            }
        }
        if (isDirty) {
            return new Choice(cheapest, true, intensity, "grid dirty (%s): cheapest variant keeping %s >= %s, %s (%s J/query vs %s's %s)".formatted(why,
                    measure.label(), number(floor), cheapest, number(profiles.get(cheapest).joulesPerQuery()), best,
                    number(profiles.get(best).joulesPerQuery())), now);
        }
        return new Choice(best, false, intensity, "grid clean (%s): best quality, %s".formatted(why, best), now);
    }

    /** The starts of the day's worst hours by mean intensity, recomputed once per UTC day. */
    private List<Instant> worstHours(Instant now, int hours) {
        Instant day = now.truncatedTo(ChronoUnit.DAYS);
        if (!day.equals(worstDay)) {
            List<ZoneIntensities.Point> points = grid.points(day, day.plus(Duration.ofDays(1)));
            Map<Instant, Double> means = new LinkedHashMap<>();
            for (int h = 0; h < 24; h++) {
                Instant start = day.plus(Duration.ofHours(h));
                OptionalDouble mean = mean(points, start, start.plus(Duration.ofHours(1)));
                if (mean.isPresent()) {
                    means.put(start, mean.getAsDouble());
                }
            }
            worstHours = means.entrySet().stream().sorted(Map.Entry.<Instant, Double>comparingByValue().reversed()).limit(hours)
                    .map(Map.Entry::getKey).toList();
            worstDay = day;
        }
        return worstHours;
    }

    /** The value that holds at a time: an actual if one does, else the newest-issued forecast. */
    static OptionalDouble valueAt(List<ZoneIntensities.Point> points, Instant t) {
        return points.stream().filter(p -> !p.start().isAfter(t) && p.end().isAfter(t))
                .min(Comparator.comparing((ZoneIntensities.Point p) -> p.kind().equals(ZoneIntensities.ACTUAL) ? 0 : 1)
                        .thenComparing(p -> p.issuedAt() == null ? Instant.MAX : p.issuedAt(), Comparator.reverseOrder()))
                .map(p -> OptionalDouble.of(p.gramsPerKWh())).orElse(OptionalDouble.empty());
    }

    /** The mean over {@code [from, to)}, sampled every 5 minutes, of the values that hold, actuals first; empty if none holds. */
    private static OptionalDouble mean(List<ZoneIntensities.Point> points, Instant from, Instant to) {
        double sum = 0;
        int samples = 0;
        for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(5))) {
            OptionalDouble v = valueAt(points, t);
            if (v.isPresent()) {
                sum += v.getAsDouble();
                samples++;
            }
        }
        return samples == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / samples);
    }

    private static String number(double d) {
        return java.math.BigDecimal.valueOf(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
