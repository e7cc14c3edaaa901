package dev.greenloop.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A one-package powercap tree laid out as the kernel does ({@code class/powercap/intel-rapl:0} linked to
 * {@code devices/virtual/powercap/intel-rapl/intel-rapl:0}), whose {@code energy_uj} counter a test sets, so that the
 * meter reads known energy. Point {@code GREENLOOP_SYSFS_ROOT} at {@link #sysfsRoot()}.
 */
public final class FakePowercap implements AutoCloseable {

    private final Path root;
    private final Path counter;
    private long microjoules;
    private java.util.concurrent.ScheduledExecutorService load;
    private volatile boolean drawing;

    private FakePowercap(Path root, long microjoules) {
        this.root = root;
        this.counter = root.resolve("devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj");
        this.microjoules = microjoules;
    }

    /** Builds the tree under {@code dir} with the counter at {@code microjoules}. */
    public static FakePowercap create(Path dir, long microjoules) throws IOException {
        Path type = dir.resolve("devices/virtual/powercap/intel-rapl");
        Path zone = type.resolve("intel-rapl:0");
        Files.createDirectories(zone);
        Files.writeString(zone.resolve("name"), "package-0\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "262143328850\n");
        Files.writeString(zone.resolve("enabled"), "1\n");
        writeConstraints(zone);
        Files.writeString(type.resolve("enabled"), "1\n");
        Path cls = dir.resolve("class/powercap");
        Files.createDirectories(cls);
        Files.createSymbolicLink(cls.resolve("intel-rapl:0"), Path.of("../../devices/virtual/powercap/intel-rapl/intel-rapl:0"));
        Files.createSymbolicLink(cls.resolve("intel-rapl"), Path.of("../../devices/virtual/powercap/intel-rapl"));
        FakePowercap p = new FakePowercap(dir, microjoules);
        p.set(microjoules);
        return p;
    }

    /** Package 0's long-term limit as the fake starts: 95 W. */
    public static final long LONG_TERM_UW = 95_000_000;
    /** Package 0's long-term maximum ({@code constraint_0_max_power_uw}): 125 W. */
    public static final long MAX_POWER_UW = 125_000_000;
    /** Package 0's short-term limit as the fake starts: 120 W (no maximum given, as on some parts). */
    public static final long SHORT_TERM_UW = 120_000_000;

    /**
     * Writes the RAPL constraint files of a package zone as the kernel exposes them (long_term with a maximum, short_term
     * without), all writable, so that power limits can be read and set: {@code constraint_K_name},
     * {@code constraint_K_power_limit_uw}, {@code constraint_K_time_window_us}, {@code constraint_K_max_power_uw}.
     */
    public static void writeConstraints(Path zone) throws IOException {
        Files.writeString(zone.resolve("constraint_0_name"), "long_term\n");
        Files.writeString(zone.resolve("constraint_0_power_limit_uw"), LONG_TERM_UW + "\n");
        Files.writeString(zone.resolve("constraint_0_time_window_us"), "999424\n");
        Files.writeString(zone.resolve("constraint_0_max_power_uw"), MAX_POWER_UW + "\n");
        Files.writeString(zone.resolve("constraint_1_name"), "short_term\n");
        Files.writeString(zone.resolve("constraint_1_power_limit_uw"), SHORT_TERM_UW + "\n");
        Files.writeString(zone.resolve("constraint_1_time_window_us"), "2440\n");
    }

    /** @return package 0's {@code constraint_K_power_limit_uw} file */
    public Path limitFile(int k) {
        return counter.resolveSibling("constraint_%d_power_limit_uw".formatted(k));
    }

    /** @return the directory to use as {@code GREENLOOP_SYSFS_ROOT} */
    public Path sysfsRoot() {
        return root;
    }

    /** @return the counter's value */
    public synchronized long microjoules() {
        return microjoules;
    }

    /** Adds to the counter (no wrap: tests stay far below the range). */
    public synchronized void add(long delta) {
        set(microjoules + delta);
    }

    /**
     * Adds {@code microjoulesPer10ms} to the counter every 10 ms while {@link #drawing(boolean) drawing}: a steady power
     * of {@code microjoulesPer10ms / 10,000} W, in whole microjoules so that sums stay exact.
     */
    public synchronized void drive(long microjoulesPer10ms) {
        if (load == null) {
            load = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            load.scheduleAtFixedRate(() -> {
                if (drawing) {
                    add(microjoulesPer10ms);
                }
            }, 10, 10, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** Starts or stops the power {@link #drive} set; stopped, the counter stays where it is. */
    public void drawing(boolean on) {
        drawing = on;
    }

    /** Stops driving the counter. */
    @Override
    public synchronized void close() {
        if (load != null) {
            load.shutdownNow();
        }
    }

    /** Sets the counter, replacing the file at once so that a reader never sees half a number. */
    public synchronized void set(long value) {
        try {
            Path tmp = counter.resolveSibling("energy_uj.tmp");
            Files.writeString(tmp, value + "\n");
            Files.move(tmp, counter, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            microjoules = value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
