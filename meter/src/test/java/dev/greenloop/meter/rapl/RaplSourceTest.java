package dev.greenloop.meter.rapl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Energy;
import dev.greenloop.meter.spi.ComponentReading;
import dev.greenloop.meter.spi.EnergySource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a discovered source from a fake powercap tree with a controlled clock. */
class RaplSourceTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long RANGE = 1_000_000_000L;

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong();

    private EnergySource open() {
        return Powercap.discover(root, SysfsReader.FILES, clock::get).source().orElseThrow();
    }

    private static List<Energy> energies(List<ComponentReading> readings) {
        return readings.stream().map(ComponentReading::energy).toList();
    }

    private static Energy uj(long microjoules) {
        return Energy.ofMicrojoules(microjoules);
    }

    @Test
    void read_afterCountersMoved_returnsExactEnergySinceOpenInComponentOrder() throws IOException {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 1_000_000).zone("intel-rapl:0:0", "dram", 500);
        EnergySource source = open();
        fake.energy("intel-rapl:0", 3_500_000).energy("intel-rapl:0:0", 1_500);
        clock.set(SECOND);

        List<ComponentReading> readings = source.read();

        assertEquals(List.of("cpu-package-0", "dram-0"), source.components().stream().map(c -> c.name()).toList());
        assertEquals(List.of(uj(2_500_000), uj(1_000)), energies(readings));
        assertEquals(ComponentReading.exact(uj(2_500_000)), readings.getFirst());
    }

    @Test
    void read_counterWrappedOnce_addsItsOwnRange() throws IOException {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 900_000_000, RANGE)
                .zone("intel-rapl:0:0", "dram", 2_000_000_000L, 3 * RANGE);
        EnergySource source = open();
        fake.energy("intel-rapl:0", 100_000_000).energy("intel-rapl:0:0", 100_000_000);
        clock.set(SECOND);

        assertEquals(List.of(uj(200_000_000), uj(1_100_000_000L)), energies(source.read()));
    }

    @Test
    void read_counterWrappedTwiceBetweenReads_infersTheUnseenRangeFromElapsedTime() throws IOException {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 100_000_000, RANGE);
        EnergySource source = open();
        fake.energy("intel-rapl:0", 200_000_000);
        clock.set(SECOND);
        source.read();
        fake.energy("intel-rapl:0", 150_000_000);
        clock.set(21 * SECOND);

        assertEquals(List.of(uj(2_050_000_000L)), energies(source.read()));
    }

    @Test
    void read_constantPowerAndReadsFiveSafeIntervalsApart_countsExactly() throws IOException {
        long range = 100_000_000L; // 100 J: 0.2 s round at 500 W, so the safe interval is 0.1 s
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 0, range);
        EnergySource source = open();
        assertEquals(Duration.ofMillis(100), source.maxReadInterval());
        long trueUj = 6_000_000L; // a first read within the safe interval gives the power: 50 ms at 120 W
        fake.energy("intel-rapl:0", trueUj);
        clock.set(SECOND / 20);
        assertEquals(List.of(uj(trueUj)), energies(source.read()));
        for (int i = 1; i <= 20; i++) {
            trueUj += 60_000_000L; // 0.5 s at 120 W
            fake.energy("intel-rapl:0", trueUj % range);
            clock.set(SECOND / 20 + i * SECOND / 2);
            assertEquals(List.of(uj(trueUj)), energies(source.read()), "read " + i);
        }
    }

    @Test
    void read_randomPowerWithinTheSafeInterval_countsExactly() throws IOException {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 0, RANGE)
                .zone("intel-rapl:0:0", "dram", 0, RANGE);
        EnergySource source = open();
        long safeNanos = source.maxReadInterval().toNanos();
        Random random = new Random(42);
        long pkg = 0;
        long dram = 0;
        long now = 0;
        for (int i = 0; i < 500; i++) {
            long dt = 1 + (long) (random.nextDouble() * safeNanos);
            now += dt;
            pkg += (long) (random.nextDouble() * 500 * dt / 1_000); // up to 500 W, in µJ
            dram += (long) (random.nextDouble() * 150 * dt / 1_000);
            fake.energy("intel-rapl:0", pkg % RANGE).energy("intel-rapl:0:0", dram % RANGE);
            clock.set(now);
            assertEquals(List.of(uj(pkg), uj(dram)), energies(source.read()), "read " + i);
        }
    }

    @Test
    void maxReadInterval_intelRanges_isHalfTheSmallestRangeOverPeak() {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 0)
                .zone("intel-rapl:0:0", "dram", 0, 65_712_999_613L);
        EnergySource source = open();

        // package: 262143328850 µJ / 500 W / 2 = 262.14332885 s; dram: 65712999613 µJ / 150 W / 2 = 219.043332043 s
        assertEquals(Duration.ofNanos(219_043_332_043L), source.maxReadInterval());
    }

    @Test
    void maxReadInterval_packageOnly_isHalfRangeOverFiveHundredWatts() {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 0);

        assertEquals(Duration.ofNanos(262_143_328_850L), open().maxReadInterval());
    }

    @Test
    void read_counterUnreadable_throwsAndStaysUsable() throws IOException {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 0).zone("intel-rapl:0:0", "dram", 0);
        EnergySource source = open();
        fake.energy("intel-rapl:0", 1_000);
        Path dramEnergy = fake.dirOf("intel-rapl:0:0").resolve("energy_uj");
        Files.writeString(dramEnergy, "\n");
        clock.set(SECOND);

        IOException e = assertThrows(IOException.class, source::read);
        assertTrue(e.getMessage().contains(dramEnergy.toString()), e.getMessage());

        fake.energy("intel-rapl:0", 3_000).energy("intel-rapl:0:0", 70);
        clock.set(2 * SECOND);
        assertEquals(List.of(uj(3_000), uj(70)), energies(source.read()));
    }

    @Test
    void read_afterClose_throws() {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 0);
        EnergySource source = open();
        source.close();

        assertThrows(IllegalStateException.class, source::read);
    }
}
