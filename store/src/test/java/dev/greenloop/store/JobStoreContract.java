package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every job store must do, whatever the engine. Subclasses give a fresh, empty database per test. */
abstract class JobStoreContract {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** @return the configuration of this test's database; the same on every call within a test */
    protected abstract StoreConfig config();

    protected JobStore open() {
        JobStore jobs = Stores.openJobs(config());
        opened.add(jobs);
        return jobs;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    static JobSpec spec(String id, Instant submitted, List<String> command) {
        return new JobSpec(id, "train " + id, submitted, 90, submitted.plus(Duration.ofHours(12)), 250.5, true, 5, 10,
                List.of("DE", "FR"), command);
    }

    static JobPlan plan(Instant at) {
        return new JobPlan("FR", List.of(new Interval(at.plusSeconds(3600), at.plusSeconds(5400)),
                new Interval(at.plusSeconds(9000), at.plusSeconds(9600))), 12.25, 40.5, at);
    }

    @Test
    void submit_newJob_readsBackQueuedWithItsCommandExactly() {
        JobStore jobs = open();
        List<String> command = List.of("python", "train.py", "--name", "a b", "quote\"s", "line\nbreak", "ünï ☃");

        assertTrue(jobs.submit(spec("j1", T0, command), T0));

        StoredJob job = jobs.find("j1").orElseThrow();
        assertEquals(spec("j1", T0, command), job.spec());
        assertEquals(JobProgress.QUEUED, job.progress());
        assertEquals(1, job.version());
        assertEquals(List.of(new JobEvent("j1", T0, null, "queued", "submitted")), jobs.events("j1"));
    }

    @Test
    void submit_existingId_isRefusedAndKeepsTheFirst() {
        JobStore jobs = open();
        jobs.submit(spec("j1", T0, List.of("true")), T0);

        assertFalse(jobs.submit(spec("j1", T0.plusSeconds(5), List.of("false")), T0.plusSeconds(5)));

        assertEquals(List.of("true"), jobs.find("j1").orElseThrow().spec().command());
    }

    @Test
    void update_currentVersion_writesProgressAndAnEvent() {
        JobStore jobs = open();
        jobs.submit(spec("j1", T0, List.of("true")), T0);
        JobProgress planned = JobProgress.QUEUED.withState("planned").withPlan(plan(T0));

        StoredJob written = jobs.update("j1", 1, planned, T0.plusSeconds(1), "planned in FR").orElseThrow();

        assertEquals(2, written.version());
        assertEquals(written, jobs.find("j1").orElseThrow());
        JobProgress running = planned.withState("running").withHandle("local", "4242", 1).withSegment(T0.plusSeconds(3600), 30);
        jobs.update("j1", 2, running, T0.plusSeconds(2), "started");
        assertEquals(running, jobs.find("j1").orElseThrow().progress());
        assertEquals(List.of("queued", "planned", "running"), jobs.events("j1").stream().map(JobEvent::toState).toList());
        assertEquals("planned", jobs.events("j1").get(2).fromState());
    }

    @Test
    void update_staleVersion_writesNothing() {
        JobStore jobs = open();
        jobs.submit(spec("j1", T0, List.of("true")), T0);
        jobs.update("j1", 1, JobProgress.QUEUED.withState("cancelled"), T0, "cancelled by user");

        assertTrue(jobs.update("j1", 1, JobProgress.QUEUED.withState("running"), T0, "started").isEmpty());
        assertTrue(jobs.update("nope", 1, JobProgress.QUEUED.withState("running"), T0, "started").isEmpty());

        assertEquals("cancelled", jobs.find("j1").orElseThrow().state());
        assertEquals(2, jobs.events("j1").size());
    }

    @Test
    void update_twoWritersRaceOnOneVersion_exactlyOneWins() throws Exception {
        JobStore a = open();
        JobStore b = open();
        a.submit(spec("j1", T0, List.of("true")), T0);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<Boolean> fa = pool.submit(() -> a.update("j1", 1, JobProgress.QUEUED.withState("running"), T0, "a").isPresent());
            Future<Boolean> fb = pool.submit(() -> b.update("j1", 1, JobProgress.QUEUED.withState("running"), T0, "b").isPresent());
            assertTrue(fa.get() ^ fb.get(), "exactly one writer moves the job");
        }
        assertEquals(2, a.events("j1").size());
    }

    @Test
    void update_measuredRun_keepsItsIdAndExitCode() {
        Store store = Stores.open(config());
        opened.add(store);
        long run = store.startRun(Fixtures.newRun("train", T0));
        JobStore jobs = open();
        jobs.submit(spec("j1", T0, List.of("true")), T0);

        jobs.update("j1", 1, JobProgress.QUEUED.withState("done").withOutcome(run, 3), T0, "exited 3");

        JobProgress p = jobs.find("j1").orElseThrow().progress();
        assertEquals(run, p.runId());
        assertEquals(3, p.exitCode());
        assertNull(p.plan());
    }

    @Test
    void list_severalJobs_areBySubmissionThenIdAndSurviveReopening() {
        try (JobStore jobs = Stores.openJobs(config())) {
            jobs.submit(spec("b", T0.plusSeconds(10), List.of("b")), T0);
            jobs.submit(spec("c", T0, List.of("c", "1")), T0);
            jobs.submit(spec("a", T0.plusSeconds(10), List.of("a")), T0);
            jobs.update("c", 1, JobProgress.QUEUED.withState("planned").withPlan(plan(T0)), T0, "planned");
        }
        List<StoredJob> listed = open().list();
        assertEquals(List.of("c", "a", "b"), listed.stream().map(StoredJob::id).toList());
        assertEquals(List.of("c", "1"), listed.getFirst().spec().command());
        assertEquals(plan(T0), listed.getFirst().progress().plan());
    }
}
