package dev.greenloop.meter.rapl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.greenloop.meter.LimitChange;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.spi.PowerLimit;
import dev.greenloop.meter.spi.PowerLimitException;
import dev.greenloop.meter.spi.PowerLimitException.Reason;
import dev.greenloop.meter.PowerLimits;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Power limits read and written through a fake powercap tree; no NVML (the library named does not exist). */
class RaplLimitsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path root;

    private FakePowercap fake;
    private PowerLimits limits;

    @BeforeEach
    void tree() {
        fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 1).zone("intel-rapl:0:0", "core", 1)
                .zone("intel-rapl:1", "package-1", 1);
        MeterConfig config = new MeterConfig(root, root.resolve("proc"), Duration.ofSeconds(1),
                Map.of("GREENLOOP_NVML_LIBRARY", root.resolve("no/libnvidia-ml.so.1").toString()));
        limits = PowerLimits.open(config, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        limits.close();
    }

    @Test
    void list_everyConstraintOfEveryZone_withRangeAndWindow() {
        List<PowerLimit> all = limits.list();

        assertEquals(List.of("cpu-package-0/long_term", "cpu-package-0/short_term", "core-0/long_term", "core-0/short_term",
                "cpu-package-1/long_term", "cpu-package-1/short_term"),
                all.stream().map(l -> l.component() + "/" + l.constraint()).toList());
        PowerLimit first = all.getFirst();
        assertEquals(15_000_000, first.currentMicrowatts());
        assertEquals(OptionalLong.of(125_000_000), first.maxMicrowatts());
        assertEquals(OptionalLong.of(999_424), first.timeWindowMicros());
        assertEquals(fake.limitFile("intel-rapl:0", 0).toString(), first.target());
        assertEquals(OptionalLong.empty(), all.get(1).maxMicrowatts(), "short_term has no max_power_uw in the fake");
        assertTrue(first.enabled() && first.settable());
        assertTrue(limits.findings().stream().anyMatch(f -> f.source().equals("nvml")), limits.findings().toString());
    }

    @Test
    void set_withinRange_writesTheFileAndAnswersTheChange() throws IOException {
        LimitChange change = limits.set("cpu-package-0", Optional.empty(), 100_000_000);

        assertEquals(new LimitChange("cpu-package-0", "long_term", fake.limitFile("intel-rapl:0", 0).toString(), 15_000_000,
                100_000_000, NOW), change);
        assertEquals("100000000", Files.readString(fake.limitFile("intel-rapl:0", 0)).strip());
        assertEquals("25000000", Files.readString(fake.limitFile("intel-rapl:0", 1)).strip(), "short_term untouched");
    }

    @Test
    void set_namedConstraintWithoutMaximum_acceptsAnyNonNegativeValue() throws IOException {
        limits.set("cpu-package-1", Optional.of("short_term"), 400_000_000);

        assertEquals("400000000", Files.readString(fake.limitFile("intel-rapl:1", 1)).strip());
    }

    @Test
    void set_aboveMaxPower_refusedNamingValueAndRange_fileUntouched() throws IOException {
        PowerLimitException e = assertThrows(PowerLimitException.class,
                () -> limits.set("cpu-package-0", Optional.of("long_term"), 126_000_000));

        assertEquals(Reason.OUT_OF_RANGE, e.reason());
        assertTrue(e.isUsageError());
        assertTrue(e.getMessage().contains("126 W") && e.getMessage().contains("[0 W, 125 W]"), e.getMessage());
        assertEquals("15000000", Files.readString(fake.limitFile("intel-rapl:0", 0)).strip());
    }

    @Test
    void set_negative_refused() {
        PowerLimitException e = assertThrows(PowerLimitException.class, () -> limits.set("cpu-package-0", Optional.empty(), -1));

        assertEquals(Reason.OUT_OF_RANGE, e.reason());
    }

    @Test
    void set_unknownComponentOrConstraint_namesWhatThereIs() {
        PowerLimitException c = assertThrows(PowerLimitException.class, () -> limits.set("cpu-package-7", Optional.empty(), 1));
        PowerLimitException k = assertThrows(PowerLimitException.class,
                () -> limits.set("cpu-package-0", Optional.of("peak_power"), 1));

        assertEquals(Reason.UNKNOWN_LIMIT, c.reason());
        assertTrue(c.getMessage().contains("cpu-package-7") && c.getMessage().contains("cpu-package-1"), c.getMessage());
        assertTrue(k.getMessage().contains("peak_power") && k.getMessage().contains("short_term"), k.getMessage());
    }

    @Test
    void rollback_restoresTheValueReadBefore() throws IOException {
        LimitChange change = limits.set("cpu-package-0", Optional.empty(), 60_000_000);

        LimitChange back = limits.rollback(change);

        assertEquals("15000000", Files.readString(fake.limitFile("intel-rapl:0", 0)).strip());
        assertEquals(60_000_000, back.beforeMicrowatts());
        assertEquals(15_000_000, back.afterMicrowatts());
    }

    @Test
    void write_accessDenied_permissionErrorNamingTheFileAndTheFix() {
        Path file = fake.limitFile("intel-rapl:0", 0);

        PowerLimitException e = assertThrows(PowerLimitException.class, () -> RaplLimits.write(file, 1, (f, text) -> {
            throw new AccessDeniedException(f.toString()); // EACCES, as the kernel answers a non-root user
        }));

        assertEquals(Reason.PERMISSION, e.reason());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("root")
                && e.getMessage().contains("udev"), e.getMessage());
    }

    @Test
    void set_readOnlyFile_permissionError() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes a read-only file, so chmod cannot refuse it");
        Path file = fake.limitFile("intel-rapl:0", 0);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));

        PowerLimitException e = assertThrows(PowerLimitException.class, () -> limits.set("cpu-package-0", Optional.empty(), 1));

        assertEquals(Reason.PERMISSION, e.reason());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void write_directoryInPlaceOfFile_failureNamingTheFile() throws IOException {
        // A write that fails even for root: the attribute is a directory.
        Path file = root.resolve("constraint_0_power_limit_uw");
        Files.createDirectory(file);

        PowerLimitException e = assertThrows(PowerLimitException.class, () -> RaplLimits.write(file, 1));

        assertEquals(Reason.FAILED, e.reason());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
