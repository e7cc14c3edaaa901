package dev.greenloop.schedule.live;

import dev.greenloop.testfixtures.SlurmCluster;
import dev.greenloop.testfixtures.TestClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.schedule.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Slurm executor against a real single-node Slurm (slurmctld, slurmd, munged): see {@link SlurmCluster}. */
class SlurmExecutorIT {

    private static SlurmCluster.Handle cluster;

    @TempDir
    Path root;

    @BeforeAll
    static void slurm() {
        cluster = SlurmCluster.ensure();
    }

    @AfterAll
    static void stop() {
        SlurmCluster.release(cluster);
    }

    SlurmExecutor executor() {
        return new SlurmExecutor(root, Instant::now, List.of(), cluster.conf());
    }

    static LiveJob job(String id, String... command) {
        Job spec = new Job(id, Instant.now(), 1, Instant.now().plus(Duration.ofHours(1)), 10, false, 0, 0, List.of());
        return new LiveJob(spec, id, List.of(command), JobState.PLANNED, 1, null, "slurm", null, 1, null, 0, null, null);
    }

    static Executor.Status waitWhile(Executor e, String ext, Class<?> state, Duration limit) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        Executor.Status s = e.status(ext);
        while (state.isInstance(s) && Instant.now().isBefore(end)) {
            Thread.sleep(200);
            s = e.status(ext);
        }
        return s;
    }

    @Test
    void start_beginInFuture_staysPendingUntilRescheduledThenRunsWithItsExitCode() throws Exception {
        SlurmExecutor e = executor();
        String unique = "it-" + System.nanoTime();
        LiveJob j = job(unique, "sh", "-c", "echo 'quoted arg'; exit 3");

        String ext = e.start(j, Instant.now().plus(Duration.ofHours(2)));
        Thread.sleep(2500);
        assertInstanceOf(Executor.Status.Pending.class, e.status(ext), "begin time two hours away");
        assertEquals(ext, e.find(j).orElseThrow());

        e.reschedule(ext, Instant.now().plusSeconds(1));
        Executor.Status s = waitWhile(e, ext, Executor.Status.Pending.class, Duration.ofSeconds(30));
        s = waitWhile(e, ext, Executor.Status.Running.class, Duration.ofSeconds(30));

        assertEquals(new Executor.Status.Exited(3), s);
        Path out = root.resolve(unique).resolve("1").resolve("slurm-" + ext + ".out");
        assertEquals("quoted arg\n", SlurmCluster.read(out));
    }

    @Test
    void suspend_runningJob_isSuspendedInSlurmAndResumes() throws Exception {
        SlurmExecutor e = executor();
        String ext = e.start(job("susp-" + System.nanoTime(), "sleep", "3"), Instant.now());
        assertInstanceOf(Executor.Status.Running.class, waitWhile(e, ext, Executor.Status.Pending.class, Duration.ofSeconds(30)));

        e.suspend(ext);
        assertTrue(Commands.check(List.of("scontrol", "show", "job", "-o", ext), env()).contains("JobState=SUSPENDED"));
        Thread.sleep(1000);
        e.resume(ext);

        assertEquals(new Executor.Status.Exited(0), waitWhile(e, ext, Executor.Status.Running.class, Duration.ofSeconds(30)));
    }

    @Test
    void cancel_pendingJob_endsNotSuccessfully() throws Exception {
        SlurmExecutor e = executor();
        String ext = e.start(job("cancel-" + System.nanoTime(), "true"), Instant.now().plus(Duration.ofHours(1)));

        e.cancel(ext);

        Executor.Status s = waitWhile(e, ext, Executor.Status.Pending.class, Duration.ofSeconds(10));
        assertInstanceOf(Executor.Status.Exited.class, s);
        assertTrue(((Executor.Status.Exited) s).exitCode() != 0, s.toString());
    }

    @Test
    void scheduler_throughSlurm_submitsWithBeginTimeAndRecordsTheEnd() throws Exception {
        Instant t0 = Instant.now();
        Instant hour = Instant.ofEpochSecond(Math.floorDiv(t0.getEpochSecond(), 3600) * 3600);
        MemoryQueue queue = new MemoryQueue();
        Job spec = new Job("sched-" + System.nanoTime(), t0, 1, t0.plus(Duration.ofHours(3)), 50, false, 0, 0, List.of());
        queue.add(new LiveJob(spec, "sched", List.of("sh", "-c", "exit 0"), JobState.QUEUED, 1, null, null, null, 0, null, 0, null, null));
        LiveScheduler s = new LiveScheduler(queue, executor(), new FixedForecasts(hour, 3600, 100, 200, 300, 400, 500),
                RunMeter.NONE, Clock.systemUTC(), line -> { });

        s.tick(true);
        s.tick(true);
        LiveJob submitted = queue.get(spec.id());
        assertEquals("slurm", submitted.executor());
        Instant end = Instant.now().plusSeconds(60);
        while (!queue.get(spec.id()).state().ended() && Instant.now().isBefore(end)) {
            Thread.sleep(300);
            s.tick(true);
        }

        assertEquals(JobState.DONE, queue.get(spec.id()).state(), String.join("\n", queue.events));
        assertEquals(0, queue.get(spec.id()).exitCode());
        assertTrue(Files.exists(root.resolve(spec.id()).resolve("1").resolve("job.sh")));
    }

    private static java.util.Map<String, String> env() {
        return cluster.conf() == null ? java.util.Map.of() : java.util.Map.of("SLURM_CONF", cluster.conf().toString());
    }
}
