package dev.greenloop.meter.rapl;

import dev.greenloop.meter.spi.PowerLimit;
import dev.greenloop.meter.spi.PowerLimitException;
import dev.greenloop.meter.spi.PowerLimitException.Reason;
import dev.greenloop.meter.spi.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The power limits of the RAPL zones, read and written through powercap. Each zone may carry constraints
 * {@code constraint_K_name}, {@code constraint_K_power_limit_uw} (read-write), {@code constraint_K_time_window_us}
 * and {@code constraint_K_max_power_uw} (kernel Documentation/power/powercap/powercap.rst and
 * Documentation/ABI/testing/sysfs-class-powercap). MSR zones only: an MMIO zone caps the same package through
 * another interface, and writing both would leave two limits fighting.
 */
public final class RaplLimits {

    /** More constraints than any RAPL zone has (long_term, short_term, peak_power). */
    private static final int MAX_CONSTRAINTS = 8;

    private RaplLimits() {
    }

    /**
     * Lists every constraint of every MSR RAPL zone under {@code sysfsRoot}.
     *
     * @param findings receives one finding per zone or constraint that could not be read
     * @return the limits, in zone order, then constraint order; empty without powercap
     */
    public static List<PowerLimit> list(Path sysfsRoot, List<Finding> findings) {
        ZoneScanner.Scan scan = ZoneScanner.scan(sysfsRoot);
        List<PowerLimit> limits = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (ZoneDir zone : scan.zones()) {
            if (!zone.controlType().equals(ZoneDir.MSR)) {
                continue;
            }
            try {
                String name = SysfsReader.FILES.read(zone.dir().resolve("name")).strip();
                names.put(zone.id(), name);
                String component = component(zone, name, names.getOrDefault(zone.parentId(), ""));
                boolean enabled = !Files.exists(zone.dir().resolve("enabled"))
                        || SysfsReader.FILES.read(zone.dir().resolve("enabled")).strip().equals("1");
                for (int k = 0; k < MAX_CONSTRAINTS; k++) {
                    Path limit = zone.dir().resolve("constraint_%d_power_limit_uw".formatted(k));
                    if (!Files.exists(limit)) {
                        break;
                    }
                    Path nameFile = zone.dir().resolve("constraint_%d_name".formatted(k));
                    String constraint = Files.exists(nameFile) ? SysfsReader.FILES.read(nameFile).strip() : "constraint_" + k;
                    limits.add(new PowerLimit(component, constraint, limit.toString(), SysfsReader.FILES.readLong(limit), 0,
                            optional(zone.dir().resolve("constraint_%d_max_power_uw".formatted(k))), OptionalLong.empty(),
                            OptionalLong.empty(), optional(zone.dir().resolve("constraint_%d_time_window_us".formatted(k))),
                            enabled, true));
                }
            } catch (IOException e) {
                findings.add(new Finding("rapl", Finding.Status.UNAVAILABLE, zone.id(),
                        "cannot read the power limits of %s: %s".formatted(zone.dir(), e.getMessage()),
                        e instanceof AccessDeniedException ? "run as root (see docs/limits.md)" : ""));
            }
        }
        return List.copyOf(limits);
    }

    /**
     * Reads one limit file again.
     *
     * @throws PowerLimitException if it cannot be read, naming the file
     */
    public static long read(Path file) throws PowerLimitException {
        try {
            return SysfsReader.FILES.readLong(file);
        } catch (IOException e) {
            throw failure("read", file, e);
        }
    }

    /**
     * Writes a limit, in microwatts, to a {@code constraint_K_power_limit_uw} file. The file is opened for writing only
     * (never created or truncated: sysfs attributes exist or do not) and the number written in one call, as the kernel
     * expects of a sysfs store.
     *
     * @throws PowerLimitException {@link Reason#PERMISSION} on EACCES/EPERM, naming the file and the fix;
     *     {@link Reason#FAILED} for any other error (the kernel refusing the value answers EINVAL, say)
     */
    public static void write(Path file, long microwatts) throws PowerLimitException {
        write(file, microwatts, FILES);
    }

    /** Writes one sysfs attribute; a seam for tests, since root writes a read-only file. */
    @FunctionalInterface
    interface SysfsWriter {
        /** @throws java.nio.file.AccessDeniedException if this user may not write it */
        void write(Path file, String text) throws IOException;
    }

    /** Writes the files of the real file system. */
    static final SysfsWriter FILES = (file, text) -> {
        try (var out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }
    };

    /** {@link #write(Path, long)} through {@code writer}. */
    static void write(Path file, long microwatts, SysfsWriter writer) throws PowerLimitException {
        try {
            writer.write(file, microwatts + "\n");
        } catch (IOException e) {
            throw failure("write", file, e);
        }
    }

    private static PowerLimitException failure(String verb, Path file, IOException e) {
        boolean denied = e instanceof AccessDeniedException
                || e instanceof FileSystemException fs && fs.getReason() != null && fs.getReason().contains("not permitted");
        if (denied) {
            return new PowerLimitException(Reason.PERMISSION,
                    "permission denied to %s %s: setting a RAPL limit needs root, or a udev rule that gives your group"
                            .formatted(verb, file) + " write access to constraint_*_power_limit_uw (see docs/limits.md)", e);
        }
        return new PowerLimitException(Reason.FAILED, "cannot %s %s: %s".formatted(verb, file, e), e);
    }

    private static OptionalLong optional(Path file) throws IOException {
        return Files.exists(file) ? OptionalLong.of(SysfsReader.FILES.readLong(file)) : OptionalLong.empty();
    }

    /** Names a zone as the meter names its component: {@code cpu-package-0}, {@code core-0}, {@code dram-0}, {@code psys-0}. */
    private static String component(ZoneDir zone, String name, String parentName) {
        if (name.startsWith("package-")) {
            return "cpu-" + name;
        }
        String suffix = DomainKind.packageSuffix(parentName).orElse(String.valueOf(zone.indices().getFirst()));
        return name + "-" + suffix;
    }
}
