package dev.greenloop.meter.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.meter.LimitChange;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.spi.PowerLimit;
import dev.greenloop.meter.spi.PowerLimitException;
import dev.greenloop.meter.spi.PowerLimitException.Reason;
import dev.greenloop.meter.PowerLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPU power limits through the stand-in NVML ({@code src/test/c/fake_nvml.c}); no powercap tree. */
class NvmlLimitsTest {

    @TempDir
    Path dir;

    private FakeNvml fake;
    private PowerLimits limits;

    @AfterEach
    void close() {
        if (limits != null) {
            limits.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private PowerLimits open(String variant) {
        fake = new FakeNvml(dir, variant).set("gpus=2",
                "gpu0.limit_mw=700000", "gpu0.default_limit_mw=700000", "gpu0.min_limit_mw=200000", "gpu0.max_limit_mw=700000",
                "gpu1.limit_mw=250000");
        limits = PowerLimits.open(new MeterConfig(dir.resolve("sys"), dir.resolve("proc"), Duration.ofSeconds(1), fake.env()));
        return limits;
    }

    @Test
    void list_currentDefaultRangeAndEnforced_inMicrowatts() {
        List<PowerLimit> all = open(FakeNvml.FULL).list();

        assertEquals(2, all.size(), all.toString());
        PowerLimit gpu0 = all.getFirst();
        assertEquals("gpu-0", gpu0.component());
        assertEquals("power_limit", gpu0.constraint());
        assertEquals(700_000_000, gpu0.currentMicrowatts());
        assertEquals(200_000_000, gpu0.minMicrowatts());
        assertEquals(OptionalLong.of(700_000_000), gpu0.maxMicrowatts());
        assertEquals(OptionalLong.of(700_000_000), gpu0.defaultMicrowatts());
        assertEquals(OptionalLong.of(700_000_000), gpu0.enforcedMicrowatts());
        assertTrue(gpu0.target().startsWith("gpu 0 ("), gpu0.target());
        PowerLimit gpu1 = all.get(1);
        assertEquals(OptionalLong.empty(), gpu1.maxMicrowatts(), "gpu1 reports no constraints");
        assertEquals(OptionalLong.empty(), gpu1.defaultMicrowatts());
    }

    @Test
    void set_withinConstraints_thenRollback_eachGpuKeepsItsOwn() throws IOException {
        PowerLimits l = open(FakeNvml.FULL);

        LimitChange change = l.set("gpu-0", Optional.empty(), 450_000_000);
        l.set("gpu-1", Optional.of("power_limit"), 150_000_000);

        assertEquals(700_000_000, change.beforeMicrowatts());
        assertEquals(450_000_000, l.list().getFirst().currentMicrowatts());
        assertEquals(OptionalLong.of(450_000_000), l.list().getFirst().enforcedMicrowatts());
        assertEquals(150_000_000, l.list().get(1).currentMicrowatts());
        l.rollback(change);
        assertEquals(700_000_000, l.list().getFirst().currentMicrowatts());
        assertEquals(150_000_000, l.list().get(1).currentMicrowatts());
    }

    @Test
    void set_fractionOfAMilliwatt_roundedDownAndTheChangeSaysWhatWasWritten() throws IOException {
        LimitChange change = open(FakeNvml.FULL).set("gpu-0", Optional.empty(), 250_000_400);

        assertEquals(250_000_000, change.afterMicrowatts());
        assertEquals(250_000_000, limits.list().getFirst().currentMicrowatts());
    }

    @Test
    void findings_aLostGpuIsReportedOnce_notOncePerListing() {
        PowerLimits l = open(FakeNvml.FULL);
        fake.set("gpu1.fail=GPU_IS_LOST");
        l.list();

        assertEquals(1, l.list().size());
        assertEquals(1, l.findings().size(), l.findings().toString());
        assertTrue(l.findings().getFirst().detail().contains("GPU_IS_LOST"), l.findings().toString());
    }

    @Test
    void set_belowMinimum_refusedBeforeNvmlIsCalled() {
        PowerLimitException e = assertThrows(PowerLimitException.class, () -> open(FakeNvml.FULL).set("gpu-0", Optional.empty(), 100_000_000));

        assertEquals(Reason.OUT_OF_RANGE, e.reason());
        assertTrue(e.getMessage().contains("100 W") && e.getMessage().contains("[200 W, 700 W]"), e.getMessage());
    }

    @Test
    void set_noPermission_errorNamingTheGpuAndRoot() {
        PowerLimits l = open(FakeNvml.FULL);
        fake.set("gpu0.set_fail=NO_PERMISSION");

        PowerLimitException e = assertThrows(PowerLimitException.class, () -> l.set("gpu-0", Optional.empty(), 300_000_000));

        assertEquals(Reason.PERMISSION, e.reason());
        assertTrue(e.getMessage().contains("gpu 0") && e.getMessage().contains("NO_PERMISSION") && e.getMessage().contains("root"),
                e.getMessage());
        assertEquals(700_000_000, l.list().getFirst().currentMicrowatts());
    }

    @Test
    void driverWithoutSetCall_listedNotSettable_saysSo() {
        PowerLimits l = open(FakeNvml.NO_LIMIT_SET);

        assertFalse(l.list().getFirst().settable());
        assertTrue(l.findings().stream().anyMatch(f -> f.detail().contains("nvmlDeviceSetPowerManagementLimit")), l.findings().toString());
        PowerLimitException e = assertThrows(PowerLimitException.class, () -> l.set("gpu-0", Optional.empty(), 300_000_000));
        assertEquals(Reason.UNAVAILABLE, e.reason());
    }
}
