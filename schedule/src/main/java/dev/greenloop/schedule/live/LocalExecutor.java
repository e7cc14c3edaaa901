package dev.greenloop.schedule.live;

import dev.greenloop.core.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs jobs as processes of this machine. Each attempt gets a folder {@code <root>/<job id>/<attempt>/} with the
 * command's {@code stdout.log} and {@code stderr.log}, and two files written by a small {@code sh} wrapper:
 * {@code pid} before the command starts and {@code exit} (its exit code) after it ends. The wrapper is started
 * with {@code setsid}, so it leads a process group and session of its own: the job outlives the scheduler (a
 * restarted scheduler reads {@code exit}), and suspending sends {@code SIGSTOP} to the whole group, resuming
 * {@code SIGCONT}, cancelling {@code SIGTERM}.
 *
 * <p>External ids are {@code <pid>:<process start, epoch ms>}, so a recycled pid is not taken for the job.
 */
public final class LocalExecutor implements Executor {

    /** Writes the pid, runs the command, writes its exit code; files are renamed into place so readers never see half. */
    private static final String WRAPPER = "d=\"$1\"; shift; echo $$ > \"$d/pid.tmp\" && mv \"$d/pid.tmp\" \"$d/pid\"; "
            + "\"$@\"; c=$?; echo $c > \"$d/exit.tmp\" && mv \"$d/exit.tmp\" \"$d/exit\"; exit $c";

    private static final long PID_WAIT_MILLIS = 5_000;

    private final Path root;
    private final Map<Long, Process> children = new ConcurrentHashMap<>();
    private final Map<Long, Path> folders = new ConcurrentHashMap<>();

    /** @param root the folder that holds one folder per job */
    public LocalExecutor(Path root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public boolean startsAtPlannedTime() {
        return false;
    }

    /** @return the folder of the job's current attempt */
    public Path attemptFolder(LiveJob job) {
        return root.resolve(job.id()).resolve(Integer.toString(job.attempt()));
    }

    @Override
    public String start(LiveJob job, Instant plannedStart) {
        Path dir = attemptFolder(job);
        List<String> command = new ArrayList<>(List.of("setsid", "sh", "-c", WRAPPER, "greenloop-job", dir.toString()));
        command.addAll(job.command());
        Process p;
        try {
            PrivateFiles.createDirectories(dir);
            PrivateFiles.createFileIfAbsent(dir.resolve("stdout.log"));
            PrivateFiles.createFileIfAbsent(dir.resolve("stderr.log"));
            p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .redirectError(dir.resolve("stderr.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new ExecutorException("cannot start job %s: %s".formatted(job.id(), e.getMessage()), e);
        }
        long deadline = System.currentTimeMillis() + PID_WAIT_MILLIS;
        Path pidFile = dir.resolve("pid");
        while (!Files.exists(pidFile)) {
            if (System.currentTimeMillis() > deadline) {
                p.destroyForcibly();
                throw new ExecutorException("job %s: the wrapper did not write %s within %d ms".formatted(job.id(), pidFile, PID_WAIT_MILLIS));
            }
            if (!p.isAlive() && !Files.exists(pidFile)) {
                throw new ExecutorException("job %s: setsid sh exited %d before starting the command; see %s"
                        .formatted(job.id(), p.exitValue(), dir.resolve("stderr.log")));
            }
            sleep(5);
        }
        long pid = readPid(pidFile);
        if (pid == p.pid()) {
            children.put(pid, p);
        }
        return externalId(pid);
    }

    @Override
    public Optional<String> find(LiveJob job) {
        Path pidFile = attemptFolder(job).resolve("pid");
        return Files.exists(pidFile) ? Optional.of(externalId(readPid(pidFile))) : Optional.empty();
    }

    @Override
    public void reschedule(String externalId, Instant newStart) {
        throw new UnsupportedOperationException("the local executor starts jobs itself, at their planned time");
    }

    @Override
    public Status status(String externalId) {
        long pid = pidOf(externalId);
        Optional<Path> exitFile = folderOf(pid).map(d -> d.resolve("exit")).filter(Files::exists);
        if (exitFile.isPresent()) {
            children.remove(pid);
            try {
                return new Status.Exited(Integer.parseInt(Files.readString(exitFile.get(), StandardCharsets.US_ASCII).strip()));
            } catch (IOException | NumberFormatException e) {
                return new Status.Lost("unreadable exit file " + exitFile.get() + ": " + e.getMessage());
            }
        }
        Process child = children.get(pid);
        if (child != null) {
            if (child.isAlive()) {
                return new Status.Running();
            }
            children.remove(pid);
            return new Status.Exited(child.exitValue());
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isPresent() && h.get().isAlive() && startMillis(h.get()) == startOf(externalId)) {
            return new Status.Running();
        }
        return new Status.Lost("process %d is gone without an exit code (killed, or the machine restarted)".formatted(pid));
    }

    @Override
    public void suspend(String externalId) {
        signalGroup(externalId, "STOP");
    }

    @Override
    public void resume(String externalId) {
        signalGroup(externalId, "CONT");
    }

    @Override
    public void cancel(String externalId) {
        if (status(externalId) instanceof Status.Running) {
            // SIGTERM stays pending in a stopped group until SIGCONT. Failures are ignored: the group may end between the two.
            Commands.run(List.of("kill", "-s", "TERM", "--", "-" + pidOf(externalId)));
            Commands.run(List.of("kill", "-s", "CONT", "--", "-" + pidOf(externalId)));
        }
    }

    @Override
    public long pid(String externalId) {
        return pidOf(externalId);
    }

    /** Sends {@code SIGxxx} to the job's process group (its pid: the wrapper leads the group). */
    private static void signalGroup(String externalId, String signal) {
        Commands.check(List.of("kill", "-s", signal, "--", "-" + pidOf(externalId)));
    }

    /** Remembers which folder a pid's attempt is in, from the pid files under the root. */
    private Optional<Path> folderOf(long pid) {
        Path known = folders.get(pid);
        if (known != null) {
            return Optional.of(known);
        }
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (var jobs = Files.list(root)) {
            for (Path job : (Iterable<Path>) jobs::iterator) {
                if (!Files.isDirectory(job)) {
                    continue;
                }
                try (var attempts = Files.list(job)) {
                    for (Path a : (Iterable<Path>) attempts::iterator) {
                        Path pidFile = a.resolve("pid");
                        if (Files.exists(pidFile) && readPid(pidFile) == pid) {
                            folders.put(pid, a);
                            return Optional.of(a);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for the folder of process " + pid + " under " + root, e);
        }
        return Optional.empty();
    }

    private static String externalId(long pid) {
        return pid + ":" + ProcessHandle.of(pid).map(LocalExecutor::startMillis).orElse(0L);
    }

    private static long startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    private static long pidOf(String externalId) {
        int colon = externalId.indexOf(':');
        return Long.parseLong(colon < 0 ? externalId : externalId.substring(0, colon));
    }

    private static long startOf(String externalId) {
        int colon = externalId.indexOf(':');
        return colon < 0 ? 0 : Long.parseLong(externalId.substring(colon + 1));
    }

    private static long readPid(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            throw new ExecutorException("cannot read the pid file %s: %s".formatted(pidFile, e.getMessage()), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutorException("interrupted while starting a job", e);
        }
    }
}
