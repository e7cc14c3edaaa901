package dev.greenloop.schedule.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.schedule.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local executor on real processes: exit codes, process-group suspend and resume, and a restarted executor. */
class LocalExecutorIT {

    @TempDir
    Path root;

    static LiveJob job(String id, int attempt, String... command) {
        Job spec = new Job(id, Instant.now(), 1, Instant.now().plus(Duration.ofHours(1)), 10, true, 0, 0, List.of());
        return new LiveJob(spec, id, List.of(command), JobState.RUNNING, 1, null, "local", null, attempt, null, 0, null, null);
    }

    static Executor.Status waitForEnd(Executor e, String ext) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            Executor.Status s = e.status(ext);
            if (!(s instanceof Executor.Status.Running)) {
                return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + ext + " still runs after 10 s");
    }

    @Test
    void start_commandExits_givesItsExitCodeAndKeepsItsOutput() throws Exception {
        LocalExecutor e = new LocalExecutor(root);
        LiveJob j = job("a", 1, "sh", "-c", "echo out; echo err >&2; exit 7");

        String ext = e.start(j, Instant.now());

        assertEquals(new Executor.Status.Exited(7), waitForEnd(e, ext));
        assertEquals("out\n", Files.readString(e.attemptFolder(j).resolve("stdout.log")));
        assertEquals("err\n", Files.readString(e.attemptFolder(j).resolve("stderr.log")));
        assertEquals(Long.parseLong(ext.split(":")[0]), e.pid(ext));
    }

    @Test
    void start_logsAndFoldersAreOwnerOnly() throws Exception {
        LocalExecutor e = new LocalExecutor(root.resolve("jobs"));
        LiveJob j = job("a", 1, "sh", "-c", "echo secret-argument");

        assertEquals(new Executor.Status.Exited(0), waitForEnd(e, e.start(j, Instant.now())));

        // Logs hold the job's output and the folder its command line: neither is for other users.
        Path dir = e.attemptFolder(j);
        for (Path folder : java.util.List.of(root.resolve("jobs"), dir.getParent(), dir)) {
            assertEquals("rwx------", perms(folder), folder.toString());
        }
        assertEquals("rw-------", perms(dir.resolve("stdout.log")));
        assertEquals("rw-------", perms(dir.resolve("stderr.log")));
    }

    private static String perms(Path p) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void start_missingCommand_exits127() throws Exception {
        LocalExecutor e = new LocalExecutor(root);

        String ext = e.start(job("a", 1, "/no/such/command"), Instant.now());

        assertEquals(new Executor.Status.Exited(127), waitForEnd(e, ext));
    }

    @Test
    void suspend_wholeProcessGroupStopsThenResumeContinues() throws Exception {
        LocalExecutor e = new LocalExecutor(root);
        Path ticks = root.resolve("ticks");
        // A child of the wrapper's child: the signal must reach the whole group, not only the leader.
        LiveJob j = job("a", 1, "sh", "-c", "i=0; while [ $i -lt 30 ]; do echo $i >> '" + ticks + "'; i=$((i+1)); sleep 0.05; done");
        String ext = e.start(j, Instant.now());
        try {
            waitForLines(ticks, 3);

            e.suspend(ext);
            Thread.sleep(200);
            long stopped = lines(ticks);
            Thread.sleep(400);
            assertEquals(stopped, lines(ticks), "no progress while suspended");
            assertInstanceOf(Executor.Status.Running.class, e.status(ext));

            e.resume(ext);
            assertEquals(new Executor.Status.Exited(0), waitForEnd(e, ext));
            assertEquals(30, lines(ticks));
        } finally {
            e.cancel(ext);   // never leave a stopped process group behind a failed assertion
        }
    }

    @Test
    void status_fromANewExecutor_seesTheRunningJobAndThenItsExitCode() throws Exception {
        LocalExecutor first = new LocalExecutor(root);
        LiveJob j = job("a", 2, "sh", "-c", "sleep 0.5; exit 4");
        String ext = first.start(j, Instant.now());

        LocalExecutor second = new LocalExecutor(root);
        assertEquals(ext, second.find(j).orElseThrow());
        assertInstanceOf(Executor.Status.Running.class, second.status(ext));
        assertEquals(new Executor.Status.Exited(4), waitForEnd(second, ext));
        assertTrue(second.find(job("a", 3, "true")).isEmpty(), "no such attempt");
    }

    @Test
    void status_processKilledWithoutExitCode_isLost() throws Exception {
        LocalExecutor e = new LocalExecutor(root);
        String ext = e.start(job("a", 1, "sleep", "30"), Instant.now());

        new ProcessBuilder("kill", "-KILL", "--", "-" + e.pid(ext)).start().waitFor();
        Thread.sleep(300);

        // A fresh executor has no Process object for it: the wrapper died without writing its exit file.
        assertInstanceOf(Executor.Status.Lost.class, waitForEnd(new LocalExecutor(root), ext));
    }

    @Test
    void cancel_runningJob_endsIt() throws Exception {
        LocalExecutor e = new LocalExecutor(root);
        String ext = e.start(job("a", 1, "sleep", "30"), Instant.now());

        e.cancel(ext);

        assertEquals(new Executor.Status.Exited(143), waitForEnd(e, ext));
    }

    private static void waitForLines(Path file, int n) throws InterruptedException, IOException {
        for (int i = 0; i < 200 && lines(file) < n; i++) {
            Thread.sleep(25);
        }
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }
}
