package dev.greenloop.meter.rapl;

import dev.greenloop.meter.spi.Finding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the RAPL zone directories of a sysfs tree, from two places: the entries of
 * {@code class/powercap}, which the kernel makes symbolic links to the zones' real directories
 * (such as {@code ../../devices/virtual/powercap/intel-rapl/intel-rapl:0}; MMIO zones live under a
 * PCI device instead), and a walk of {@code devices/virtual/powercap}, for a tree where only
 * {@code devices} is mounted. A zone is found once however many ways lead to it.
 */
final class ZoneScanner {

    /** How deep zones nest under a control type: package, then its subzones, and a margin. */
    private static final int MAX_DEPTH = 6;

    /**
     * What a scan found.
     *
     * @param present true if either powercap directory exists
     * @param zones the RAPL zones, in {@link ZoneDir#ORDER}
     * @param findings links that lead nowhere, directories that cannot be listed, other control types
     */
    record Scan(boolean present, List<ZoneDir> zones, List<Finding> findings) {
    }

    private final Map<String, ZoneDir> zones = new HashMap<>();
    private final Set<String> otherTypes = new TreeSet<>();
    private final List<Finding> findings = new ArrayList<>();

    private ZoneScanner() {
    }

    /** Scans {@code sysfsRoot}; never throws for missing or unreadable entries, which become findings. */
    static Scan scan(Path sysfsRoot) {
        Path classDir = sysfsRoot.resolve("class").resolve("powercap");
        Path virtualDir = sysfsRoot.resolve("devices").resolve("virtual").resolve("powercap");
        boolean present = Files.isDirectory(classDir) || Files.isDirectory(virtualDir);
        ZoneScanner scanner = new ZoneScanner();
        if (Files.isDirectory(classDir)) {
            scanner.scanClass(classDir);
        }
        if (Files.isDirectory(virtualDir)) {
            scanner.walkDevices(virtualDir);
        }
        for (String type : scanner.otherTypes) {
            scanner.findings.add(new Finding("rapl", Finding.Status.SKIPPED, type,
                    "powercap control type '%s' is not RAPL; its zones are not read".formatted(type), ""));
        }
        List<ZoneDir> sorted = scanner.zones.values().stream().sorted(ZoneDir.ORDER).toList();
        return new Scan(present, sorted, List.copyOf(scanner.findings));
    }

    private void scanClass(Path classDir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(classDir)) {
            for (Path entry : entries) {
                Optional<ZoneDir> zone = ZoneDir.parse(entry.getFileName().toString(), entry);
                if (zone.isPresent() && keep(zone.get())) {
                    resolve(zone.get()).ifPresent(z -> zones.putIfAbsent(z.id(), z));
                }
            }
        } catch (IOException e) {
            findings.add(new Finding("rapl", Finding.Status.UNAVAILABLE, classDir.toString(),
                    "cannot list %s: %s".formatted(classDir, e), "check that this user may read " + classDir));
        }
    }

    private void walkDevices(Path virtualDir) {
        try (Stream<Path> dirs = Files.walk(virtualDir, MAX_DEPTH)) {
            dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS))
                    .map(d -> ZoneDir.parse(d.getFileName().toString(), d))
                    .flatMap(Optional::stream)
                    .filter(this::keep)
                    .filter(z -> !zones.containsKey(z.id()))
                    .forEach(z -> resolve(z).ifPresent(r -> zones.put(r.id(), r)));
        } catch (IOException | UncheckedIOException e) {
            findings.add(new Finding("rapl", Finding.Status.UNAVAILABLE, virtualDir.toString(),
                    "cannot walk %s: %s".formatted(virtualDir, e), "check that this user may read " + virtualDir));
        }
    }

    /** Notes a zone of another control type once; keeps RAPL zones. */
    private boolean keep(ZoneDir zone) {
        if (!zone.isRapl()) {
            otherTypes.add(zone.controlType());
        }
        return zone.isRapl();
    }

    private Optional<ZoneDir> resolve(ZoneDir zone) {
        try {
            Path real = zone.dir().toRealPath();
            if (Files.isDirectory(real)) {
                return Optional.of(new ZoneDir(zone.id(), zone.controlType(), zone.indices(), real));
            }
            findings.add(new Finding("rapl", Finding.Status.UNAVAILABLE, zone.id(),
                    "%s leads to %s, which is not a directory".formatted(zone.dir(), real), ""));
        } catch (IOException e) {
            // A link that leads nowhere: typically a host /sys mounted without the PCI device an MMIO zone lives under.
            findings.add(new Finding("rapl", Finding.Status.UNAVAILABLE, zone.id(),
                    "%s leads nowhere: %s".formatted(zone.dir(), e),
                    "mount the host's whole /sys (read-only) and set GREENLOOP_SYSFS_ROOT to it"));
        }
        return Optional.empty();
    }
}
