package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Interval;
import dev.greenloop.schedule.InfeasibleJob;
import dev.greenloop.schedule.Job;
import dev.greenloop.schedule.Placement;
import dev.greenloop.schedule.Policy;
import dev.greenloop.schedule.SimulationOptions;
import dev.greenloop.schedule.SimulationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The schedule chart and the plan CSV and simulation JSON codecs, on a small two-zone simulation. */
class ScheduleChartTest {

    static final Instant A = Instant.parse("2022-06-01T00:00:00Z");

    static IntensityTrace trace(String zone, double base) {
        long[] t = new long[48];
        double[] v = new double[48];
        for (int i = 0; i < t.length; i++) {
            t[i] = A.getEpochSecond() + 3600L * i;
            v[i] = base + base / 2 * Math.sin(i / 4.0);
        }
        return IntensityTrace.of(new CarbonSignal(zone, "average", "lifecycle", "hourly", "test"), t, v, zone, null);
    }

    static SimulationResult result(int jobs) {
        List<Placement> placements = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            Instant submit = A.plusSeconds(3600L * (i % 20));
            Job job = Job.of("job-" + i, submit, 120, submit.plusSeconds(86_400), 500 + 100 * (i % 3), List.of("ES", "NO"));
            Instant start = submit.plusSeconds(3600L * (1 + i % 7));
            placements.add(new Placement(job, i % 2 == 0 ? "ES" : "NO", List.of(new Interval(start, start.plusSeconds(7200))), 10, 20));
        }
        Job late = Job.of("late", A, 60, A.plusSeconds(600), 100, List.of("DE"));
        return new SimulationResult(SimulationOptions.of(Policy.OPTIMAL), jobs + 1, placements, List.of(new InfeasibleJob(late, "zone DE has no trace")),
                10.0 * jobs, 20.0 * jobs, 0, 0.25);
    }

    static Path out(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "charts"));
        return dir.resolve(name);
    }

    @Test
    void lanes_upToMaxLanes_svgAndPngOfTheDocumentedSize() throws IOException {
        Chart c = ScheduleChart.of(List.of(trace("ES", 200), trace("NO", 30)), result(3));
        assertEquals(ScheduleChart.WIDTH, c.width());
        assertEquals(ScheduleChart.HEIGHT, c.height());
        assertEquals(Axis.Kind.LANES, c.panels().get(1).y().kind());
        assertEquals(List.of("job-0", "job-1", "job-2"), c.panels().get(1).y().lanes());
        assertTrue(c.toSvg().contains("ES intensity, jobs run here"));
        c.write(out("schedule-lanes.png"));
        c.write(out("schedule-lanes.svg"));
    }

    @Test
    void manyJobs_powerPerZoneInstead() throws IOException {
        Chart c = ScheduleChart.of(List.of(trace("ES", 200), trace("NO", 30)), result(ScheduleChart.MAX_LANES + 1));
        assertEquals("jobs' power, kW", c.panels().get(1).y().title());
        assertTrue(c.toSvg().contains("NO intensity, power drawn here"));
        c.write(out("schedule-power.png"));
    }

    @Test
    void planCsv_oneRowPerSegment() throws IOException {
        Path csv = Files.createTempFile("plan", ".csv");
        try {
            SchedulePlanCsv.write(csv, result(2));
            assertEquals("""
                    id,zone,start,end
                    job-0,ES,2022-06-01T01:00:00Z,2022-06-01T03:00:00Z
                    job-1,NO,2022-06-01T03:00:00Z,2022-06-01T05:00:00Z
                    """, Files.readString(csv));
        } finally {
            Files.delete(csv);
        }
    }

    @Test
    void planCsv_idThatASpreadsheetWouldReadAsAFormula_neutralised() throws IOException {
        Job job = Job.of("=1+2", A, 60, A.plusSeconds(86_400), 100, List.of("ES"));
        SimulationResult r = new SimulationResult(SimulationOptions.of(Policy.OPTIMAL), 1,
                List.of(new Placement(job, "ES", List.of(new Interval(A, A.plusSeconds(3600))), 1, 2)), List.of(), 1, 2, 0, 0.1);
        Path csv = Files.createTempFile("plan", ".csv");
        try {
            SchedulePlanCsv.write(csv, r);
            assertEquals("id,zone,start,end\n\"'=1+2\",ES,2022-06-01T00:00:00Z,2022-06-01T01:00:00Z\n", Files.readString(csv));
        } finally {
            Files.delete(csv);
        }
    }

    @Test
    void simulationJson_exactKeysAndOrder() {
        String json = Fixtures.printed(out -> {
            try {
                SimulationJson.print(result(1), out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertEquals("""
                {
                  "policy" : "optimal",
                  "jobs" : 2,
                  "placedJobs" : 1,
                  "grams" : 10.0,
                  "baselineGrams" : 20.0,
                  "savingsPercent" : 50.0,
                  "missedDeadlines" : 0,
                  "infeasibleJobs" : 1,
                  "planningSeconds" : 0.25,
                  "forecastError" : 0.0,
                  "seed" : 0,
                  "infeasible" : [ {
                    "id" : "late",
                    "reason" : "zone DE has no trace"
                  } ]
                }
                """, json);
    }
}
