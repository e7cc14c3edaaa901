package dev.greenloop.meter.proc;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads CPU time and a little hardware description from a Linux procfs tree, such as {@code /proc}
 * or a host's procfs mounted elsewhere ({@code $GREENLOOP_PROCFS_ROOT}).
 *
 * <p>All times are in seconds. procfs reports them in clock ticks of {@code USER_HZ}, which the
 * kernel fixes at 100 per second for user space on every architecture Linux supports
 * ({@code man 5 proc}: "measured in clock ticks (divide by sysconf(_SC_CLK_TCK))";
 * {@code man 7 time}); {@link #CLOCK_TICKS_PER_SECOND} is that constant.
 *
 * <p>{@link #treeCpuSeconds(long)} runs on the sampler's hot path once a second: it lists the
 * process directories once, reads each {@code stat} into one reused buffer and parses only the
 * fields it needs. Methods are safe to call from several threads; they serialise on this object.
 */
public final class Procfs {

    /** Clock ticks per second in which procfs reports CPU time ({@code USER_HZ}). */
    public static final int CLOCK_TICKS_PER_SECOND = 100;

    private final Path root;
    private final String rootPrefix;

    // Scratch state for the tree scan, reused across calls; guarded by this.
    private byte[] buf = new byte[1024];
    private final StatLine line = new StatLine();
    private PidSet tree = new PidSet();
    private PidSet previousTree = new PidSet();
    private long[] pids = new long[256];
    private long[] ppids = new long[256];
    private long[] ticks = new long[256];
    private long[] pgrps = new long[256];
    private long[] sessions = new long[256];
    private long[] starts = new long[256];
    private boolean[] member = new boolean[256];
    private StrayWatch strays;
    // Processes known to be outside the tree of outsideRoot. A process outside the tree can never
    // join it: a new process's parent is fixed at fork, and an orphan is re-parented to one of its
    // own ancestors (a subreaper or init), never into another subtree. So their stat files need not
    // be read again. Dead pids drop out at every scan; a full rescan every FULL_SCAN_EVERY calls
    // bounds the error from a pid re-used between two scans.
    static final int FULL_SCAN_EVERY = 60;
    private PidSet outside = new PidSet();
    private PidSet nextOutside = new PidSet();
    private long outsideRoot = -1;
    private int scansSinceFull;
    private boolean lastTreeFound;

    /**
     * @param root where procfs is mounted, usually {@code /proc}
     * @throws NullPointerException if {@code root} is null
     */
    public Procfs(Path root) {
        this.root = Objects.requireNonNull(root, "root");
        this.rootPrefix = root.toString() + File.separator;
    }

    /** @return the procfs root this instance reads */
    public Path root() {
        return root;
    }

    /**
     * Reads the node's cumulative CPU time from the first line of {@code stat}.
     *
     * @return busy and idle seconds summed over all logical CPUs, and their count
     * @throws IOException if {@code stat} cannot be read or its first line is not a {@code cpu} line
     */
    public NodeCpu nodeCpu() throws IOException {
        byte[] bytes = Files.readAllBytes(root.resolve("stat"));
        int end = indexOf(bytes, 0, (byte) '\n');
        if (end < 0) {
            end = bytes.length;
        }
        if (end < 4 || bytes[0] != 'c' || bytes[1] != 'p' || bytes[2] != 'u' || bytes[3] != ' ') {
            throw new IOException(root.resolve("stat") + ": first line is not the aggregate 'cpu' line");
        }
        // user nice system idle iowait irq softirq steal guest guest_nice; older kernels stop earlier.
        long[] v = new long[10];
        int n = parseLongs(bytes, 4, end, v);
        if (n < 4) {
            throw new IOException(root.resolve("stat") + ": 'cpu' line has " + n + " fields, expected at least 4");
        }
        // Steal is time the hypervisor ran someone else while this VM waited: no process here ran
        // and this VM's share of the host drew no power for it, so it is neither busy nor idle.
        long busy = v[0] + v[1] + v[2] + v[5] + v[6];
        long idle = v[3] + v[4];
        int cpus = 0;
        for (int i = end + 1; i + 3 < bytes.length; ) {
            if (bytes[i] == 'c' && bytes[i + 1] == 'p' && bytes[i + 2] == 'u' && isDigit(bytes[i + 3])) {
                cpus++;
            }
            int next = indexOf(bytes, i, (byte) '\n');
            if (next < 0) {
                break;
            }
            i = next + 1;
        }
        return new NodeCpu(seconds(busy), seconds(idle), Math.max(1, cpus));
    }

    /**
     * @param pid a process id
     * @return whether {@code pid} was in the tree found by the last {@link #treeCpuSeconds(long)} call
     */
    public synchronized boolean inLastTree(long pid) {
        return lastTreeFound && tree.contains(pid);
    }

    /**
     * CPU time of a process and all its live descendants: utime + stime + cutime + cstime of each.
     * The children terms make reaped descendants count too, once a tree member has waited for them.
     * Processes that vanish during the scan are skipped.
     *
     * <p>Every call lists the procfs root, but reads the {@code stat} file only of tree members and
     * of processes not seen before: processes once found outside the tree are remembered (see
     * {@link #FULL_SCAN_EVERY}), which keeps the per-second cost near the tree's size rather than
     * the machine's process count.
     *
     * @param rootPid the tree's root process
     * @return CPU seconds of the tree; 0 if {@code rootPid} does not exist
     * @throws IOException if the procfs root cannot be listed
     */
    public synchronized double treeCpuSeconds(long rootPid) throws IOException {
        String[] names = new File(rootPrefix).list();
        if (names == null) {
            throw new IOException("cannot list " + root);
        }
        ensureCapacity(names.length);
        boolean full = rootPid != outsideRoot || ++scansSinceFull >= FULL_SCAN_EVERY;
        if (full) {
            outside.clear(0);
            outsideRoot = rootPid;
            scansSinceFull = 0;
        }
        nextOutside.clear(outside.size() + 16);
        int count = 0;
        int rootIndex = -1;
        for (String name : names) {
            long pid = parsePid(name);
            if (pid <= 0) {
                continue;
            }
            if (pid != rootPid && outside.contains(pid)) {
                nextOutside.add(pid);
                continue;
            }
            if (!readStat(rootPrefix + name + "/stat")) {
                continue;
            }
            pids[count] = pid;
            ppids[count] = line.ppid;
            ticks[count] = line.utime + line.stime + line.cutime + line.cstime;
            pgrps[count] = line.pgrp;
            sessions[count] = line.session;
            starts[count] = line.starttime;
            member[count] = false;
            if (pid == rootPid) {
                rootIndex = count;
            }
            count++;
        }
        PidSet swapTree = previousTree;
        previousTree = tree;
        tree = swapTree;
        tree.clear(count);
        if (rootIndex < 0) {
            // The root has ended (and was reaped): nothing is in the tree, but what it left behind can still be seen.
            findStrays(count);
            outsideRoot = -1;
            lastTreeFound = false;
            return 0;
        }
        lastTreeFound = true;
        tree.add(rootPid);
        member[rootIndex] = true;
        long sum = ticks[rootIndex];
        // Children usually have higher pids than parents, so one pass finds most of the tree; repeat
        // until nothing is added to catch pid wrap-around and re-used pids.
        boolean added = true;
        while (added) {
            added = false;
            for (int i = 0; i < count; i++) {
                if (!member[i] && tree.contains(ppids[i])) {
                    member[i] = true;
                    tree.add(pids[i]);
                    sum += ticks[i];
                    added = true;
                }
            }
        }
        for (int i = 0; i < count; i++) {
            if (!member[i]) {
                nextOutside.add(pids[i]);
            }
        }
        findStrays(count);
        PidSet swap = outside;
        outside = nextOutside;
        nextOutside = swap;
        return seconds(sum);
    }

    /** Looks for strays among the processes this scan read and found outside the tree (see {@link StrayWatch}). */
    private void findStrays(int count) {
        if (strays == null) {
            return;
        }
        for (int i = 0; i < count; i++) {
            if (!member[i]) {
                strays.consider(pids[i], ppids[i], pgrps[i], sessions[i], starts[i], previousTree.contains(pids[i]));
            }
        }
        // A stray's children are strays too, whichever order the listing gave them in.
        boolean added = true;
        while (added) {
            added = false;
            for (int i = 0; i < count; i++) {
                if (!member[i] && !strays.isStray(pids[i]) && strays.isStray(ppids[i])) {
                    added = strays.consider(pids[i], ppids[i], pgrps[i], sessions[i], starts[i], false) || added;
                }
            }
        }
    }

    /**
     * Starts watching, at every {@link #treeCpuSeconds(long)} from now on, for processes that a measured command
     * (a child of this process) starts and that leave its tree: daemons and double forks, re-parented to init or a
     * subreaper. Call it before the command is started. See {@link #liveStrays()}.
     *
     * @return false, and nothing is watched, when this procfs does not show this process or has no {@code uptime}
     *     (a host's procfs seen from a container, a test's fake tree)
     * @throws IOException if this process's {@code stat} exists but cannot be read
     */
    public synchronized boolean watchStrays() throws IOException {
        long self = ProcessHandle.current().pid();
        long sinceTicks;
        try {
            String uptime = Files.readString(root.resolve("uptime"), StandardCharsets.US_ASCII).trim();
            sinceTicks = (long) Math.floor(Double.parseDouble(uptime.split("\\s+")[0]) * CLOCK_TICKS_PER_SECOND);
        } catch (NoSuchFileException | NumberFormatException e) {
            return false; // documented: no uptime here, so no start times to compare with
        }
        try {
            requireStat(self);
        } catch (NoSuchFileException e) {
            return false; // documented: this procfs does not show the measuring process
        }
        long pgrp = line.pgrp;
        long session = line.session;
        java.util.List<Long> ancestors = new java.util.ArrayList<>();
        long pid = line.ppid;
        // Bounded: a parent chain ends at init (pid 1) or at 0 outside this pid namespace.
        for (int depth = 0; pid > 1 && depth < 4096; depth++) {
            ancestors.add(pid);
            try {
                requireStat(pid);
            } catch (NoSuchFileException e) {
                break; // the ancestor just exited: the chain above it is the kernel's business, init is added anyway
            }
            pid = line.ppid;
        }
        strays = new StrayWatch(self, pgrp, session, sinceTicks, ancestors);
        return true;
    }

    /**
     * @return every process found leaving the measured tree since {@link #watchStrays()}, running or not, in the
     *     order found (a process that left and ended between two scans is not among them); empty when nothing is
     *     watched
     */
    public synchronized java.util.List<Long> seenStrays() {
        return strays == null ? java.util.List.of() : strays.seen().stream().map(java.util.Map.Entry::getKey).toList();
    }

    /**
     * @return the processes found leaving the measured tree since {@link #watchStrays()} that are still running
     *     now (not ended, not a zombie, not a later process given the same pid), in the order found; empty when
     *     nothing is watched
     */
    public synchronized java.util.List<Long> liveStrays() {
        if (strays == null) {
            return java.util.List.of();
        }
        java.util.List<Long> live = new java.util.ArrayList<>();
        for (var stray : strays.seen()) {
            String path = rootPrefix + stray.getKey() + "/stat";
            if (readStat(path) && line.state != 'Z' && line.state != 'X' && line.starttime == stray.getValue()) {
                live.add(stray.getKey());
            }
        }
        return live;
    }

    /**
     * @param pid a process
     * @return cutime + cstime: CPU seconds of the process's children that exited and were reaped
     * @throws IOException if the process does not exist ({@link NoSuchFileException}) or its stat is unreadable
     */
    public synchronized double childrenCpuSeconds(long pid) throws IOException {
        requireStat(pid);
        return seconds(line.cutime + line.cstime);
    }

    /**
     * @param pid a process
     * @return utime + stime: CPU seconds of the process itself, all its threads included
     * @throws IOException if the process does not exist ({@link NoSuchFileException}) or its stat is unreadable
     */
    public synchronized double processCpuSeconds(long pid) throws IOException {
        requireStat(pid);
        return seconds(line.utime + line.stime);
    }

    /**
     * @return {@code MemTotal} of {@code meminfo}, in bytes
     * @throws IOException if {@code meminfo} cannot be read or has no {@code MemTotal} line
     */
    public long memTotalBytes() throws IOException {
        for (String l : Files.readAllLines(root.resolve("meminfo"), StandardCharsets.US_ASCII)) {
            if (l.startsWith("MemTotal:")) {
                String[] parts = l.substring("MemTotal:".length()).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    long unit = parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? 1024 : 1;
                    return value * unit;
                } catch (NumberFormatException e) {
                    throw new IOException(root.resolve("meminfo") + ": bad MemTotal line '" + l + "'", e);
                }
            }
        }
        throw new IOException(root.resolve("meminfo") + ": no MemTotal line");
    }

    /**
     * @return the first {@code model name} of {@code cpuinfo}, trimmed; empty if there is none
     *     (ARM kernels describe CPUs by part number instead)
     * @throws IOException if {@code cpuinfo} cannot be read
     */
    public Optional<String> cpuModelName() throws IOException {
        for (String l : Files.readAllLines(root.resolve("cpuinfo"), StandardCharsets.UTF_8)) {
            if (l.startsWith("model name")) {
                int colon = l.indexOf(':');
                if (colon > 0) {
                    String value = l.substring(colon + 1).trim();
                    return value.isEmpty() ? Optional.empty() : Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    private void requireStat(long pid) throws IOException {
        String path = rootPrefix + pid + "/stat";
        try {
            int len = readFully(path);
            if (!line.parse(buf, len)) {
                throw new IOException(path + ": cannot parse");
            }
        } catch (FileNotFoundException e) {
            NoSuchFileException missing = new NoSuchFileException(path, null, "no such process " + pid);
            missing.initCause(e);
            throw missing;
        }
    }

    /** @return true if the stat file was read and parsed; false if the process vanished or the line is garbled */
    private boolean readStat(String path) {
        try {
            return line.parse(buf, readFully(path));
        } catch (IOException e) {
            // A process that exits mid-scan shows up as ENOENT on open or ESRCH on read: it is gone,
            // and its CPU time is in its parent's cutime/cstime once reaped, so skipping loses nothing.
            return false;
        }
    }

    private int readFully(String path) throws IOException {
        try (InputStream in = new FileInputStream(path)) {
            int len = 0;
            while (true) {
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    return len;
                }
                len += n;
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
            }
        }
    }

    private void ensureCapacity(int n) {
        if (pids.length < n) {
            int size = Math.max(n, pids.length * 2);
            pids = new long[size];
            ppids = new long[size];
            ticks = new long[size];
            pgrps = new long[size];
            sessions = new long[size];
            starts = new long[size];
            member = new boolean[size];
        }
    }

    private static long parsePid(String name) {
        int len = name.length();
        if (len == 0 || len > 18) {
            return -1;
        }
        long pid = 0;
        for (int i = 0; i < len; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            pid = pid * 10 + (c - '0');
        }
        return pid;
    }

    private static int parseLongs(byte[] b, int from, int to, long[] out) {
        int n = 0;
        int i = from;
        while (n < out.length) {
            while (i < to && b[i] == ' ') {
                i++;
            }
            if (i >= to || !isDigit(b[i])) {
                return n;
            }
            long value = 0;
            while (i < to && isDigit(b[i])) {
                value = value * 10 + (b[i] - '0');
                i++;
            }
            out[n++] = value;
        }
        return n;
    }

    private static int indexOf(byte[] b, int from, byte c) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static double seconds(long clockTicks) {
        return clockTicks / (double) CLOCK_TICKS_PER_SECOND;
    }
}
