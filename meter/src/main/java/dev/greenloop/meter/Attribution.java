package dev.greenloop.meter;

import dev.greenloop.meter.proc.Procfs;
import java.io.IOException;

/**
 * The measured process tree's share of node energy, interval by interval: Δ tree CPU seconds /
 * Δ node busy CPU seconds, clamped to [0, 1]. See docs/attribution.md.
 */
final class Attribution {

    private final Procfs procfs;
    private final Workload workload;
    private final long self = ProcessHandle.current().pid();
    private final double childrenBaseline;
    private double lastTree;
    private double lastBusy;

    Attribution(Procfs procfs, Workload workload) throws IOException {
        this.procfs = procfs;
        this.workload = workload;
        this.childrenBaseline = workload instanceof Workload.ChildProcess || workload instanceof Workload.Command
                ? procfs.childrenCpuSeconds(self) : 0;
        this.lastTree = treeSeconds();
        this.lastBusy = workload instanceof Workload.None ? 0 : procfs.nodeCpu().busySeconds();
    }

    /** @return the tree's share of the node's energy since the previous call (or construction) */
    double nextShare() throws IOException {
        if (workload instanceof Workload.None) {
            return 0;
        }
        double tree = treeSeconds();
        double busy = procfs.nodeCpu().busySeconds();
        double dTree = Math.max(0, tree - lastTree);
        double dBusy = busy - lastBusy;
        lastTree = tree;
        lastBusy = busy;
        if (dBusy <= 0) {
            return 0;
        }
        return Math.min(1, dTree / dBusy);
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
            case Workload.Command c -> procfs.childrenCpuSeconds(self) - childrenBaseline + (c.pid() > 0 ? procfs.treeCpuSeconds(c.pid()) : 0);
            case Workload.ThisProcess t -> procfs.processCpuSeconds(self);
            case Workload.None n -> 0;
        };
    }
}
