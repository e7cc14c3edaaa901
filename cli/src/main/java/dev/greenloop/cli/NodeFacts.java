package dev.greenloop.cli;

import dev.greenloop.meter.proc.Procfs;
import dev.greenloop.store.NodeInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** This machine as the store records it. */
final class NodeFacts {

    private NodeFacts() {
    }

    static NodeInfo describe(Procfs procfs, String zone, double pue) {
        return new NodeInfo(hostname(), zone, hardware(procfs), pue);
    }

    static String hostname() {
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

    static String hardware(Procfs procfs) {
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
