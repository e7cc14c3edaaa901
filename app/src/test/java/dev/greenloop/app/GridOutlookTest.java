package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.IntensityTrace;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.store.JobPlan;
import dev.greenloop.store.JobProgress;
import dev.greenloop.store.JobSpec;
import dev.greenloop.store.StoredJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link GridOutlook} on traces around now, and {@link JobSavings} where a job has not run. */
class GridOutlookTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    /** Hourly from {@code fromHour} to {@code toHour} (exclusive) around now: 200, but 50 at the hour {@code dip}. */
    private static IntensityTrace trace(String zone, int fromHour, int toHour, int dip) {
        int n = toHour - fromHour;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = NOW.plus(Duration.ofHours(fromHour + i)).getEpochSecond();
            v[i] = fromHour + i == dip ? 50 : 200;
        }
        return IntensityTrace.of(new CarbonSignal(zone, "average", "lifecycle", "hourly", "test"), t, v, "test", null);
    }

    private static ZoneIntensities intensities(Map<String, IntensityTrace> traces) {
        return ZoneIntensities.of(traces, Map.of(), () -> {
            throw new AssertionError("no archive is read for trace zones");
        }, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void of_traceAhead_findsTheDip_andTheMeanAhead() {
        try (ZoneIntensities z = intensities(Map.of("DE", trace("DE", -3, 6, 4)))) {
            GridOutlook.Zone de = GridOutlook.of(z, NOW, Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(1)).getFirst();
            assertEquals("DE", de.zone());
            assertEquals("trace", de.aheadKind());
            assertEquals(2, de.actual().size(), "10:00 and 11:00");
            assertEquals(NOW.plus(Duration.ofHours(4)), de.best().orElseThrow().start());
            assertEquals(50, de.best().get().meanGramsPerKWh(), 1e-9);
            assertEquals((5 * 200 + 50) / 6.0, de.meanAhead(), 1e-9);
            assertTrue(de.problems().isEmpty(), de.problems().toString());
        }
    }

    @Test
    void of_traceThatEndsBeforeNow_saysItHasNoValuesAhead_andHowToGetAForecast() {
        try (ZoneIntensities z = intensities(Map.of("FR", trace("FR", -10, -2, -5)))) {
            GridOutlook.Zone fr = GridOutlook.of(z, NOW, Duration.ofHours(24), Duration.ofHours(24), Duration.ofHours(1)).getFirst();
            assertTrue(fr.best().isEmpty());
            assertTrue(fr.problems().getFirst().contains("no values ahead") && fr.problems().getFirst().contains("--provider"), fr.problems().toString());
        }
    }

    @Test
    void of_windowLongerThanTheLookAhead_isRefusedNamingTheMinutes() {
        try (ZoneIntensities z = intensities(Map.of())) {
            var e = assertThrows(IllegalArgumentException.class, () -> GridOutlook.of(z, NOW, Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3)));
            assertTrue(e.getMessage().contains("120 minutes"), e.getMessage());
        }
    }

    @Test
    void jobSavings_plannedButNotRun_givesThePlannedSavingOnly() {
        JobSpec spec = new JobSpec("j", "j", NOW, 60, NOW.plus(Duration.ofHours(8)), 100, false, 0, 0, List.of("DE"), List.of("true"));
        JobPlan plan = new JobPlan("DE", List.of(new dev.greenloop.core.Interval(NOW.plus(Duration.ofHours(4)), NOW.plus(Duration.ofHours(5)))), 5, 20, NOW);
        JobSavings.Saving s = JobSavings.of(new StoredJob(spec, JobProgress.QUEUED.withPlan(plan), 1, NOW), null, null);
        assertEquals(15, s.plannedSavedGrams().getAsDouble(), 1e-12);
        assertEquals(NOW.plus(Duration.ofHours(4)), s.plannedStart().orElseThrow());
        assertTrue(s.savedGrams().isEmpty() && s.actualStart().isEmpty());
        assertEquals("not run yet", s.why());
    }
}
