package dev.greenloop.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedule submit|list|show|cancel|run} with the local executor: submit, list, show and cancel in process; the runner that is stopped, killed or left running in a child JVM. */
class ScheduleLiveIT {

    @TempDir
    Path home;

    Cli cli() {
        return Cli.inProcess(home);
    }

    Map<String, Object> show(String id) throws IOException {
        Cli.Result r = cli().run("schedule", "show", id, "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        return Json.flatten(r.stdout());
    }

    Map<String, Object> waitFor(String id, Predicate<Map<String, Object>> condition, Duration limit) throws Exception {
        Instant end = Instant.now().plus(limit);
        Map<String, Object> j = show(id);
        while (!condition.test(j)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("job " + id + " did not get there in " + limit + ": " + j.toString());
            }
            Thread.sleep(200);
            j = show(id);
        }
        return j;
    }

    void submit(String id, String... command) {
        List<String> args = new ArrayList<>(List.of("schedule", "submit", "--id", id, "--duration", "1m", "--deadline", "2h", "--power", "40", "--"));
        args.addAll(List.of(command));
        Cli.Result r = cli().run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.stderr());
    }

    @Test
    void submitRunOnce_localJob_isMeasuredAndShowsMeasuredBesidePlannedGrams() throws IOException {
        submit("train-1", "sh", "-c", "echo 'with spaces'; i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; exit 3");

        Cli.Result run = cli().run("schedule", "run", "--once");
        assertEquals(0, run.exitCode(), run.stderr());

        Map<String, Object> j = show("train-1");
        assertEquals("failed", j.get("state"), j.toString());
        assertEquals(3.0, j.get("exitCode"));
        assertTrue(j.get("plan.plannedGrams") instanceof Double);
        assertTrue(j.get("measured.grams") instanceof Double, j.toString());
        long runId = ((Double) j.get("runId")).longValue();
        Cli.Result runs = cli().run("runs", "show", Long.toString(runId), "--json");
        assertEquals(0, runs.exitCode(), runs.stderr());
        assertEquals("train-1", Json.flatten(runs.stdout()).get("tags.job"));
        assertEquals("with spaces\n", Files.readString(home.resolve("jobs/train-1/1/stdout.log")));

        Cli.Result text = cli().run("schedule", "show", "train-1");
        assertTrue(text.stdout().contains("measured     "), text.stdout());
        assertTrue(text.stdout().contains("exited 3; measured"), text.stdout());
        Cli.Result list = cli().run("schedule", "list");
        assertTrue(list.stdout().contains("train-1") && list.stdout().contains("failed"), list.stdout());
    }

    @Test
    void cancel_plannedJob_isNeverStarted() throws IOException {
        Path marker = home.resolve("ran");
        submit("later", "touch", marker.toString());

        assertEquals(0, cli().run("schedule", "cancel", "later").exitCode());
        Cli.Result run = cli().run("schedule", "run", "--once");

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals("cancelled", show("later").get("state"));
        assertFalse(Files.exists(marker));
        Cli.Result again = cli().run("schedule", "cancel", "later");
        assertEquals(1, again.exitCode());
        assertTrue(again.stderr().contains("already ended (cancelled)"), again.stderr());
    }

    @Test
    void cancel_runningJob_stopsItsProcessGroup() throws Exception {
        submit("long", "sh", "-c", "sleep 60; echo survived");
        Process runner = new Cli(home).start("schedule", "run", "--interval", "200ms");
        var err = background(runner);
        try {
            waitFor("long", j -> "running".equals(j.get("state")) && j.get("externalId") != null, Duration.ofSeconds(30));

            Cli.Result c = cli().run("schedule", "cancel", "long");

            assertEquals(0, c.exitCode(), c.stderr());
            Map<String, Object> j = waitFor("long", x -> x.get("runId") != null, Duration.ofSeconds(30));
            assertEquals("cancelled", j.get("state"));
            long pid = Long.parseLong(((String) j.get("externalId")).split(":")[0]);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the job's process is gone");
        } finally {
            runner.destroy();
            runner.waitFor(20, TimeUnit.SECONDS);
        }
        err.join();
    }

    @Test
    void run_killedWithSigkillAndRestarted_losesNoJobAndRunsNoneTwice() throws Exception {
        Path log = home.resolve("ran.log");
        for (String id : List.of("k1", "k2", "k3")) {
            submit(id, "sh", "-c", "echo " + id + " >> '" + log + "'; sleep 8");
        }
        Process first = new Cli(home).start("schedule", "run", "--interval", "200ms");
        background(first);
        for (String id : List.of("k1", "k2", "k3")) {
            waitFor(id, j -> "running".equals(j.get("state")) && j.get("externalId") != null, Duration.ofSeconds(30));
        }
        first.destroyForcibly();   // SIGKILL: no shutdown hook, nothing tidied up
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));

        Cli.Result second = cli().run("schedule", "run", "--interval", "200ms", "--exit-when-idle");

        assertEquals(0, second.exitCode(), second.stderr());
        assertTrue(second.stderr().contains("adopted"), second.stderr());
        for (String id : List.of("k1", "k2", "k3")) {
            Map<String, Object> j = show(id);
            assertEquals("done", j.get("state"), j.toString());
            assertEquals(1.0, j.get("attempt"));
        }
        List<String> ran = Files.readAllLines(log).stream().sorted().toList();
        assertEquals(List.of("k1", "k2", "k3"), ran, "each job ran exactly once");
    }

    @Test
    void run_traceFileRewritten_replansTheWaitingJob() throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Path trace = home.resolve("de.csv");
        writeTrace(trace, hour, 5);
        Cli.Result s = cli().run("schedule", "submit", "--id", "shift", "--duration", "30m", "--deadline", "20h", "--power", "100",
                "--zone", "DE", "--", "true");
        assertEquals(0, s.exitCode(), s.stderr());
        Process runner = new Cli(home).start("schedule", "run", "--trace", "DE=" + trace, "--interval", "200ms");
        var err = background(runner);
        try {
            Map<String, Object> planned = waitFor("shift", j -> j.get("plan.zone") != null, Duration.ofSeconds(30));
            String start = (String) planned.get("plan.segments[0].start");
            assertEquals(hour.plus(Duration.ofHours(5)), Instant.parse(start));
            assertEquals(5.0, (Double) planned.get("plan.plannedGrams"), 1e-9);

            writeTrace(trace, hour, 9);
            Map<String, Object> replanned = waitFor("shift", j -> !start.equals(j.get("plan.segments[0].start")), Duration.ofSeconds(30));

            assertEquals(hour.plus(Duration.ofHours(9)), Instant.parse((String) replanned.get("plan.segments[0].start")));
            assertEquals("planned", replanned.get("state"));
            assertTrue(replanned.values().stream().anyMatch(v -> v instanceof String t && t.startsWith("re-planned")), replanned.toString());
        } finally {
            runner.destroy();
            runner.waitFor(20, TimeUnit.SECONDS);
        }
        assertNotEquals("", err.join());
    }

    @Test
    void badInput_exits2NamingTheValue() {
        record Case(String expected, String... args) {
        }
        for (Case c : List.of(
                new Case("--power: 'lots'", "schedule", "submit", "--duration", "1h", "--deadline", "5h", "--power", "lots", "--", "true"),
                new Case("--deadline: 'friday'", "schedule", "submit", "--duration", "1h", "--deadline", "friday", "--power", "1", "--", "true"),
                new Case("--deadline: 2h leaves less", "schedule", "submit", "--duration", "3h", "--deadline", "2h", "--power", "1", "--", "true"),
                new Case("--id: 'a/b'", "schedule", "submit", "--id", "a/b", "--duration", "1h", "--deadline", "5h", "--power", "1", "--", "true"),
                new Case("apply to interruptible jobs", "schedule", "submit", "--duration", "1h", "--deadline", "5h", "--power", "1",
                        "--min-segment", "10m", "--", "true"),
                new Case("no job 'nope'", "schedule", "show", "nope"),
                new Case("no job 'nope'", "schedule", "cancel", "nope"),
                new Case("--executor: 'pbs'", "schedule", "run", "--executor", "pbs", "--once"),
                new Case("--trace: 'DE'", "schedule", "run", "--trace", "DE", "--once"),
                new Case("--trace: no such file", "schedule", "run", "--trace", "DE=/no/such.csv", "--once"))) {
            Cli.Result r = cli().run(c.args());
            assertEquals(2, r.exitCode(), String.join(" ", c.args()) + ": " + r.stderr());
            assertTrue(r.stderr().contains(c.expected()), r.stderr());
        }
    }

    /**
     * Reads a long-running child's output on threads of its own: {@link Cli#drain} uses the common pool, which a
     * runner that outlives many {@code show} calls would occupy on a 2-core machine.
     *
     * @return its stderr, once it has exited
     */
    private static java.util.concurrent.CompletableFuture<String> background(Process p) {
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread.ofPlatform().daemon().start(() -> {
            try (var in = p.getInputStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // The child's stdout is not checked; a broken pipe when it is killed is expected.
            }
        });
        Thread.ofPlatform().daemon().start(() -> {
            try (var in = p.getErrorStream()) {
                err.complete(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.completeExceptionally(e);
            }
        });
        return err;
    }

    /** An hourly time,value trace from 2 h before {@code hour} for 2 days: 500 everywhere but 100 at {@code hour + cleanHour}. */
    private static void writeTrace(Path file, Instant hour, int cleanHour) throws IOException {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
        StringBuilder b = new StringBuilder("time,value\n");
        for (int h = -2; h < 48; h++) {
            b.append(f.format(hour.plus(Duration.ofHours(h)))).append(',').append(h == cleanHour ? 100 : 500).append('\n');
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
