package dev.greenloop.schedule.live;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.Interval;
import dev.greenloop.schedule.Job;
import dev.greenloop.schedule.Placement;
import dev.greenloop.schedule.Policy;
import dev.greenloop.schedule.SimulationOptions;
import dev.greenloop.schedule.SimulationResult;
import dev.greenloop.schedule.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans one live job's remaining work with the {@code optimal} policy of the simulator, from now to its
 * deadline, or to the end of the intensity data where that comes first (a live forecast reaches a day or
 * two ahead; the job is planned again when the forecast changes). A job that can no longer be placed
 * (deadline too close, no zone known) is planned to start at once. Missing data is a reason to wait, not to
 * run: a job without intensity data for its zones, or whose data ends before its work fits, is planned at its
 * latest start that still meets the deadline and planned again whenever new data arrives. The plan's detail says
 * which and why: never silently.
 */
final class LivePlanner {

    /** A plan and what to say about it. */
    record Planned(LivePlan plan, String detail) {
    }

    /** Relative saving below which a later plan is not worth waiting for: rounding in the prefix sums, not carbon. */
    private static final double TIE = 1e-9;

    private LivePlanner() {
    }

    static Planned plan(LiveJob live, Instant now, Forecasts forecasts) {
        Job spec = live.job();
        long remainingSeconds = Math.max(60, spec.durationMinutes() * 60L - live.doneSeconds());
        int remainingMinutes = (int) Math.ceilDiv(remainingSeconds, 60L);
        Instant from = spec.submit().isAfter(now) ? spec.submit() : now;
        List<String> zones = spec.zones().isEmpty() ? forecasts.zones() : spec.zones();
        if (zones.isEmpty()) {
            return atOnce(live, now, "?", remainingMinutes, "no zone is known: give --zone at submit or --trace ZONE=FILE");
        }
        Instant lo = ceilMinute(from);
        if (lo.plus(Duration.ofMinutes(remainingMinutes)).isAfter(spec.deadline())) {
            return atOnce(live, now, zones.getFirst(), remainingMinutes,
                    "%d min of work no longer fit before the deadline %s".formatted(remainingMinutes, spec.deadline()));
        }
        List<IntensityTrace> traces = forecasts.traces(zones, from, spec.deadline());
        if (traces.isEmpty()) {
            return latest(live, now, zones.getFirst(), remainingMinutes, "no intensity data for zone(s) " + String.join(", ", zones));
        }
        // A live forecast reaches a day or two ahead: plan within what it covers, and plan again as it rolls on.
        Instant horizon = spec.deadline();
        for (IntensityTrace t : traces) {
            if (t.end().isBefore(horizon)) {
                horizon = t.end();
            }
        }
        String within = "";
        if (horizon.isBefore(spec.deadline())) {
            if (lo.plus(Duration.ofMinutes(remainingMinutes)).isAfter(horizon)) {
                return latest(live, now, zones.getFirst(), remainingMinutes, "the intensity data ends at %s, before %d min of work fit after %s"
                        .formatted(horizon, remainingMinutes, lo));
            }
            within = " within the data, which ends at %s (deadline %s)".formatted(horizon, spec.deadline());
        }
        Job rest = new Job(spec.id(), from, remainingMinutes, horizon, spec.powerWatts(), spec.interruptible(),
                spec.checkpointMinutes(), spec.minSegmentMinutes(), spec.zones());
        SimulationResult result = Simulator.simulate(List.of(rest), traces, new SimulationOptions(Policy.OPTIMAL, 0, 0, Double.NaN));
        if (result.placements().isEmpty()) {
            return atOnce(live, now, zones.getFirst(), remainingMinutes, result.infeasible().getFirst().reason());
        }
        Placement p = result.placements().getFirst();
        if (!(p.grams() < p.baselineGrams() * (1 - TIE))) {
            // No real gain over starting at once (a flat forecast differs only by rounding): start at once.
            SimulationResult atOnce = Simulator.simulate(List.of(rest), traces, new SimulationOptions(Policy.AGNOSTIC, 0, 0, Double.NaN));
            p = atOnce.placements().getFirst();
        }
        List<Interval> segments = new ArrayList<>(p.segments());
        // Plans are on whole minutes; a plan for the first minute of the window starts now rather than idling until it.
        if (segments.getFirst().start().equals(lo) && !from.isAfter(now)) {
            segments.set(0, new Interval(now, segments.getFirst().end()));
        }
        LivePlan plan = new LivePlan(p.zone(), segments, p.grams(), p.baselineGrams(), now);
        return new Planned(plan, "planned in %s from %s in %d segment(s)%s: %.3f g estimated (%.3f g at once)"
                .formatted(p.zone(), segments.getFirst().start(), segments.size(), within, p.grams(), p.baselineGrams()));
    }

    private static Planned atOnce(LiveJob live, Instant now, String zone, int minutes, String why) {
        LivePlan plan = new LivePlan(zone, List.of(new Interval(now, now.plus(Duration.ofMinutes(minutes)))), Double.NaN, Double.NaN, now);
        return new Planned(plan, "planned at once without an estimate: " + why);
    }

    /**
     * Waits for data: plans the work at the latest whole minute from which it still ends by the deadline (the
     * caller has checked that it fits after now).
     */
    private static Planned latest(LiveJob live, Instant now, String zone, int minutes, String why) {
        Instant start = floorMinute(live.job().deadline().minus(Duration.ofMinutes(minutes)));
        if (!start.isAfter(now)) {
            return atOnce(live, now, zone, minutes, why + "; its latest start has come");
        }
        LivePlan plan = new LivePlan(zone, List.of(new Interval(start, start.plus(Duration.ofMinutes(minutes)))), Double.NaN, Double.NaN, now);
        return new Planned(plan, "waiting for intensity data (%s): planned at its latest start %s, which still meets the deadline %s;"
                .formatted(why, start, live.job().deadline()) + " planned again when data arrives");
    }

    static Instant floorMinute(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 60L) * 60);
    }

    static Instant ceilMinute(Instant t) {
        long s = t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0);
        return Instant.ofEpochSecond(Math.ceilDiv(s, 60L) * 60);
    }
}
