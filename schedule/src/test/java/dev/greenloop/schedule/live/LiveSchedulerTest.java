package dev.greenloop.schedule.live;

import dev.greenloop.testfixtures.SlurmCluster;
import dev.greenloop.testfixtures.TestClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Interval;
import dev.greenloop.schedule.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run loop on a fake clock, a fake executor and an in-memory queue. */
class LiveSchedulerTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration H = Duration.ofHours(1);

    final MemoryQueue queue = new MemoryQueue();
    final FakeExecutor exec = new FakeExecutor();
    final TestClock clock = new TestClock(T0);
    final List<String> measured = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    final RunMeter meter = (job, pid) -> {
        measured.add("begin " + job.id() + " pid " + pid);
        return code -> {
            measured.add("finish " + job.id() + " " + code);
            return new RunMeter.Measured(7, 12.5, clock.instant());
        };
    };

    static LiveJob queued(String id, int minutes, Duration window, boolean interruptible) {
        Job job = new Job(id, T0, minutes, T0.plus(window), 100, interruptible, 0, 0, List.of());
        return new LiveJob(job, id, List.of("true"), JobState.QUEUED, 1, null, null, null, 0, null, 0, null, null);
    }

    LiveScheduler scheduler(Forecasts f) {
        return new LiveScheduler(queue, exec, f, meter, clock, log::add);
    }

    @Test
    void tick_noIntensityDataForTheJobsZone_waitsUntilTheLatestStartThatMeetsTheDeadline() {
        // A provider outage must not run every waiting job at once: 20 h of slack stay 20 h of waiting for data.
        Job job = new Job("a", T0, 60, T0.plus(Duration.ofHours(20)), 100, false, 0, 0, List.of("ES"));
        queue.add(new LiveJob(job, "a", List.of("true"), JobState.QUEUED, 1, null, null, null, 0, null, 0, null, null));
        LiveScheduler s = scheduler(new FixedForecasts(T0, 3600, 500, 100, 500));

        s.tick(true);
        LiveJob planned = queue.get("a");
        assertEquals(JobState.PLANNED, planned.state());
        assertEquals(List.of(new Interval(T0.plus(Duration.ofHours(19)), T0.plus(Duration.ofHours(20)))), planned.plan().segments());
        assertTrue(queue.events.getLast().contains("latest start"), queue.events.getLast());

        clock.advance(Duration.ofHours(18));
        s.tick(true);
        assertEquals(List.of(), exec.calls);
        clock.advance(H);
        s.tick(true);
        assertEquals(JobState.RUNNING, queue.get("a").state());
    }

    @Test
    void tick_dataEndsBeforeTheWorkFits_waitsForMoreDataUntilTheLatestStart() {
        queue.add(queued("a", 180, Duration.ofHours(20), false));
        LiveScheduler s = scheduler(new FixedForecasts(T0, 3600, 500, 100));

        s.tick(true);
        // Was: started at once ("the forecast ends before the work fits"); now it waits for the forecast to roll on.
        assertEquals(List.of(new Interval(T0.plus(Duration.ofHours(17)), T0.plus(Duration.ofHours(20)))), queue.get("a").plan().segments());
        assertTrue(log.stream().anyMatch(l -> l.contains("the intensity data ends at " + T0.plus(H.multipliedBy(2)))), log.toString());
        assertEquals(List.of(), exec.calls);
    }

    @Test
    void tick_queuedJob_plansAtTheCleanestHourAndStartsThereNotBefore() {
        queue.add(queued("a", 60, Duration.ofHours(10), false));
        LiveScheduler s = scheduler(new FixedForecasts(T0, 3600, 500, 500, 100, 500, 500, 500, 500, 500, 500, 500, 500, 500));

        s.tick(true);
        LiveJob planned = queue.get("a");
        assertEquals(JobState.PLANNED, planned.state());
        assertEquals(List.of(new Interval(T0.plus(H.multipliedBy(2)), T0.plus(H.multipliedBy(3)))), planned.plan().segments());
        assertEquals(10.0, planned.plan().grams(), 1e-9);
        assertEquals(50.0, planned.plan().baselineGrams(), 1e-9);

        clock.advance(H);
        s.tick(true);
        assertEquals(JobState.PLANNED, queue.get("a").state());
        assertEquals(List.of(), exec.calls);

        clock.advance(H);
        s.tick(true);
        LiveJob running = queue.get("a");
        assertEquals(JobState.RUNNING, running.state());
        assertEquals(List.of("start a as 100"), exec.calls);
        assertEquals(List.of("begin a pid 100"), measured);

        exec.exit("100", 0);
        clock.advance(Duration.ofMinutes(50));
        s.tick(true);
        LiveJob done = queue.get("a");
        assertEquals(JobState.DONE, done.state());
        assertEquals(7L, done.runId());
        assertEquals(0, done.exitCode());
        assertEquals(3000, done.doneSeconds());
        assertTrue(queue.events.getLast().contains("measured 12.500 g (run 7) against 10.000 g planned"), queue.events.getLast());
    }

    @Test
    void tick_forecastShorterThanTheWindow_plansWithinTheForecastAndSaysSo() {
        // A 48 h deadline, a 6 h forecast (as a live provider gives a day or two): the job goes to the forecast's cleanest hour.
        queue.add(queued("a", 60, Duration.ofHours(48), false));
        LiveScheduler s = scheduler(new FixedForecasts(T0, 3600, 500, 400, 300, 90, 300, 500));

        s.tick(true);

        LiveJob planned = queue.get("a");
        assertEquals(List.of(new Interval(T0.plus(H.multipliedBy(3)), T0.plus(H.multipliedBy(4)))), planned.plan().segments());
        assertEquals(9.0, planned.plan().grams(), 1e-9);
        assertTrue(log.stream().anyMatch(l -> l.contains("within the data, which ends at " + T0.plus(H.multipliedBy(6)))), log.toString());
    }

    @Test
    void tick_planStartsInTheFirstMinute_startsAtOnceNotAtTheMinute() {
        clock.set(T0.plusSeconds(20));
        queue.add(queued("a", 60, Duration.ofHours(10), false));
        LiveScheduler s = scheduler(new FixedForecasts(T0, 3600, 100, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500));

        s.tick(true);
        assertEquals(T0.plusSeconds(20), queue.get("a").plan().start());
        s.tick(true);

        assertEquals(JobState.RUNNING, queue.get("a").state());
    }

    @Test
    void tick_forecastChanged_replansTheWaitingJob() {
        queue.add(queued("a", 60, Duration.ofHours(10), false));
        FixedForecasts f = new FixedForecasts(T0, 3600, 500, 500, 100, 500, 500, 500, 500, 500, 500, 500, 500, 500);
        LiveScheduler s = scheduler(f);
        s.tick(true);
        s.tick(true);
        assertEquals(T0.plus(H.multipliedBy(2)), queue.get("a").plan().start());

        f.set(T0, 3600, 500, 500, 500, 500, 500, 80, 500, 500, 500, 500, 500, 500);
        clock.advance(Duration.ofMinutes(10));
        s.tick(true);

        assertEquals(T0.plus(H.multipliedBy(5)), queue.get("a").plan().start());
        assertEquals(8.0, queue.get("a").plan().grams(), 1e-9);
        assertTrue(queue.events.getLast().contains("re-planned"), queue.events.getLast());
    }

    @Test
    void tick_sameForecast_doesNotReplan() {
        queue.add(queued("a", 60, Duration.ofHours(10), false));
        LiveScheduler s = scheduler(new FixedForecasts(T0, 3600, 500, 500, 100, 500, 500, 500, 500, 500, 500, 500, 500, 500));
        s.tick(true);
        long version = queue.get("a").version();

        clock.advance(Duration.ofMinutes(10));
        s.tick(true);

        assertEquals(version, queue.get("a").version());
    }

    @Test
    void tick_interruptibleJob_suspendsBetweenSegmentsAndResumes() {
        queue.add(queued("a", 120, Duration.ofHours(4), true));
        LiveScheduler s = scheduler(new FixedForecasts(T0, 3600, 100, 500, 100, 500, 500, 500));
        s.tick(true);
        assertEquals(List.of(new Interval(T0, T0.plus(H)), new Interval(T0.plus(H.multipliedBy(2)), T0.plus(H.multipliedBy(3)))),
                queue.get("a").plan().segments());
        s.tick(true);
        assertEquals(JobState.RUNNING, queue.get("a").state());

        clock.advance(H);
        s.tick(true);
        assertEquals(JobState.SUSPENDED, queue.get("a").state());
        assertEquals(3600, queue.get("a").doneSeconds());

        clock.advance(Duration.ofMinutes(30));
        s.tick(true);
        assertEquals(JobState.SUSPENDED, queue.get("a").state());

        clock.advance(Duration.ofMinutes(30));
        s.tick(true);
        assertEquals(JobState.RUNNING, queue.get("a").state());
        assertEquals(List.of("start a as 100", "suspend 100", "resume 100"), exec.calls);

        exec.exit("100", 0);
        clock.advance(H);
        s.tick(true);
        assertEquals(JobState.DONE, queue.get("a").state());
        assertEquals(7200, queue.get("a").doneSeconds());
    }

    @Test
    void reconcile_runningJobStillAlive_isAdoptedNotStartedAgain() {
        queue.add(queued("a", 60, Duration.ofHours(10), false));
        LiveScheduler first = scheduler(new FixedForecasts(T0, 3600, 100, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500));
        first.tick(true);
        first.tick(true);
        assertEquals(JobState.RUNNING, queue.get("a").state());

        LiveScheduler second = scheduler(new FixedForecasts(T0, 3600, 100, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500));
        second.reconcile();
        second.tick(true);
        exec.exit("100", 3);
        second.tick(true);

        assertEquals(List.of("start a as 100"), exec.calls);
        assertEquals(JobState.FAILED, queue.get("a").state());
        assertEquals(3, queue.get("a").exitCode());
        assertEquals(List.of("begin a pid 100", "begin a pid 100", "finish a 3"), measured);
    }

    @Test
    void reconcile_runningJobGone_isFailedAndNeverRerun() {
        queue.add(queued("a", 60, Duration.ofHours(10), false));
        LiveScheduler first = scheduler(new FixedForecasts(T0, 3600, 100, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500));
        first.tick(true);
        first.tick(true);
        exec.statuses.put("100", new Executor.Status.Lost("gone"));

        LiveScheduler second = scheduler(new FixedForecasts(T0, 3600, 100, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500));
        second.reconcile();
        second.tick(true);

        assertEquals(JobState.FAILED, queue.get("a").state());
        assertEquals(List.of("start a as 100"), exec.calls);
    }

    @Test
    void reconcile_markedRunningButNeverStarted_startsOnceAsPlanned() {
        LiveJob q = queued("a", 60, Duration.ofHours(10), false);
        LivePlan plan = new LivePlan("DE", List.of(new Interval(T0, T0.plus(H))), 10, 10, T0);
        queue.add(q.withState(JobState.RUNNING).withPlan(plan).withHandle("local", null, 1).withSegment(T0, 0));
        LiveScheduler s = scheduler(new FixedForecasts(T0, 3600, 100, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500));

        s.reconcile();
        assertEquals(JobState.PLANNED, queue.get("a").state());
        s.tick(true);

        assertEquals(List.of("start a as 100"), exec.calls);
        assertEquals(2, queue.get("a").attempt());
    }

    @Test
    void reconcile_startedButIdNotWritten_findsTheAttempt() {
        LiveJob q = queued("a", 60, Duration.ofHours(10), false);
        LivePlan plan = new LivePlan("DE", List.of(new Interval(T0, T0.plus(H))), 10, 10, T0);
        LiveJob marked = q.withState(JobState.RUNNING).withPlan(plan).withHandle("local", null, 1).withSegment(T0, 0);
        queue.add(marked);
        exec.start(marked, T0);
        exec.calls.clear();
        LiveScheduler s = scheduler(new FixedForecasts(T0, 3600, 100, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500));

        s.reconcile();
        s.tick(true);

        assertEquals("100", queue.get("a").externalId());
        assertEquals(JobState.RUNNING, queue.get("a").state());
        assertEquals(List.of(), exec.calls);
    }

    @Test
    void cancel_runningJob_stopsItAndTheRunnerStillStoresItsRun() {
        queue.add(queued("a", 60, Duration.ofHours(10), false));
        LiveScheduler s = scheduler(new FixedForecasts(T0, 3600, 100, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500));
        s.tick(true);
        s.tick(true);

        assertEquals(LiveScheduler.CancelResult.CANCELLED, LiveScheduler.cancel(queue, name -> exec, "a", clock.instant()));
        s.tick(true);

        assertEquals(JobState.CANCELLED, queue.get("a").state());
        assertEquals(7L, queue.get("a").runId());
        assertEquals(List.of("start a as 100", "cancel 100"), exec.calls);
        assertEquals(LiveScheduler.CancelResult.ALREADY_ENDED, LiveScheduler.cancel(queue, name -> exec, "a", clock.instant()));
        assertEquals(LiveScheduler.CancelResult.UNKNOWN, LiveScheduler.cancel(queue, name -> exec, "b", clock.instant()));
    }

    @Test
    void tick_deadlineTooClose_startsAtOnceAndSaysWhy() {
        clock.set(T0.plus(Duration.ofMinutes(30)));
        queue.add(queued("a", 60, H, false));
        LiveScheduler s = scheduler(new FixedForecasts(T0, 3600, 100, 500, 500));

        s.tick(true);

        assertEquals(clock.instant(), queue.get("a").plan().start());
        assertTrue(Double.isNaN(queue.get("a").plan().grams()));
        assertTrue(queue.events.stream().anyMatch(e -> e.contains("no longer fit before the deadline")), String.join("\n", queue.events));
        assertEquals(JobState.RUNNING, queue.get("a").state(), "started in the same pass");
    }

    @Test
    void tick_flatForecast_startsAtOnceNotAtARoundingMinimum() {
        clock.set(T0.plus(Duration.ofMinutes(17)).plusSeconds(3));
        queue.add(queued("a", 1, Duration.ofHours(2), false));
        double[] flat = new double[30];
        java.util.Arrays.fill(flat, 381.29);
        LiveScheduler s = scheduler(new FixedForecasts(T0.minus(H), 600, flat));

        s.tick(true);

        assertEquals(clock.instant(), queue.get("a").plan().start());
        assertEquals(JobState.RUNNING, queue.get("a").state());
    }
}
