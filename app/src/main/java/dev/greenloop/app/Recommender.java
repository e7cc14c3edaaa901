package dev.greenloop.app;

import dev.greenloop.app.Recommendation.Change;
import dev.greenloop.app.Recommendation.Estimate;
import dev.greenloop.app.Recommendation.Kind;
import dev.greenloop.app.Recommendation.Range;
import dev.greenloop.meter.spi.PowerLimit;
import dev.greenloop.store.NewProfile;
import dev.greenloop.store.PowerSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The estimate of each kind of recommendation, as pure functions of the measurements given: no store, no clock. Each
 * returns nothing where its data are missing or show no saving. docs/recommendations.md gives the methods and their
 * sources; every estimate is labelled {@value Recommendation.Estimate#LABEL}.
 */
final class Recommender {

    static final double JOULES_PER_KWH = 3.6e6;
    static final double WEEK_SECONDS = Duration.ofDays(7).toSeconds();
    /** A cap is proposed at this share of the current limit. */
    static final double CAP_SHARE = 0.8;
    /** ... where the component drew above the cap for at least this share of the time. */
    static final double MIN_SHARE_ABOVE = 0.10;
    /** Power and idle estimates need at least this many seconds of samples. */
    static final double MIN_SECONDS = 600;
    /** A node is idle when its 90th-percentile power is within this factor of its 10th percentile... */
    static final double IDLE_FLATNESS = 1.10;
    /** ... over at least this many seconds, with no run recorded on it. */
    static final double IDLE_MIN_SECONDS = 3600;
    /** A shift is proposed when the best window is at least this much cleaner. */
    static final double MIN_SHIFT_GAIN = 0.01;

    /**
     * The carbon intensity a saving is multiplied by.
     *
     * @param gramsPerKWh gCO2eq/kWh
     * @param source where it comes from, such as {@code DE yearly average 2023 (Ember)}
     */
    record Intensity(double gramsPerKWh, String source) {
    }

    private Recommender() {
    }

    /**
     * Power caps: for each settable GPU or CPU-package limit whose component drew above {@value #CAP_SHARE} of the limit
     * for at least {@value #MIN_SHARE_ABOVE} of its sampled time, a cap at that share. The saving per week is the energy
     * drawn above the cap line, scaled from the sampled time to a week: the most if the work runs as fast under the cap
     * (Zeus, You et al., NSDI 2023: GPU throughput per watt rises below the maximum limit), the least 0 (the work just
     * takes longer), the middle half-way.
     *
     * @param power the sampled steps per component name
     */
    static List<Recommendation> powerCaps(List<PowerLimit> limits, Map<String, List<PowerSeries.Step>> power, Intensity intensity) {
        List<Recommendation> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (PowerLimit l : limits) {
            boolean cappable = l.isGpu() || l.component().startsWith("cpu-package-");
            if (!cappable || !l.settable() || !seen.add(l.component()) || l.currentMicrowatts() <= 0) {
                continue;
            }
            List<PowerSeries.Step> steps = power.getOrDefault(l.component(), List.of());
            double seconds = steps.stream().mapToDouble(PowerSeries.Step::seconds).sum();
            if (seconds < MIN_SECONDS) {
                continue;
            }
            double limitWatts = l.currentMicrowatts() / 1e6;
            double capWatts = Math.max(l.minMicrowatts() / 1e6, Math.round(limitWatts * CAP_SHARE));
            double aboveSeconds = 0;
            double aboveJoules = 0;
            for (PowerSeries.Step s : steps) {
                if (s.watts() > capWatts) {
                    aboveSeconds += s.seconds();
                    aboveJoules += (s.watts() - capWatts) * s.seconds();
                }
            }
            double share = aboveSeconds / seconds;
            if (share < MIN_SHARE_ABOVE || capWatts >= limitWatts) {
                continue;
            }
            double maxKwh = aboveJoules * (WEEK_SECONDS / seconds) / JOULES_PER_KWH;
            Range kwh = new Range(0, maxKwh / 2, maxKwh);
            String evidence = ("%s drew more than %s W (%.0f%% of its %s %s limit) for %.0f%% of %.0f s of samples; the energy above that line"
                    + " was %.1f kJ").formatted(l.component(), num(capWatts), CAP_SHARE * 100, PowerLimit.watts(l.currentMicrowatts()), l.constraint(),
                            share * 100, seconds, aboveJoules / 1000);
            String how = "set the %s limit of %s (%s) from %s to %s W: greenloop limits set --component %s --constraint %s --watts %s"
                    .formatted(l.constraint(), l.component(), l.target(), PowerLimit.watts(l.currentMicrowatts()), num(capWatts), l.component(),
                            l.constraint(), num(capWatts));
            out.add(Recommendation.open(Kind.CAP_POWER, l.component(), new Estimate(kwh, kwh.times(intensity.gramsPerKWh()),
                    "per week at the sampled load", "estimated: energy above the cap line in the samples, scaled to a week; max if throughput holds"
                            + " under the cap (Zeus, You et al., NSDI 2023), min 0 if the work only takes longer; x " + intensity.source()),
                    evidence, how, new Change.PowerCap(l.component(), l.constraint(), capWatts)));
        }
        return out;
    }

    /**
     * Variant switches: per model, the variant with the least mean energy per query among those whose mean cosine to
     * the reference is at least {@code qualityFloor}, against the variant served now (the setting, else the reference).
     * Saving per million queries: mid from the means, min from the served variant's least and the candidate's most
     * energy per query, max the other way round (the spread of the stored rows across settings).
     *
     * @param served the variant served per model, where one is set
     */
    static List<Recommendation> variants(List<NewProfile> profiles, Map<String, String> served, double qualityFloor, Intensity intensity) {
        Map<String, List<NewProfile>> byModel = new LinkedHashMap<>();
        profiles.forEach(p -> byModel.computeIfAbsent(p.model(), m -> new ArrayList<>()).add(p));
        List<Recommendation> out = new ArrayList<>();
        for (var e : byModel.entrySet()) {
            String model = e.getKey();
            Optional<String> reference = e.getValue().stream().filter(NewProfile::reference).map(NewProfile::variant).findFirst();
            if (reference.isEmpty()) {
                continue;
            }
            String current = served.getOrDefault(model, reference.get());
            Map<String, DoubleSummaryStatistics> joules = new LinkedHashMap<>();
            Map<String, Double> worstCosine = new LinkedHashMap<>();
            for (NewProfile p : e.getValue()) {
                joules.computeIfAbsent(p.variant(), v -> new DoubleSummaryStatistics()).accept(p.joulesPerQuery());
                double cosine = p.reference() ? 1.0 : p.meanCosine().orElse(Double.NaN);
                worstCosine.merge(p.variant(), cosine, (a, b) -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b));
            }
            DoubleSummaryStatistics now = joules.get(current);
            if (now == null) {
                continue;
            }
            Optional<String> best = joules.keySet().stream()
                    .filter(v -> !v.equals(current) && worstCosine.get(v) >= qualityFloor)
                    .min(Comparator.comparingDouble(v -> joules.get(v).getAverage()));
            if (best.isEmpty() || joules.get(best.get()).getAverage() >= now.getAverage()) {
                continue;
            }
            DoubleSummaryStatistics to = joules.get(best.get());
            double perMillion = 1e6 / JOULES_PER_KWH;
            Range kwh = new Range((now.getMin() - to.getMax()) * perMillion, (now.getAverage() - to.getAverage()) * perMillion,
                    (now.getMax() - to.getMin()) * perMillion);
            String evidence = ("%s: %s uses %.4g J/query (%d stored rows), %s %.4g J/query (%d rows) with mean cosine to the reference"
                    + " %.4f >= the floor %.4f").formatted(model, current, now.getAverage(), now.getCount(), best.get(), to.getAverage(), to.getCount(),
                    worstCosine.get(best.get()), qualityFloor);
            String how = "serve %s of %s instead of %s (the served-variant setting, which the serving endpoint reads)".formatted(best.get(), model,
                    current);
            out.add(Recommendation.open(Kind.SWITCH_VARIANT, model, new Estimate(kwh, kwh.times(intensity.gramsPerKWh()), "per million queries",
                    "estimated: difference of stored lab energy per query (min/mid/max over the rows' spread) x 10^6; x " + intensity.source()),
                    evidence, how, new Change.VariantSwitch(model, current, best.get())));
        }
        return out;
    }

    /**
     * A node's sampled power.
     *
     * @param node its name
     * @param steps its power per step, components that would double count left out
     * @param ranWork whether any run or job was recorded on it in the window
     */
    record NodePower(String node, List<PowerSeries.Step> steps, boolean ranWork, Intensity intensity) {
    }

    /**
     * Idle nodes: a node with at least {@value #IDLE_MIN_SECONDS} s of samples, no recorded run, whose 90th-percentile
     * step power is within {@value #IDLE_FLATNESS} of its 10th percentile. Suspending it saves its draw for a week: min
     * at its 10th-percentile power, mid at its mean, max at its 90th percentile (a suspended node's own draw of a few
     * watts is left out).
     */
    static List<Recommendation> idleNodes(List<NodePower> nodes) {
        List<Recommendation> out = new ArrayList<>();
        for (NodePower n : nodes) {
            double seconds = n.steps().stream().mapToDouble(PowerSeries.Step::seconds).sum();
            if (n.ranWork() || seconds < IDLE_MIN_SECONDS) {
                continue;
            }
            double[] watts = n.steps().stream().mapToDouble(PowerSeries.Step::watts).sorted().toArray();
            double p10 = percentile(watts, 0.10);
            double p90 = percentile(watts, 0.90);
            double mean = n.steps().stream().mapToDouble(PowerSeries.Step::joules).sum() / seconds;
            if (p90 > p10 * IDLE_FLATNESS || p10 <= 0) {
                continue;
            }
            double week = WEEK_SECONDS / JOULES_PER_KWH;
            Range kwh = new Range(p10 * week, Math.clamp(mean, p10, p90) * week, p90 * week);
            String evidence = "%s: no run recorded and a flat draw over %.1f h of samples: 10th percentile %.1f W, mean %.1f W, 90th percentile %.1f W"
                    .formatted(n.node(), seconds / 3600, p10, mean, p90);
            out.add(Recommendation.open(Kind.IDLE_NODE, n.node(), new Estimate(kwh, kwh.times(n.intensity().gramsPerKWh()),
                    "per week suspended", "estimated: the node's 10th-percentile/mean/90th-percentile power x 168 h; x " + n.intensity().source()),
                    evidence, "move its remaining work to another node, then suspend or power it off (Greenloop does not suspend nodes)",
                    new Change.Manual()));
        }
        return out;
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    /**
     * The measured energy of a node's jobs in a window, and the zones work could move to.
     *
     * @param node where the jobs ran
     * @param joules their measured energy
     * @param seconds the window's length
     * @param here the node's zone's intensity
     * @param zone the node's zone
     * @param others other zones of the fleet and their intensity
     */
    record NodeJobs(String node, String zone, double joules, double seconds, Intensity here, Map<String, Intensity> others) {
    }

    /**
     * Zone moves: a node's measured job energy, scaled to a week, moved to the fleet's cleanest other zone saves
     * energy x (intensity here - intensity there); the energy stays the same. With yearly averages only the range has
     * no spread, and says so.
     */
    static List<Recommendation> zoneMoves(List<NodeJobs> nodes) {
        List<Recommendation> out = new ArrayList<>();
        for (NodeJobs n : nodes) {
            Optional<Map.Entry<String, Intensity>> best = n.others().entrySet().stream().filter(e -> !e.getKey().equals(n.zone()))
                    .min(Comparator.comparingDouble(e -> e.getValue().gramsPerKWh()));
            if (best.isEmpty() || n.joules() <= 0 || n.seconds() <= 0 || best.get().getValue().gramsPerKWh() >= n.here().gramsPerKWh()) {
                continue;
            }
            double kwhWeek = n.joules() * (WEEK_SECONDS / n.seconds()) / JOULES_PER_KWH;
            double grams = kwhWeek * (n.here().gramsPerKWh() - best.get().getValue().gramsPerKWh());
            String evidence = "%s (%s, %.0f g/kWh) ran %.3f kWh of measured jobs in %.1f h; %s is at %.0f g/kWh".formatted(n.node(), n.zone(),
                    n.here().gramsPerKWh(), n.joules() / JOULES_PER_KWH, n.seconds() / 3600, best.get().getKey(), best.get().getValue().gramsPerKWh());
            out.add(Recommendation.open(Kind.MOVE_ZONE, n.node(), new Estimate(new Range(0, 0, 0), new Range(grams, grams, grams),
                    "per week at the window's job load", "estimated: job energy scaled to a week x (%s - %s); yearly averages, so no spread"
                            .formatted(n.here().source(), best.get().getValue().source())),
                    evidence, "submit its deferrable jobs with --zone %s (greenloop schedule submit), or run them on a node there"
                            .formatted(best.get().getKey()), new Change.Manual()));
        }
        return out;
    }

    /**
     * A planned job and the forecast of its zone.
     *
     * @param job its id
     * @param zone where it is planned
     * @param kwh its energy: declared power x duration
     * @param planned its planned start
     * @param duration its run time
     * @param earliest the earliest it may start (now, or its submission)
     * @param deadline when it must have finished
     * @param forecast the zone's forecast: start to gCO2eq/kWh, steps in time order, each lasting until the next
     * @param source where the forecast comes from
     */
    record PlannedJob(String job, String zone, double kwh, Instant planned, Duration duration, Instant earliest, Instant deadline,
            List<Map.Entry<Instant, Double>> forecast, String source) {
    }

    /**
     * Job shifts: the start, among the forecast's step starts, whose window is cleanest and still ends by the deadline,
     * against the planned start. Saving: energy x (mean intensity planned - mean intensity best); min with the planned
     * window's least step and the best window's greatest, max the other way round. No energy is saved.
     */
    static List<Recommendation> jobShifts(List<PlannedJob> jobs) {
        List<Recommendation> out = new ArrayList<>();
        for (PlannedJob j : jobs) {
            Optional<double[]> planned = window(j.forecast(), j.planned(), j.duration());
            if (planned.isEmpty() || j.kwh() <= 0) {
                continue;
            }
            Instant bestStart = null;
            double[] best = null;
            for (Map.Entry<Instant, Double> step : j.forecast()) {
                Instant start = step.getKey();
                if (start.isBefore(j.earliest()) || start.plus(j.duration()).isAfter(j.deadline())) {
                    continue;
                }
                Optional<double[]> w = window(j.forecast(), start, j.duration());
                if (w.isPresent() && (best == null || w.get()[0] < best[0])) {
                    best = w.get();
                    bestStart = start;
                }
            }
            if (best == null || best[0] > planned.get()[0] * (1 - MIN_SHIFT_GAIN)) {
                continue;
            }
            double[] p = planned.get();
            Range grams = new Range(Math.min(j.kwh() * (p[1] - best[2]), j.kwh() * (p[0] - best[0])), j.kwh() * (p[0] - best[0]),
                    Math.max(j.kwh() * (p[2] - best[1]), j.kwh() * (p[0] - best[0])));
            String evidence = "job %s (%.3f kWh declared) is planned at %s in %s, mean %.0f g/kWh; starting at %s the forecast mean is %.0f g/kWh"
                    .formatted(j.job(), j.kwh(), j.planned(), j.zone(), p[0], bestStart, best[0]);
            out.add(Recommendation.open(Kind.SHIFT_JOB, j.job(), new Estimate(new Range(0, 0, 0), grams, "per run of the job",
                    "estimated: declared energy x (forecast mean over the planned window - over the best window); min/max from the windows'"
                            + " least and greatest steps; forecast " + j.source()),
                    evidence, "start job %s at %s instead of %s".formatted(j.job(), bestStart, j.planned()),
                    new Change.Reschedule(j.job(), j.planned(), bestStart)));
        }
        return out;
    }

    /** @return mean, least and greatest forecast intensity over {@code [start, start + duration)}, if the forecast covers it */
    static Optional<double[]> window(List<Map.Entry<Instant, Double>> forecast, Instant start, Duration duration) {
        Instant end = start.plus(duration);
        double weighted = 0;
        double covered = 0;
        double least = Double.POSITIVE_INFINITY;
        double greatest = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < forecast.size(); i++) {
            Instant from = forecast.get(i).getKey();
            Instant to = i + 1 < forecast.size() ? forecast.get(i + 1).getKey() : from.plus(Duration.ofHours(1));
            Instant a = from.isAfter(start) ? from : start;
            Instant b = to.isBefore(end) ? to : end;
            if (a.isBefore(b)) {
                double s = Duration.between(a, b).toMillis() / 1000.0;
                double v = forecast.get(i).getValue();
                weighted += v * s;
                covered += s;
                least = Math.min(least, v);
                greatest = Math.max(greatest, v);
            }
        }
        if (covered < duration.toMillis() / 1000.0 - 1e-6) {
            return Optional.empty();
        }
        return Optional.of(new double[] {weighted / covered, least, greatest});
    }

    private static String num(double watts) {
        return java.math.BigDecimal.valueOf(watts).stripTrailingZeros().toPlainString();
    }
}
