package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.schedule.live.LiveScheduler;
import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.JobSpec;
import dev.greenloop.store.JobStore;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.Stores;
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

    @Test
    void measuredEnergy_endedRunsSinceCutoff_countedComponentsOnly_unmeasuredAndOlderLeftOut() {
        Map<String, String> env = Map.of("GREENLOOP_HOME", home.toString());
        StoreConfig config = StoreConfig.fromEnvironment(env);
        long recent;
        long old;
        try (Store store = Stores.open(config)) {
            recent = store.startRun(new NewRun("train", List.of("true"), Map.of(), now, new NodeInfo("gpu-1", "DE", "x", 1.2)));
            store.finishRun(recent, new RunOutcome(now.plusSeconds(60), 0, List.of(
                    component("cpu-package-0", Scope.CPU_PACKAGE, "", 100),
                    component("core-0", Scope.CORE, "cpu-package-0", 70),
                    component("gpu-0", Scope.GPU, "", 250)),
                    new RunCarbon("DE", 400, "average-lifecycle-yearly", "test", 1.2, 0.1, 0.05)));
            old = store.startRun(new NewRun("old", List.of("true"), Map.of(), now.minus(Duration.ofDays(30)),
                    new NodeInfo("gpu-2", "DE", "x", 1.2)));
            store.finishRun(old, new RunOutcome(now.minus(Duration.ofDays(30)).plusSeconds(5), 0,
                    List.of(component("cpu", Scope.CPU, "", 5)),
                    new RunCarbon("DE", 400, "average-lifecycle-yearly", "test", 1.2, 0.1, 0.05)));
        }
        try (Scheduling s = Scheduling.open(Settings.load(env)); JobStore jobs = Stores.openJobs(config)) {
            s.submit(spec("measured"), now);
            s.submit(spec("queued"), now);
            s.submit(spec("old"), now);
            StoredJob measured = jobs.find("measured").orElseThrow();
            jobs.update("measured", measured.version(), measured.progress().withState("done").withOutcome(recent, 0), now, "ended");
            StoredJob older = jobs.find("old").orElseThrow();
            jobs.update("old", older.version(), older.progress().withState("done").withOutcome(old, 0), now, "ended");

            assertEquals(List.of(new Scheduling.JobEnergy("measured", "gpu-1", 350.0)), s.measuredEnergy(now.minus(Duration.ofDays(7))));
            assertEquals(2, s.measuredEnergy(now.minus(Duration.ofDays(31))).size());
        }
    }

    private static RunComponent component(String name, Scope scope, String partOf, double joules) {
        Energy e = Energy.ofJoules(joules);
        return new RunComponent(name, scope, Provenance.MEASURED, "test", partOf, e, e, e, Energy.ZERO);
    }
}
