package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.schedule.live.LiveScheduler;
import dev.greenloop.store.JobSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulingTest {

    @TempDir
    Path home;

    private final Instant now = Instant.parse("2026-11-22T12:00:00Z");

    private JobSpec spec(String id) {
        return new JobSpec(id, "train", now, 60, now.plus(Duration.ofHours(24)), 300, false, 0, 0, List.of(), List.of("true"));
    }

    @Test
    void submit_listFindEvents_roundTrip() {
        try (Scheduling s = Scheduling.open(Settings.load(Map.of("GREENLOOP_HOME", home.toString())))) {
            var job = s.submit(spec("a"), now).orElseThrow();
            assertEquals("a", job.id());
            assertEquals("queued", job.state());
            assertTrue(s.submit(spec("a"), now).isEmpty(), "a second job with the same id is refused");
            assertEquals(List.of("a"), s.list().stream().map(j -> j.id()).toList());
            assertEquals(1, s.events("a").size());
            assertTrue(s.measuredRun(job).isEmpty());
            assertTrue(s.location().contains(home.toString()), s.location());
        }
    }

    @Test
    void cancel_submittedJob_thenAlreadyEnded_thenUnknown() {
        try (Scheduling s = Scheduling.open(Settings.load(Map.of("GREENLOOP_HOME", home.toString())))) {
            s.submit(spec("b"), now);
            assertEquals(LiveScheduler.CancelResult.CANCELLED, s.cancel("b", now.plusSeconds(1)));
            assertEquals(LiveScheduler.CancelResult.ALREADY_ENDED, s.cancel("b", now.plusSeconds(2)));
            assertEquals(LiveScheduler.CancelResult.UNKNOWN, s.cancel("nope", now.plusSeconds(3)));
        }
    }

    @Test
    void runOptions_unknownExecutor_namesItAndTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Scheduling.RunOptions("k8s", List.of(), 1.0, Duration.ofSeconds(30), false, false));
        assertEquals("'k8s' is not local or slurm", e.getMessage());
    }

    @Test
    void submit_unknownZone_refusedWithSuggestions_knownZoneStoredAsTheTableSpellsIt() {
        try (Scheduling s = Scheduling.open(Settings.load(Map.of("GREENLOOP_HOME", home.toString())))) {
            JobSpec bad = new JobSpec("z", "train", now, 60, now.plus(Duration.ofHours(24)), 300, false, 0, 0, List.of("GERMANY"), List.of("true"));
            var e = assertThrows(ConfigException.class, () -> s.submit(bad, now));
            assertTrue(e.getMessage().startsWith("--zone: unknown grid zone 'GERMANY'") && e.getMessage().contains("DE"), e.getMessage());
            assertTrue(s.list().isEmpty(), "nothing stored");
            JobSpec lower = new JobSpec("y", "train", now, 60, now.plus(Duration.ofHours(24)), 300, false, 0, 0, List.of("es"), List.of("true"));
            assertEquals(List.of("ES"), s.submit(lower, now).orElseThrow().spec().zones());
        }
    }
}
