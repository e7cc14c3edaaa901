package dev.greenloop.schedule;

import static dev.greenloop.schedule.Traces.job;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.greenloop.carbon.IntensityTrace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Emissions follow P/1000 × Σ(overlap hours × intensity), each point applying until the next. */
class EmissionsTest {

    /** Hourly points 100, 200, 400, 50 from T0. */
    private final IntensityTrace hourly = Traces.of("X", 60, 100, 200, 400, 50);

    @Test
    void agnostic_jobInsideOnePoint_isPowerTimesHoursTimesIntensity() {
        SimulationResult r = Traces.simulate(Policy.AGNOSTIC, List.of(job("a", 10, 30, 240, 2000)), hourly);
        assertEquals(2.0 * 0.5 * 100, r.grams(), 1e-9);
        assertEquals(r.grams(), r.baselineGrams(), 0);
    }

    @Test
    void agnostic_jobAcrossBreakpoints_sumsPartialOverlaps() {
        // 00:45 to 02:15: 15 min at 100, 60 min at 200, 15 min at 400, at 1 kW.
        SimulationResult r = Traces.simulate(Policy.AGNOSTIC, List.of(job("a", 45, 90, 240, 1000)), hourly);
        assertEquals(0.25 * 100 + 1.0 * 200 + 0.25 * 400, r.grams(), 1e-9);
    }

    @Test
    void agnostic_lastPoint_appliesForOneStep() {
        SimulationResult r = Traces.simulate(Policy.AGNOSTIC, List.of(job("a", 170, 70, 240, 1000)), hourly);
        assertEquals(10.0 / 60 * 400 + 1.0 * 50, r.grams(), 1e-9);
    }

    @Test
    void agnostic_submitBetweenMinutes_startsAtNextWholeMinute() {
        Job j = Job.of("a", Traces.at(59).plusSeconds(30), 2, Traces.at(240), 1000, List.of());
        SimulationResult r = Traces.simulate(Policy.AGNOSTIC, List.of(j), hourly);
        assertEquals(Traces.at(60), r.placements().getFirst().segments().getFirst().start());
        assertEquals(2.0 / 60 * 200, r.grams(), 1e-9);
    }

    @Test
    void optimal_jobAcrossBreakpoints_findsMinuteStartAtBestKink() {
        // 90 min within [00:00, 04:00): best is 02:30-04:00 (30 min at 400, 60 at 50)? No: 00:00-01:30 costs
        // 100 + 0.5*200 = 200; 02:30-04:00 costs 0.5*400 + 50 = 250. So the optimum starts at 00:00.
        SimulationResult r = Traces.simulate(Policy.OPTIMAL, List.of(job("a", 0, 90, 240, 1000)), hourly);
        assertEquals(200, r.grams(), 1e-9);
        assertEquals(Traces.at(0), r.placements().getFirst().segments().getFirst().start());
    }

    @Test
    void optimal_interruptible_takesCleanestPieces() {
        Job j = new Job("a", Traces.at(0), 90, Traces.at(240), 1000, true, 0, 0, List.of());
        SimulationResult r = Traces.simulate(Policy.OPTIMAL, List.of(j), hourly);
        // 60 min at 50 and 30 min at 100.
        assertEquals(50 + 0.5 * 100, r.grams(), 1e-9);
        assertEquals(2, r.placements().getFirst().segments().size());
    }
}
