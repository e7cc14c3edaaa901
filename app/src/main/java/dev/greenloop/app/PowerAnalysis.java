package dev.greenloop.app;

import dev.greenloop.core.Scope;
import dev.greenloop.store.ComponentTotal;
import dev.greenloop.store.FleetNode;
import dev.greenloop.store.PowerSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A node's power analysed against its work: an hour-of-week baseline and how a period compares to it, idle against
 * active energy, energy per unit of work, and a daily summary. docs/analysis.md says what each figure means.
 *
 * <p>It reads the store's per-minute rollup ({@link dev.greenloop.store.FleetStore#power} at a step of a minute), never
 * the raw samples of whole minutes: a 4-week baseline is 40,320 minutes per component whatever the sampling rate.
 * Times are UTC: the hour-of-week slots and the days are UTC ones (a grid zone does not say a node's time zone). Work is
 * what {@link WorkSpan}s say: the caller reads runs and jobs and passes them in. Safe for use by many threads at once.
 */
public final class PowerAnalysis {

    /** How many weeks before the period the baseline covers. */
    public static final int BASELINE_WEEKS = 4;
    /** The longest period {@link #analyse} takes. */
    public static final Duration MAX_PERIOD = Duration.ofDays(31);
    /** The longest period {@link #daily} takes. */
    public static final Duration MAX_DAILY_PERIOD = Duration.ofDays(92);

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Fleet fleet;

    /** @param fleet where the node's power and carbon come from */
    public PowerAnalysis(Fleet fleet) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
    }

    /** @return the start of the UTC day of {@code t}: the default {@code from} of both analyses */
    public static Instant startOfDay(Instant t) {
        return t.truncatedTo(ChronoUnit.DAYS);
    }

    /** @return the start of the UTC week (Monday 00:00) of {@code t}, from which the dashboard compares "this week" */
    public static Instant startOfWeek(Instant t) {
        LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
        return d.minusDays(d.getDayOfWeek().getValue() - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * Analyses {@code [from, to)} of a node ({@code from} rounded down to a whole minute): the baseline of the
     * {@value #BASELINE_WEEKS} weeks before {@code from} for the node's total and each component, with the period's hourly
     * means beside it; the idle/active split of the period for the total and each component; energy per unit of work
     * of the spans that started in the period.
     *
     * @param spans the node's work, as {@link WorkSpan#on} lists it; spans outside the period are ignored
     * @return the analysis, empty if the node is unknown
     * @throws FleetInputException if {@code from} is not before {@code to} or the period is longer than {@link #MAX_PERIOD}
     */
    public Optional<Analysis> analyse(String node, Instant from, Instant to, List<WorkSpan> spans) {
        Instant a = from == null ? null : from.truncatedTo(ChronoUnit.MINUTES);
        FleetInput.period(a, to, MAX_PERIOD);
        Optional<FleetNode> known = fleet.node(node);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        Set<Scope> scopes = scopes(known.get());
        Instant baselineFrom = a.minus(Duration.ofDays(7L * BASELINE_WEEKS));
        List<MinuteSeries> past = series(node, baselineFrom, a, scopes);
        List<MinuteSeries> now = series(node, a, to, scopes);
        long[][] work = work(spans, a, to);
        List<Baseline> baselines = new ArrayList<>();
        List<Split> splits = new ArrayList<>();
        for (MinuteSeries s : now) {
            MinuteSeries before = past.stream().filter(p -> p.name().equals(s.name())).findFirst().orElse(null);
            List<Slot> slots = before == null ? AnalysisMath.baseline(empty(s.name())) : AnalysisMath.baseline(before);
            List<HourVsBaseline> hours = AnalysisMath.hourly(s, slots);
            double actual = 0;
            double expected = 0;
            for (HourVsBaseline h : hours) {
                if (Double.isFinite(h.baselineMeanWatts())) {
                    actual += h.meanWatts() * h.coveredSeconds();
                    expected += h.baselineMeanWatts() * h.coveredSeconds();
                }
            }
            baselines.add(new Baseline(s.name(), s.scope(), s.provenance(), slots, hours, actual, expected));
            splits.add(AnalysisMath.split(s, work, 0, s.size()));
        }
        List<WorkSpan> started = spans.stream().filter(w -> !w.start().isBefore(a) && w.start().isBefore(to)).toList();
        return Optional.of(new Analysis(node, a, to, baselineFrom, a, List.copyOf(baselines), List.copyOf(splits),
                WorkEnergy.groups(started), started));
    }

    /**
     * The daily summary of {@code [from, to)} (rounded out to whole UTC days, the last one ending at {@code to} if that
     * is earlier), one row per day, from the node's total: energy, carbon (as {@link Fleet#energy} accounts it), mean and
     * peak power (the highest one-minute mean), the idle/active split, runs and jobs started, and their energy per unit.
     *
     * @return the days in order, empty if the node is unknown
     * @throws FleetInputException if {@code from} is not before {@code to} or the period is longer than
     *     {@link #MAX_DAILY_PERIOD}
     */
    public Optional<List<Day>> daily(String node, Instant from, Instant to, List<WorkSpan> spans) {
        Instant a = from == null ? null : startOfDay(from);
        FleetInput.period(a, to, MAX_DAILY_PERIOD);
        Optional<FleetNode> known = fleet.node(node);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        MinuteSeries total = series(node, a, to, scopes(known.get())).getFirst();
        long[][] work = work(spans, a, to);
        List<Day> days = new ArrayList<>();
        int i = 0;
        for (Instant d = a; d.isBefore(to); d = d.plus(Duration.ofDays(1))) {
            Instant end = d.plus(Duration.ofDays(1)).isAfter(to) ? to : d.plus(Duration.ofDays(1));
            int lo = i;
            while (i < total.size() && total.startMs()[i] < end.toEpochMilli()) {
                i++;
            }
            double joules = 0;
            double covered = 0;
            double peak = Double.NaN;
            for (int k = lo; k < i; k++) {
                joules += total.joules()[k];
                covered += total.coveredSeconds()[k];
                double w = total.watts(k);
                if (Double.isFinite(w) && !(w <= peak)) {
                    peak = w;
                }
            }
            Instant dayStart = d;
            List<WorkSpan> started = spans.stream().filter(w -> !w.start().isBefore(dayStart) && w.start().isBefore(end)).toList();
            double grams = fleet.energy(node, d, end).map(Fleet.NodeEnergy::grams).orElse(0.0);
            days.add(new Day(WorkEnergy.day(d), d, end, joules, grams, covered > 0 ? joules / covered : Double.NaN, peak,
                    AnalysisMath.split(total, work, lo, i), count(started, WorkSpan.Kind.RUN), count(started, WorkSpan.Kind.JOB),
                    perUnit(started, WorkSpan.Kind.RUN), perUnit(started, WorkSpan.Kind.JOB), perQuery(started)));
        }
        return Optional.of(List.copyOf(days));
    }

    private static int count(List<WorkSpan> spans, WorkSpan.Kind kind) {
        return (int) spans.stream().filter(s -> s.kind() == kind).count();
    }

    /** @return mean recorded joules of the finished spans of that kind; NaN when none */
    private static double perUnit(List<WorkSpan> spans, WorkSpan.Kind kind) {
        return spans.stream().filter(s -> s.kind() == kind && s.joules().isPresent()).mapToDouble(s -> s.joules().getAsDouble())
                .average().orElse(Double.NaN);
    }

    /** @return Σ joules / Σ queries of the finished spans tagged with their queries; NaN when none */
    private static double perQuery(List<WorkSpan> spans) {
        double joules = 0;
        double queries = 0;
        for (WorkSpan s : spans) {
            if (s.joules().isPresent() && s.queries().isPresent()) {
                joules += s.joules().getAsDouble();
                queries += s.queries().getAsDouble();
            }
        }
        return queries > 0 ? joules / queries : Double.NaN;
    }

    private static Set<Scope> scopes(FleetNode n) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (ComponentTotal c : n.components()) {
            scopes.add(c.scope());
        }
        return scopes;
    }

    /** @return the node's total first, then each component, per minute of {@code [from, to)} */
    private List<MinuteSeries> series(String node, Instant from, Instant to, Set<Scope> scopes) {
        List<PowerSeries> components = fleet.store().power(node, from, to, MINUTE);
        List<MinuteSeries> out = new ArrayList<>();
        out.add(MinuteSeries.total(components, scopes));
        components.forEach(c -> out.add(MinuteSeries.of(c)));
        return out;
    }

    private static MinuteSeries empty(String name) {
        return new MinuteSeries(name, "", "", new long[0], new double[0], new double[0], new double[0]);
    }

    /** @return the spans that overlap {@code [from, to)}, as disjoint intervals; a span still running lasts until {@code to} */
    private static long[][] work(List<WorkSpan> spans, Instant from, Instant to) {
        List<long[]> intervals = new ArrayList<>();
        for (WorkSpan s : spans) {
            long a = Math.max(s.start().toEpochMilli(), from.toEpochMilli());
            long b = Math.min(s.endOr(to).toEpochMilli(), to.toEpochMilli());
            if (b > a) {
                intervals.add(new long[] {a, b});
            }
        }
        return AnalysisMath.union(intervals);
    }

    /**
     * A node's analysis over a period.
     *
     * @param baselineFrom the start of the baseline's weeks; they end at {@code baselineTo}, the period's start
     * @param baselines the node's total first, then each component
     * @param splits idle against active, in the same order
     * @param work energy per unit of work of the spans that started in the period
     * @param spans those spans
     */
    public record Analysis(String node, Instant from, Instant to, Instant baselineFrom, Instant baselineTo, List<Baseline> baselines,
            List<Split> splits, List<WorkGroup> work, List<WorkSpan> spans) {
    }

    /**
     * One series' hour-of-week baseline and the period beside it.
     *
     * @param series {@code node} for the node's total (its counted components), else the component's name
     * @param slots the {@value AnalysisMath#HOURS_OF_WEEK} hour-of-week slots, Monday 00:00 UTC first
     * @param hours the period's hourly means, each beside its slot
     * @param periodJoules the period's energy in the hours that have a baseline
     * @param expectedJoules what those hours would have used at the baseline's mean power (over the same covered time)
     */
    public record Baseline(String series, String scope, String provenance, List<Slot> slots, List<HourVsBaseline> hours,
            double periodJoules, double expectedJoules) {

        /** @return how far the period is above (+) or below (−) the baseline, in percent; NaN without a baseline */
        public double deviationPercent() {
            return expectedJoules > 0 ? (periodJoules / expectedJoules - 1) * 100 : Double.NaN;
        }
    }

    /**
     * One hour-of-week slot of a baseline: the one-minute mean powers of the baseline's weeks in that hour.
     *
     * @param slot 0 for Monday 00:00–01:00 UTC, up to 167
     * @param minutes how many minutes with samples it has (up to 60 × weeks)
     * @param meanWatts their mean; NaN when none
     * @param p10Watts their 10th percentile (linear interpolation); NaN when none
     * @param p90Watts their 90th percentile; NaN when none
     */
    public record Slot(int slot, int minutes, double meanWatts, double p10Watts, double p90Watts) {
    }

    /** One hour of the period: its mean power over its covered seconds, and its slot's baseline. */
    public record HourVsBaseline(Instant hour, int slot, double meanWatts, double coveredSeconds, double baselineMeanWatts,
            double baselineP10Watts, double baselineP90Watts) {
    }

    /**
     * Idle against active: the energy and covered time inside work spans and outside them.
     *
     * @param idleFloorWatts the 10th percentile of the one-minute power of minutes without any work; NaN when there are none
     * @param idleWasteJoules the energy outside work above that floor; NaN when there is no floor
     */
    public record Split(String series, double activeJoules, double idleJoules, double activeSeconds, double idleSeconds,
            double idleFloorWatts, double idleWasteJoules) {

        /** @return idle energy / all energy, 0 to 1; NaN without energy */
        public double idleShare() {
            double all = activeJoules + idleJoules;
            return all > 0 ? idleJoules / all : Double.NaN;
        }
    }

    /**
     * Energy per unit of work of one group.
     *
     * @param kind {@code job} (per job name), {@code tag} (per run tag {@code key=value}) or {@code queries}
     * @param key the job's name, the tag, or {@code queries}
     * @param count finished runs or jobs in it
     * @param units its units of work: jobs, runs, or queries served
     * @param joules their recorded energy
     * @param days the same per UTC day the spans started
     */
    public record WorkGroup(String kind, String key, int count, double units, double joules, List<WorkDay> days) {

        /** @return joules per unit of work */
        public double joulesPerUnit() {
            return units > 0 ? joules / units : Double.NaN;
        }
    }

    /** One day of a {@link WorkGroup}. */
    public record WorkDay(LocalDate day, int count, double units, double joules) {

        /** @return joules per unit of work */
        public double joulesPerUnit() {
            return units > 0 ? joules / units : Double.NaN;
        }
    }

    /**
     * One UTC day of a node.
     *
     * @param joules the node's energy (its counted components)
     * @param grams its carbon, accounted per hour of the node's zone × PUE, as {@link Fleet#energy}
     * @param meanWatts energy / seconds with samples; NaN without samples
     * @param peakWatts the highest one-minute mean power; NaN without samples
     * @param split idle against active over the day
     * @param runs runs started in the day; {@code jobs} likewise
     * @param joulesPerRun mean recorded energy of the finished runs started in the day; NaN when none ({@code joulesPerJob}
     *     likewise)
     * @param joulesPerQuery Σ energy / Σ queries of the finished spans tagged with their queries; NaN when none
     */
    public record Day(LocalDate day, Instant from, Instant to, double joules, double grams, double meanWatts, double peakWatts, Split split,
            int runs, int jobs, double joulesPerRun, double joulesPerJob, double joulesPerQuery) {
    }
}
