package dev.greenloop.meter.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a fake procfs tree for tests. */
public final class FakeProcfs {

    private final Path root;

    public FakeProcfs(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Writes {@code PID/stat} with the given comm, ppid and times in clock ticks. */
    public FakeProcfs process(long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime) throws IOException {
        Path dir = Files.createDirectories(root.resolve(Long.toString(pid)));
        // Fields 1..17 as man 5 proc lists them, then a few more as the kernel writes.
        String line = "%d (%s) S %d %d %d 0 -1 4194304 120 0 3 0 %d %d %d %d 20 0 1 0 12345 1000000 200 18446744073709551615\n"
                .formatted(pid, comm, ppid, pid, pid, utime, stime, cutime, cstime);
        Files.writeString(dir.resolve("stat"), line);
        return this;
    }

    /**
     * Writes {@code PID/stat} with the fields stray detection reads: state, ppid, process group, session and
     * start time (clock ticks since boot); no CPU time.
     */
    public FakeProcfs process(long pid, char state, long ppid, long pgrp, long session, long starttime) throws IOException {
        Path dir = Files.createDirectories(root.resolve(Long.toString(pid)));
        String line = "%d (p%d) %c %d %d %d 0 -1 4194304 120 0 3 0 0 0 0 0 20 0 1 0 %d 1000000 200 18446744073709551615\n"
                .formatted(pid, pid, state, ppid, pgrp, session, starttime);
        Files.writeString(dir.resolve("stat"), line);
        return this;
    }

    /** Writes {@code uptime}: seconds since boot, and idle seconds. */
    public FakeProcfs uptime(double seconds) throws IOException {
        Files.writeString(root.resolve("uptime"), String.format(java.util.Locale.ROOT, "%.2f 1.00%n", seconds));
        return this;
    }

    /** Removes {@code PID}, as when the process ended and was reaped. */
    public FakeProcfs gone(long pid) throws IOException {
        Path dir = root.resolve(Long.toString(pid));
        Files.deleteIfExists(dir.resolve("stat"));
        Files.deleteIfExists(dir);
        return this;
    }

    /** Writes {@code stat} with an aggregate line and {@code cpus} per-CPU lines, times in ticks. */
    public FakeProcfs stat(int cpus, long user, long nice, long system, long idle, long iowait, long irq, long softirq, long steal, long guest, long guestNice)
            throws IOException {
        StringBuilder sb = new StringBuilder("cpu  %d %d %d %d %d %d %d %d %d %d\n"
                .formatted(user, nice, system, idle, iowait, irq, softirq, steal, guest, guestNice));
        for (int i = 0; i < cpus; i++) {
            sb.append("cpu%d %d %d %d %d %d %d %d %d %d %d\n".formatted(i, user / cpus, nice / cpus, system / cpus, idle / cpus, iowait / cpus,
                    irq / cpus, softirq / cpus, steal / cpus, guest / cpus, guestNice / cpus));
        }
        sb.append("intr 1234 0 0\nctxt 5678\nbtime 1700000000\nprocesses 999\nprocs_running 1\nprocs_blocked 0\nsoftirq 1 2 3\n");
        Files.writeString(root.resolve("stat"), sb.toString());
        return this;
    }

    /** Writes {@code stat} with busy (as user) and idle ticks only. */
    public FakeProcfs stat(int cpus, long busy, long idle) throws IOException {
        return stat(cpus, busy, 0, 0, idle, 0, 0, 0, 0, 0, 0);
    }

    public FakeProcfs meminfo(long kib) throws IOException {
        Files.writeString(root.resolve("meminfo"), "MemTotal:       %d kB\nMemFree:         1000 kB\nMemAvailable:    2000 kB\n".formatted(kib));
        return this;
    }

    public FakeProcfs cpuinfo(String modelName, int cpus) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cpus; i++) {
            sb.append("processor\t: %d\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\nmodel name\t: %s\nflags\t\t: fpu vme\n\n".formatted(i, modelName));
        }
        Files.writeString(root.resolve("cpuinfo"), sb.toString());
        return this;
    }
}
