package dev.greenloop.meter;

import dev.greenloop.meter.proc.Procfs;
import java.io.IOException;

/**
 * The measured process tree's share of the node's dynamic energy, interval by interval: Δ tree CPU seconds /
 * Δ node busy CPU seconds, clamped to [0, 1]; and the node's CPU utilisation in the same interval, Δ busy /
 * (Δ busy + Δ idle), which splits an energy counter's reading into idle and dynamic power. See
 * docs/attribution.md.
 */
final class Attribution {

    private final Procfs procfs;
    private final Workload workload;
    private final long self = ProcessHandle.current().pid();
    private final double childrenBaseline;
    private double lastTree;
    private double lastBusy;
    private double lastIdle;
    private boolean nodeKnown;
    private double utilisation = 1;

    Attribution(Procfs procfs, Workload workload) throws IOException {
        this.procfs = procfs;
        this.workload = workload;
        boolean child = workload instanceof Workload.ChildProcess || workload instanceof Workload.Command;
        this.childrenBaseline = child ? procfs.childrenCpuSeconds(self) : 0;
        if (child) {
            procfs.watchStrays();
        }
        this.lastTree = treeSeconds();
        if (workload instanceof Workload.None) {
            try {
                readNode();
            } catch (IOException e) {
                // Node sampling attributes nothing: without /proc/stat it only cannot split counters' idle power,
                // and the utilisation stays 1 (all dynamic), as nextShare() says.
            }
        } else {
            readNode();
        }
    }

    private NodeCpuDelta readNode() throws IOException {
        var node = procfs.nodeCpu();
        NodeCpuDelta d = new NodeCpuDelta(node.busySeconds() - lastBusy, node.idleSeconds() - lastIdle, nodeKnown);
        lastBusy = node.busySeconds();
        lastIdle = node.idleSeconds();
        nodeKnown = true;
        return d;
    }

    private record NodeCpuDelta(double busy, double idle, boolean valid) {
    }

    /**
     * Reads the node's and the tree's CPU time, updates {@link #utilisation()}, and returns the tree's share.
     *
     * @return the tree's share of the node's dynamic energy since the previous call (or construction)
     * @throws IOException if {@code /proc/stat} or the tree cannot be read; the utilisation keeps its last value
     */
    double nextShare() throws IOException {
        NodeCpuDelta node;
        if (workload instanceof Workload.None) {
            try {
                node = readNode();
            } catch (IOException e) {
                // Node sampling attributes nothing; without /proc/stat the utilisation keeps its last value (all
                // dynamic at first), which only moves energy between idle and dynamic, never loses it.
                return 0;
            }
        } else {
            node = readNode();
        }
        double dBusy = node.busy();
        // An interval without a clock tick (or counters that went back) keeps the previous utilisation.
        if (node.valid() && dBusy >= 0 && node.idle() >= 0 && dBusy + node.idle() > 0) {
            utilisation = dBusy / (dBusy + node.idle());
        }
        if (workload instanceof Workload.None) {
            return 0;
        }
        double tree = treeSeconds();
        double dTree = Math.max(0, tree - lastTree);
        lastTree = tree;
        if (dBusy <= 0) {
            return 0;
        }
        return Math.min(1, dTree / dBusy);
    }

    /**
     * @return the node's CPU utilisation over the interval of the last {@link #nextShare()}, in [0, 1]: Δ busy /
     *     (Δ busy + Δ idle) CPU seconds; 1 before any interval with a clock tick (nothing is called idle then)
     */
    double utilisation() {
        return utilisation;
    }

    /**
     * @return whether a process belonged to the measured tree at the last {@link #nextShare()}
     *     (the tree scan of a child command; this JVM's pid for in-process tracking)
     */
    boolean inTree(long pid) {
        return switch (workload) {
            case Workload.ChildProcess c -> procfs.inLastTree(pid);
            case Workload.Command c -> c.pid() > 0 && procfs.inLastTree(pid);
            case Workload.ThisProcess t -> pid == self;
            case Workload.None n -> false;
        };
    }

    private double treeSeconds() throws IOException {
        return switch (workload) {
            // Reaped descendants land in this JVM's children times; live ones are read from the tree.
            case Workload.ChildProcess c -> procfs.childrenCpuSeconds(self) - childrenBaseline + procfs.treeCpuSeconds(c.pid());
            case Workload.Command c when c.cgroup().isPresent() -> {
                // The tree scan still runs: GPUs ask who is in the tree, and it notices processes leaving the tree.
                if (c.pid() > 0) {
                    procfs.treeCpuSeconds(c.pid());
                }
                yield c.cgroup().get().cpuSeconds();
            }
            case Workload.Command c -> procfs.childrenCpuSeconds(self) - childrenBaseline + (c.pid() > 0 ? procfs.treeCpuSeconds(c.pid()) : 0);
            case Workload.ThisProcess t -> procfs.processCpuSeconds(self);
            case Workload.None n -> 0;
        };
    }

    /**
     * @return processes the command started that left its tree (daemons, double forks), in the order found: all
     *     of them, since none of their CPU time after they left was counted; in a cgroup, which counted them until
     *     now, those still running. Empty for in-process tracking and node sampling, and where the procfs does not
     *     show this process (see {@link Procfs#watchStrays()})
     */
    java.util.List<Long> strays() {
        return switch (workload) {
            case Workload.Command c when c.cgroup().isPresent() -> procfs.liveStrays();
            case Workload.Command c -> procfs.seenStrays();
            case Workload.ChildProcess c -> procfs.seenStrays();
            case Workload.ThisProcess t -> java.util.List.of();
            case Workload.None n -> java.util.List.of();
        };
    }
}
