package dev.greenloop.meter.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cgroup v2 of its own for one measured command, created under this process's own cgroup, as Kepler attributes
 * containers by their cgroup: every process the command starts is in it, daemons and double forks included, and its
 * {@code cpu.stat} {@code usage_usec} is their CPU time, reaped or not.
 *
 * <p>Use: {@link #open()}; around the spawn, {@link #enter()} moves this process in (so the command is born in the
 * cgroup, before it can fork) and {@link #leave()} moves it back; read {@link #cpuSeconds()} while measuring;
 * {@link #close()} moves whatever is left (a daemon) back to the parent cgroup and removes the cgroup.
 * This process's own CPU time between enter and leave (the spawn) is counted with the command's.
 */
public final class CommandCgroup implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Path dir;
    private final Path parent;
    private final long self = ProcessHandle.current().pid();

    private CommandCgroup(Path dir, Path parent) {
        this.dir = dir;
        this.parent = parent;
    }

    /**
     * What {@link #open()} found: the cgroup, or why there is none.
     *
     * @param cgroup the new cgroup, empty when none could be made
     * @param detail the cgroup's path, or why there is none (no cgroup v2 hierarchy, not writable...)
     */
    public record Opened(Optional<CommandCgroup> cgroup, String detail) {
    }

    /**
     * Creates a child cgroup of this process's own cgroup v2, named {@code greenloop-PID-N}. Never throws: where
     * cgroup v2 is not mounted, or this process's cgroup is not writable (an unprivileged user outside a systemd
     * delegated scope), the result says why.
     */
    public static Opened open() {
        Path base;
        try {
            base = ownCgroup(Path.of("/proc/self/mountinfo"), Path.of("/proc/self/cgroup"));
        } catch (IOException e) {
            return new Opened(Optional.empty(), e.getMessage());
        }
        Path dir = base.resolve("greenloop-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            return new Opened(Optional.empty(), "cannot create a cgroup in " + base + ": " + reason(e));
        }
        if (!Files.isReadable(dir.resolve("cpu.stat"))) {
            delete(dir);
            return new Opened(Optional.empty(), base + ": a new cgroup has no readable cpu.stat");
        }
        CommandCgroup cgroup = new CommandCgroup(dir, base);
        // Try the move the spawn will need now, while nothing depends on it: without write access to the common
        // ancestor's cgroup.procs (cgroup v2 delegation rules) the kernel refuses it.
        try {
            cgroup.enter();
        } catch (IOException e) {
            delete(dir);
            return new Opened(Optional.empty(), "cannot move into a cgroup in " + base + ": " + reason(e));
        }
        try {
            cgroup.leave();
        } catch (IOException e) {
            return new Opened(Optional.empty(), "moved into " + dir + " but cannot move back to " + base + ": " + reason(e)
                    + "; this process stays in it");
        }
        return new Opened(Optional.of(cgroup), dir.toString());
    }

    /** @return this process's cgroup v2 directory, from the cgroup2 mount and the {@code 0::} line */
    static Path ownCgroup(Path mountinfo, Path cgroup) throws IOException {
        String mountRoot = null;
        String mountPoint = null;
        for (String line : Files.readAllLines(mountinfo, StandardCharsets.UTF_8)) {
            int dash = line.indexOf(" - ");
            String[] f = line.split(" ");
            if (dash > 0 && f.length > 4 && line.substring(dash + 3).startsWith("cgroup2 ")) {
                mountRoot = f[3];
                mountPoint = f[4];
                break;
            }
        }
        if (mountPoint == null) {
            throw new IOException("no cgroup v2 hierarchy is mounted");
        }
        String path = null;
        for (String line : Files.readAllLines(cgroup, StandardCharsets.UTF_8)) {
            if (line.startsWith("0::")) {
                path = line.substring(3);
            }
        }
        if (path == null) {
            throw new IOException("this process is in no cgroup v2 (" + cgroup + " has no '0::' line)");
        }
        if (!mountRoot.equals("/")) {
            if (!path.startsWith(mountRoot)) {
                throw new IOException("this process's cgroup " + path + " is outside the cgroup2 mount's root " + mountRoot);
            }
            path = path.substring(mountRoot.length());
        }
        return Path.of(mountPoint, path.isEmpty() ? "/" : path);
    }

    /** @return the cgroup's directory */
    public Path path() {
        return dir;
    }

    /**
     * Moves this process (all its threads) into the cgroup: a process it starts now is born there.
     *
     * @throws IOException if the kernel refuses (no permission on the common ancestor, a threaded cgroup)
     */
    public void enter() throws IOException {
        write(dir.resolve("cgroup.procs"), self);
    }

    /**
     * Moves this process back to the cgroup it came from.
     *
     * @throws IOException if the kernel refuses
     */
    public void leave() throws IOException {
        write(parent.resolve("cgroup.procs"), self);
    }

    /**
     * @return the CPU seconds of every process that has been in the cgroup, since it was made ({@code usage_usec})
     * @throws IOException if {@code cpu.stat} cannot be read or has no {@code usage_usec}
     */
    public double cpuSeconds() throws IOException {
        for (String line : Files.readAllLines(dir.resolve("cpu.stat"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("usage_usec ")) {
                try {
                    return Long.parseLong(line.substring("usage_usec ".length()).trim()) / 1e6;
                } catch (NumberFormatException e) {
                    throw new IOException(dir.resolve("cpu.stat") + ": bad line '" + line + "'", e);
                }
            }
        }
        throw new IOException(dir.resolve("cpu.stat") + ": no usage_usec line");
    }

    /**
     * Moves every process still in the cgroup (a daemon the command left running) back to the parent cgroup, and
     * removes the cgroup.
     *
     * @throws IllegalStateException naming the cgroup if it cannot be removed (it is then left behind, empty or not)
     */
    @Override
    public void close() {
        try {
            for (int attempt = 0; attempt < 3 && Files.isDirectory(dir); attempt++) {
                for (String pid : Files.readAllLines(dir.resolve("cgroup.procs"), StandardCharsets.US_ASCII)) {
                    if (!pid.isBlank()) {
                        try {
                            write(parent.resolve("cgroup.procs"), Long.parseLong(pid.trim()));
                        } catch (IOException e) {
                            // the process ended meanwhile (ESRCH): nothing to move
                        }
                    }
                }
                try {
                    Files.delete(dir);
                    return;
                } catch (IOException e) {
                    // a process forked while being moved (EBUSY): move again
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove the measured command's cgroup " + dir + ": " + reason(e), e);
        }
        if (Files.isDirectory(dir)) {
            throw new IllegalStateException("cannot remove the measured command's cgroup " + dir + ": still busy");
        }
    }

    private static void write(Path file, long pid) throws IOException {
        Files.write(file, List.of(Long.toString(pid)), StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
    }

    private static void delete(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // an empty cgroup just made: removing it cannot fail but for a race with another remover; nothing is lost
        }
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(e.getMessage());
    }
}
