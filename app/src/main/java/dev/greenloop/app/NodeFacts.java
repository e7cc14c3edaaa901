package dev.greenloop.app;

import dev.greenloop.meter.proc.Procfs;
import dev.greenloop.store.NodeInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** This machine as the store records it. */
public final class NodeFacts {

    private NodeFacts() {
    }

    /**
     * @param procfs where to read the CPU model and memory
     * @param zone the node's grid zone
     * @param pue the site's PUE
     * @return this node: host name, zone, a hardware summary (which says so when procfs is unreadable), PUE
     */
    public static NodeInfo describe(Procfs procfs, String zone, double pue) {
        return new NodeInfo(hostname(), zone, hardware(procfs), pue);
    }

    /** @return this machine's host name ({@code /proc/sys/kernel/hostname}, else the resolver's, else {@code localhost}) */
    public static String hostname() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException e) {
            // Not Linux, or procfs hidden: ask the resolver instead.
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** @return a one-line hardware summary: CPU model, logical CPUs, memory */
    public static String hardware(Procfs procfs) {
        try {
            String cpu = procfs.cpuModelName().orElse("unknown CPU");
            int cpus = procfs.nodeCpu().logicalCpus();
            double gib = procfs.memTotalBytes() / (1024.0 * 1024 * 1024);
            return String.format(Locale.ROOT, "%s, %d CPUs, %.1f GiB", cpu, cpus, gib);
        } catch (IOException e) {
            // The summary is descriptive only: say what is known rather than fail the run.
            return Runtime.getRuntime().availableProcessors() + " CPUs (procfs unreadable: " + e.getMessage() + ")";
        }
    }
}
