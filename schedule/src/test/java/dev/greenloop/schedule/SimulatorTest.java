package dev.greenloop.schedule;

import static dev.greenloop.schedule.Traces.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Zones, infeasible jobs, forecast noise and the threshold policy. */
class SimulatorTest {

    private final IntensityTrace a = Traces.of("A", 60, 300, 300, 300, 300, 300, 300);
    private final IntensityTrace b = Traces.of("B", 60, 100, 400, 100, 400, 100, 400);

    @Test
    void optimal_twoZones_picksCleanerZone() {
        SimulationResult r = Traces.simulate(Policy.OPTIMAL, List.of(job("j", 0, 60, 360, 1000)), a, b);
        assertEquals("B", r.placements().getFirst().zone());
        assertEquals(100, r.grams(), 1e-9);
        assertEquals(300, r.baselineGrams(), 1e-9);
        assertEquals(66.666, r.savingsPercent(), 1e-2);
    }

    @Test
    void simulate_infeasibleJobs_reportedPerJobWithReason() {
        Job tooLong = job("long", 0, 120, 60, 1000);
        Job unknownZone = Job.of("zone", Traces.at(0), 10, Traces.at(60), 1000, List.of("NOPE"));
        Job outside = job("outside", 300, 60, 420, 1000);
        SimulationResult r = Traces.simulate(Policy.OPTIMAL, List.of(tooLong, unknownZone, outside, job("ok", 0, 10, 60, 1000)), a);
        assertEquals(4, r.jobs());
        assertEquals(1, r.placements().size());
        assertEquals(3, r.infeasible().size());
        assertTrue(r.infeasible().get(0).reason().contains("needs 120 min"), r.infeasible().get(0).reason());
        assertTrue(r.infeasible().get(1).reason().contains("zone NOPE has no trace"), r.infeasible().get(1).reason());
        assertTrue(r.infeasible().get(2).reason().contains("not inside the A trace"), r.infeasible().get(2).reason());
    }

    @Test
    void forecastError_sameSeed_reproducible_otherSeed_differs() {
        IntensityTrace noisy = Traces.of("N", 15, 200, 210, 190, 205, 195, 200, 202, 198, 201, 199, 203, 197, 200, 200, 204, 196);
        List<Job> jobs = List.of(job("j", 0, 15, 240, 1000), job("k", 0, 30, 240, 1000), job("l", 20, 45, 240, 1000));
        SimulationResult r1 = Simulator.simulate(jobs, List.of(noisy), new SimulationOptions(Policy.OPTIMAL, 0.2, 42, Double.NaN));
        SimulationResult r2 = Simulator.simulate(jobs, List.of(noisy), new SimulationOptions(Policy.OPTIMAL, 0.2, 42, Double.NaN));
        assertEquals(r1.placements(), r2.placements());
        boolean differs = false;
        for (long seed = 43; seed < 53 && !differs; seed++) {
            SimulationResult r3 = Simulator.simulate(jobs, List.of(noisy), new SimulationOptions(Policy.OPTIMAL, 0.2, seed, Double.NaN));
            differs = !r3.placements().equals(r1.placements());
        }
        assertTrue(differs, "ten other seeds all gave the same plan");
        SimulationResult exact = Traces.simulate(Policy.OPTIMAL, jobs, noisy);
        assertTrue(r1.grams() >= exact.grams() - 1e-9, "noisy planning beat perfect foresight");
    }

    @Test
    void threshold_interruptible_runsBelowLevelAndMeetsDeadline() {
        Job j = new Job("j", Traces.at(0), 120, Traces.at(300), 1000, true, 0, 0, List.of());
        SimulationResult r = Simulator.simulate(List.of(j), List.of(b), new SimulationOptions(Policy.THRESHOLD, 0, 0, 200));
        // Below 200 in hours 0, 2 and 4: runs hours 0 and 2.
        assertEquals(200, r.grams(), 1e-9);
        assertEquals(2, r.placements().getFirst().segments().size());
        Job tight = new Job("t", Traces.at(0), 240, Traces.at(300), 1000, true, 0, 0, List.of());
        SimulationResult t = Simulator.simulate(List.of(tight), List.of(b), new SimulationOptions(Policy.THRESHOLD, 0, 0, 50));
        assertEquals(0, t.missedDeadlines());
        assertEquals(Traces.at(300), t.placements().getFirst().segments().getLast().end());
    }

    @Test
    void options_thresholdWithoutLevel_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimulationOptions.of(Policy.THRESHOLD));
        assertTrue(e.getMessage().contains("--threshold"), e.getMessage());
    }

    @Test
    void simulate_twoTracesSameZone_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Traces.simulate(Policy.OPTIMAL, List.of(), a, a));
        assertNotEquals(a.zone(), b.zone());
    }
}
