package dev.greenloop.meter.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.meter.spi.ComponentReading;
import dev.greenloop.meter.spi.ProcessAwareSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvmlSourceReadTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private FakeNvml fake;
    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    @BeforeEach
    void startFake() {
        fake = new FakeNvml(dir, FakeNvml.FULL).set("gpus=2", "driver=550.54.15",
                "gpu0.energy_mj=123456", "gpu0.power_mw=250000",
                "gpu1.energy_mj=unsupported", "gpu1.power_mw=100000");
    }

    @AfterEach
    void closeFake() {
        fake.close();
    }

    private NvmlSource open() {
        return (NvmlSource) NvmlGpus.discover(fake.env(), Duration.ZERO, clock::get).source().orElseThrow();
    }

    private void advance(double seconds) {
        clock.addAndGet((long) (seconds * SECOND));
    }

    @Test
    void read_counterMoved_exactJoulesFromDeltaMeasured() throws IOException {
        try (NvmlSource source = open()) {
            fake.set("gpu0.energy_mj=125456");
            advance(1);
            ComponentReading r = source.read().get(0);
            assertEquals(2.0, r.energy().joules(), 0);
            assertEquals(Optional.empty(), r.downgrade());

            fake.set("gpu0.energy_mj=125457");
            assertEquals(2.001, source.read().get(0).energy().joules(), 1e-12);
        }
    }

    @Test
    void read_counterNotYetTicked_powerTimesElapsedMarkedDerivedNotZero() throws IOException {
        try (NvmlSource source = open()) {
            advance(0.05);
            assertEquals(0.0, source.read().get(0).energy().joules(), 0, "the first read is the caller's baseline");
            advance(0.2);
            ComponentReading r = source.read().get(0);
            assertEquals(50.0, r.energy().joules(), 1e-9); // 250 W × 0.2 s
            assertEquals(Optional.of(Provenance.DERIVED), r.downgrade());
        }
    }

    @Test
    void read_counterCatchesUpBelowEstimate_neverDecreasesThenMeasuredAgain() throws IOException {
        try (NvmlSource source = open()) {
            source.read();
            advance(0.2);
            assertEquals(50.0, source.read().get(0).energy().joules(), 1e-9);

            fake.set("gpu0.energy_mj=" + (123456 + 10_000)); // 10 J: below the 50 J estimate
            advance(0.1);
            ComponentReading held = source.read().get(0);
            assertEquals(50.0, held.energy().joules(), 1e-9);
            assertEquals(Optional.of(Provenance.DERIVED), held.downgrade());

            fake.set("gpu0.energy_mj=" + (123456 + 60_000));
            ComponentReading caught = source.read().get(0);
            assertEquals(60.0, caught.energy().joules(), 1e-9);
            assertEquals(Optional.empty(), caught.downgrade());
        }
    }

    @Test
    void read_counterRestartsAfterDriverReload_keepsCounting() throws IOException {
        try (NvmlSource source = open()) {
            fake.set("gpu0.energy_mj=124456");
            assertEquals(1.0, source.read().get(0).energy().joules(), 1e-12);
            fake.set("gpu0.energy_mj=500");
            assertEquals(1.5, source.read().get(0).energy().joules(), 1e-12);
        }
    }

    @Test
    void read_energyCallFails_throwsWithDriverTextAndStaysUsable() throws IOException {
        try (NvmlSource source = open()) {
            fake.set("gpu0.energy_mj=GPU_IS_LOST");
            IOException e = assertThrows(IOException.class, source::read);
            assertEquals("nvmlDeviceGetTotalEnergyConsumption failed: GPU_IS_LOST (GPU is lost)", e.getMessage());

            fake.set("gpu0.energy_mj=124456");
            assertEquals(1.0, source.read().get(0).energy().joules(), 1e-12);
        }
    }

    @Test
    void read_derivedGpuWithPowerSteps_trapezoidalIntegralExact() throws IOException {
        try (NvmlSource source = open()) {
            // opened at 100 W; 1 s later 300 W; 1 s later still 300 W
            advance(1);
            fake.set("gpu1.power_mw=300000");
            source.pollOnce();
            advance(1);
            ComponentReading r = source.read().get(1);
            assertEquals(200.0 + 300.0, r.energy().joules(), 1e-9);
            assertEquals(Optional.empty(), r.downgrade());
        }
    }

    @Test
    void read_derivedGpuShortWindow_notZero() throws IOException {
        try (NvmlSource source = open()) {
            advance(0.05);
            assertEquals(5.0, source.read().get(1).energy().joules(), 1e-9); // 100 W × 50 ms
        }
    }

    @Test
    void read_derivedGpuPollingThread_constantPowerWithinElapsedBounds() throws Exception {
        fake.set("gpu1.power_mw=40000");
        long beforeOpen = System.nanoTime();
        try (NvmlSource source = (NvmlSource) NvmlGpus.discover(fake.env(), Duration.ofMillis(5), System::nanoTime)
                .source().orElseThrow()) {
            long afterOpen = System.nanoTime();
            Thread.sleep(300);
            long beforeRead = System.nanoTime();
            double joules = source.read().get(1).energy().joules();
            long afterRead = System.nanoTime();
            // the integral runs from inside discover() to inside read(): 40 W times a time between these bounds
            assertTrue(joules >= 40 * (beforeRead - afterOpen) / 1e9 * 0.999, "integral " + joules + " J too small");
            assertTrue(joules <= 40 * (afterRead - beforeOpen) / 1e9 * 1.001, "integral " + joules + " J too large");
        }
    }

    @Test
    void read_derivedGpuPollingThread_catchesPowerBurstBetweenReads() throws Exception {
        fake.set("gpu1.power_mw=0");
        Duration poll = Duration.ofMillis(5);
        try (NvmlSource source = (NvmlSource) NvmlGpus.discover(fake.env(), poll, System::nanoTime)
                .source().orElseThrow()) {
            Thread.sleep(50);
            long beforeOn = System.nanoTime();
            fake.set("gpu1.power_mw=40000");
            long afterOn = System.nanoTime();
            Thread.sleep(200);
            long beforeOff = System.nanoTime();
            fake.set("gpu1.power_mw=0");
            long afterOff = System.nanoTime();
            Thread.sleep(50);
            // read() alone would see 0 W at both ends and report nothing; the poller saw the burst. The
            // trapezoids around each step add at most one poll interval (plus scheduling) of 40 W each.
            double joules = source.read().get(1).energy().joules();
            double slack = 40 * 2 * (poll.toNanos() + 20_000_000L) / 1e9;
            double low = 40 * (beforeOff - afterOn) / 1e9 - slack;
            double high = 40 * (afterOff - beforeOn) / 1e9 + slack;
            assertTrue(joules >= low && joules <= high, "burst integral " + joules + " J not in [" + low + ", " + high + "]");
        }
    }

    @Test
    void read_manyReads_neverDecreaseAcrossGpus() throws IOException {
        try (NvmlSource source = open()) {
            double[] last = new double[2];
            for (int i = 0; i < 50; i++) {
                advance(0.01);
                if (i % 7 == 0) {
                    fake.set("gpu0.energy_mj=" + (123456 + i * 3), "gpu1.power_mw=" + (i % 2 == 0 ? 0 : 200000));
                }
                List<ComponentReading> r = source.read();
                for (int g = 0; g < 2; g++) {
                    assertTrue(r.get(g).energy().joules() >= last[g], "gpu-" + g + " decreased at read " + i);
                    last[g] = r.get(g).energy().joules();
                }
            }
        }
    }

    @Test
    void read_afterClose_rejected() {
        NvmlSource source = open();
        source.close();
        assertThrows(IllegalStateException.class, source::read);
    }

    @Test
    void read_twoFakeGpus_costPerReadReported() throws IOException {
        try (ProcessAwareSource source = open()) {
            for (int i = 0; i < 2_000; i++) {
                source.read();
            }
            int n = 20_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                source.read();
            }
            double micros = (System.nanoTime() - start) / 1e3 / n;
            // the fake re-reads its state file on every call, so this bounds the binding's cost from above
            System.out.printf("NVML read() with 2 fake GPUs: %.1f µs per call%n", micros);
            assertTrue(micros < 10_000, "read() took " + micros + " µs");
        }
    }

    /** A GPU's power when the source opened (before a measured command starts) is its idle power, × time. */
    @Test
    void read_powerAtOpenIsIdle_cappedByEachIntervalsEnergy() throws IOException {
        try (NvmlSource source = open()) { // gpu0: 250 W at open, with a counter; gpu1: 100 W, no counter
            fake.set("gpu0.energy_mj=" + (123456 + 300_000));
            advance(1);
            List<ComponentReading> first = source.read();
            assertEquals(300.0, first.get(0).energy().joules(), 1e-9);
            assertEquals(250.0, first.get(0).idle().orElseThrow().joules(), 1e-9, "250 W for 1 s");
            fake.set("gpu0.energy_mj=" + (123456 + 400_000));
            advance(1);
            List<ComponentReading> second = source.read();
            assertEquals(400.0, second.get(0).energy().joules(), 1e-9);
            assertEquals(250.0 + 100.0, second.get(0).idle().orElseThrow().joules(), 1e-9,
                    "idle is at most the interval's energy: 100 J drawn, not 250");
            assertEquals(second.get(1).energy().joules(), second.get(1).idle().orElseThrow().joules(), 1e-9,
                    "gpu1 stayed at its 100 W of before: all of it idle");
        }
    }
}
