package dev.greenloop.meter.rapl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A powercap sysfs tree laid out as the kernel lays it out: zone directories under
 * {@code devices/virtual/powercap/intel-rapl} (MMIO ones under a PCI device), subzones nested in
 * their parent, and {@code class/powercap} entries that are relative symbolic links to them.
 */
final class FakePowercap {

    /** The range Intel parts report: 2^32 - 1 counts of 61.035 µJ. */
    static final long INTEL_RANGE_UJ = 262_143_328_850L;

    private static final String MMIO_PARENT = "devices/pci0000:00/0000:00:04.0/powercap";

    private final Path root;

    FakePowercap(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** Adds a zone such as {@code intel-rapl:0} or {@code intel-rapl:0:2}; its parent must exist. */
    FakePowercap zone(String id, String name, long energyUj, long rangeUj) {
        try {
            Path dir = dirOf(id);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("name"), name + "\n");
            Files.writeString(dir.resolve("energy_uj"), energyUj + "\n");
            Files.writeString(dir.resolve("max_energy_range_uj"), rangeUj + "\n");
            Files.writeString(dir.resolve("enabled"), "1\n");
            constraint(dir, 0, "long_term", 15_000_000, 999_424, 125_000_000);
            constraint(dir, 1, "short_term", 25_000_000, 2_440, 0);
            Path classDir = Files.createDirectories(root.resolve("class/powercap"));
            Path typeLink = classDir.resolve(controlType(id));
            if (!Files.isSymbolicLink(typeLink)) {
                Files.createSymbolicLink(typeLink, classDir.relativize(typeDir(id)));
            }
            Files.createSymbolicLink(classDir.resolve(id), classDir.relativize(dir));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes one constraint's files as the kernel exposes them; all of them writable here, as
     * {@code constraint_K_power_limit_uw} and {@code constraint_K_time_window_us} are to root.
     * {@code maxPowerUw} 0 leaves {@code constraint_K_max_power_uw} out, as some kernels do.
     */
    static void constraint(Path dir, int k, String name, long limitUw, long windowUs, long maxPowerUw) throws IOException {
        Files.writeString(dir.resolve("constraint_%d_name".formatted(k)), name + "\n");
        Files.writeString(dir.resolve("constraint_%d_power_limit_uw".formatted(k)), limitUw + "\n");
        Files.writeString(dir.resolve("constraint_%d_time_window_us".formatted(k)), windowUs + "\n");
        if (maxPowerUw > 0) {
            Files.writeString(dir.resolve("constraint_%d_max_power_uw".formatted(k)), maxPowerUw + "\n");
        }
    }

    /** @return the {@code constraint_K_power_limit_uw} file of a zone */
    Path limitFile(String id, int k) {
        return dirOf(id).resolve("constraint_%d_power_limit_uw".formatted(k));
    }

    /** Adds an Intel-range zone. */
    FakePowercap zone(String id, String name, long energyUj) {
        return zone(id, name, energyUj, INTEL_RANGE_UJ);
    }

    /** Sets a zone's counter. */
    FakePowercap energy(String id, long energyUj) {
        try {
            Files.writeString(dirOf(id).resolve("energy_uj"), energyUj + "\n");
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the real directory of a zone */
    Path dirOf(String id) {
        Path dir = typeDir(id);
        String[] parts = id.split(":");
        StringBuilder zone = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            zone.append(':').append(parts[i]);
            dir = dir.resolve(zone.toString());
        }
        return dir;
    }

    private Path typeDir(String id) {
        String type = controlType(id);
        return type.equals("intel-rapl-mmio")
                ? root.resolve(MMIO_PARENT).resolve(type)
                : root.resolve("devices/virtual/powercap").resolve(type);
    }

    private static String controlType(String id) {
        return id.substring(0, id.indexOf(':'));
    }
}
