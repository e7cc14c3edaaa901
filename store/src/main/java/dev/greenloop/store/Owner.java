package dev.greenloop.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that started a run, as stored with it: its id, its host and when it started. The start time tells a
 * live owner from another process that was given the same id after the owner ended.
 *
 * @param pid the process id
 * @param host the host name
 * @param startedAtMillis the process's start, UTC epoch milliseconds; null when the platform does not say
 */
record Owner(long pid, String host, Long startedAtMillis) {

    /** Start times of one process, read twice, may differ by the clock-tick rounding of the operating system. */
    private static final long START_TOLERANCE_MILLIS = 1_000;

    private static final String HOST = readHost();

    /** @return this process */
    static Owner current() {
        ProcessHandle self = ProcessHandle.current();
        return new Owner(self.pid(), HOST, self.info().startInstant().map(Instant::toEpochMilli).orElse(null));
    }

    /**
     * @return true if this owner is known to have ended: it ran on this host, and no process has its id, or the
     *     process with its id started at another time. An owner on another host cannot be told, and is not gone.
     */
    boolean isGone() {
        if (!HOST.equals(host)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive() || isZombie(pid)) {
            return true;
        }
        if (startedAtMillis == null) {
            return false;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return start.isPresent() && Math.abs(start.get().toEpochMilli() - startedAtMillis) > START_TOLERANCE_MILLIS;
    }

    /** @return true if a process with id {@code pid} is alive on this host */
    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !isZombie(pid);
    }

    /**
     * @return true if the process has ended and waits for its parent to collect its status (state Z in
     *     {@code /proc/<pid>/stat}): the JDK counts it as alive, but it measures nothing
     */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName >= 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // No /proc (not Linux), or it just ended: ProcessHandle has answered for it.
        }
    }

    private static String readHost() {
        // The kernel's name first: InetAddress may ask a name server, which can take seconds.
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not mounted: ask the JDK instead.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
