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
        Files.writeString(type.resolve("enabled"), "1\n");
        Path cls = dir.resolve("class/powercap");
        Files.createDirectories(cls);
        Files.createSymbolicLink(cls.resolve("intel-rapl:0"), Path.of("../../devices/virtual/powercap/intel-rapl/intel-rapl:0"));
        Files.createSymbolicLink(cls.resolve("intel-rapl"), Path.of("../../devices/virtual/powercap/intel-rapl"));
        FakePowercap p = new FakePowercap(dir, microjoules);
        p.set(microjoules);
        return p;
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
