package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.JobProgress;
import dev.greenloop.store.JobSpec;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunKind;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import dev.greenloop.store.StoredJob;
import dev.greenloop.store.StoredRun;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Work spans from stored runs and jobs, and energy per unit of work grouped from them. */
class WorkSpanTest {

    static final Instant D1 = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant D2 = Instant.parse("2026-03-03T10:00:00Z");
    static final NodeInfo A = new NodeInfo("node-a", "DE", "", 1);

    static StoredRun run(long id, String node, RunKind kind, RunStatus status, Instant start, double joules, Map<String, String> tags) {
        NewRun n = new NewRun("r" + id, List.of("x"), tags, start, new NodeInfo(node, "DE", "", 1), kind);
        Optional<RunOutcome> outcome = status == RunStatus.RUNNING ? Optional.empty() : Optional.of(new RunOutcome(start.plusSeconds(60), 0,
                List.of(new RunComponent("psys", Scope.PSYS, Provenance.MEASURED, "", "", Energy.ofJoules(joules), Energy.ofJoules(joules),
                        Energy.ofJoules(joules), Energy.ofJoules(0))),
                new RunCarbon("DE", 300, "s", "src", 1, 0, 0)));
        return new StoredRun(id, n, status, outcome);
    }

    static StoredJob job(String id, String name, String state, Long runId) {
        JobSpec spec = new JobSpec(id, name, D1, 1, D2, 10, false, 0, 1, List.of(), List.of("true"));
        return new StoredJob(spec, JobProgress.QUEUED.withState(state).withOutcome(runId, 0), 1, D1);
    }

    @Test
    void on_runsOfTheNode_jobsThroughTheirRun_monitorAndOtherNodesLeftOut() {
        List<StoredRun> runs = List.of(
                run(1, "node-a", RunKind.MEASURE, RunStatus.FINISHED, D1, 100, Map.of("team", "search")),
                run(2, "node-a", RunKind.MONITOR, RunStatus.FINISHED, D1, 999, Map.of()),
                run(3, "node-b", RunKind.MEASURE, RunStatus.FINISHED, D1, 999, Map.of()),
                run(4, "node-a", RunKind.MEASURE, RunStatus.FINISHED, D2, 300, Map.of()),
                run(5, "node-a", RunKind.MEASURE, RunStatus.INTERRUPTED, D2, 50, Map.of()),
                run(6, "node-a", RunKind.MEASURE, RunStatus.RUNNING, D2, 0, Map.of()));
        List<StoredJob> jobs = List.of(job("j1", "etl", "done", 4L), job("j2", "etl", "queued", null));
        List<WorkSpan> spans = WorkSpan.on("node-a", runs, jobs);
        // By start, then id: runs 4 (as job j1), 5 and 6 start together.
        assertEquals(List.of("RUN:1", "RUN:5", "RUN:6", "JOB:j1"), spans.stream().map(s -> s.kind() + ":" + s.id()).toList());
        assertEquals(100, spans.get(0).joules().getAsDouble(), 1e-9);
        assertTrue(spans.get(1).joules().isEmpty(), "an interrupted run is not a whole unit of work");
        assertTrue(spans.get(2).end().isEmpty());
        assertEquals(D2.plusSeconds(5), spans.get(2).endOr(D2.plusSeconds(5)));
        assertEquals("etl", spans.get(3).name());
        assertEquals(300, spans.get(3).joules().getAsDouble(), 1e-9);
    }

    static WorkSpan span(WorkSpan.Kind kind, String name, Instant start, double joules, Map<String, String> tags) {
        return new WorkSpan(kind, name + start, name, start, Optional.of(start.plusSeconds(1)), OptionalDouble.of(joules), tags);
    }

    @Test
    void groups_perJobNamePerTagPerQuery_andPerDay() {
        List<WorkSpan> spans = List.of(
                span(WorkSpan.Kind.JOB, "etl", D1, 100, Map.of()),
                span(WorkSpan.Kind.JOB, "etl", D1.plusSeconds(5), 300, Map.of()),
                span(WorkSpan.Kind.JOB, "etl", D2, 200, Map.of()),
                span(WorkSpan.Kind.RUN, "serve", D1, 500, Map.of("team", "search", "queries", "1000")),
                span(WorkSpan.Kind.RUN, "serve", D2, 700, Map.of("team", "search", "queries", "many")),
                new WorkSpan(WorkSpan.Kind.RUN, "9", "going", D2, Optional.empty(), OptionalDouble.empty(), Map.of("team", "search")));
        List<PowerAnalysis.WorkGroup> groups = WorkEnergy.groups(spans);
        assertEquals(3, groups.size());
        PowerAnalysis.WorkGroup etl = groups.get(0);
        assertEquals("job", etl.kind());
        assertEquals(3, etl.count());
        assertEquals(200, etl.joulesPerUnit(), 1e-9); // (100 + 300 + 200) / 3
        assertEquals(List.of(new PowerAnalysis.WorkDay(LocalDate.of(2026, 3, 2), 2, 2, 400),
                new PowerAnalysis.WorkDay(LocalDate.of(2026, 3, 3), 1, 1, 200)), etl.days());
        assertEquals(200, etl.days().get(0).joulesPerUnit(), 1e-9);
        PowerAnalysis.WorkGroup team = groups.get(1);
        assertEquals("tag", team.kind());
        assertEquals("team=search", team.key());
        assertEquals(600, team.joulesPerUnit(), 1e-9); // (500 + 700) / 2; the running run has no energy yet
        PowerAnalysis.WorkGroup queries = groups.get(2);
        assertEquals("queries", queries.kind());
        assertEquals(1000, queries.units(), 1e-9); // "many" is not a count
        assertEquals(0.5, queries.joulesPerUnit(), 1e-9);
    }
}
