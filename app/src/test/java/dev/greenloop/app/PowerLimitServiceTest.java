package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.meter.LimitChange;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.spi.PowerLimitException;
import dev.greenloop.meter.PowerLimits;
import dev.greenloop.testfixtures.FakePowercap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Setting, restoring and auditing power limits on the fake one-package powercap tree. */
class PowerLimitServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path dir;

    private FakePowercap fake;
    private PowerLimitService service;
    private Path audit;

    @BeforeEach
    void open() throws IOException {
        fake = FakePowercap.create(dir.resolve("sys"), 1);
        audit = dir.resolve("home/audit.log");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        MeterConfig config = new MeterConfig(fake.sysfsRoot(), dir.resolve("proc"), Duration.ofSeconds(1),
                Map.of("GREENLOOP_NVML_LIBRARY", dir.resolve("none.so").toString()));
        service = new PowerLimitService(PowerLimits.open(config, clock), audit, "ana", "bo", clock);
    }

    @AfterEach
    void close() {
        service.close();
        fake.close();
    }

    private long limitNow() throws IOException {
        return Long.parseLong(Files.readString(fake.limitFile(0)).strip());
    }

    @Test
    void set_writesTheLimitAndOneFsyncedAuditLine() throws Exception {
        LimitChange c = service.set("cpu-package-0", Optional.empty(), 80);

        assertEquals(80_000_000, limitNow());
        assertEquals(FakePowercap.LONG_TERM_UW, c.beforeMicrowatts());
        List<String> lines = Files.readAllLines(audit);
        assertEquals(1, lines.size());
        assertEquals(("{\"at\":\"2026-12-05T12:00:00Z\",\"user\":\"ana\",\"sudoUser\":\"bo\",\"action\":\"set\",\"component\":\"cpu-package-0\","
                + "\"constraint\":\"long_term\",\"target\":\"%s\",\"beforeMicrowatts\":95000000,\"afterMicrowatts\":80000000,"
                + "\"result\":\"ok\"}").formatted(fake.limitFile(0)), lines.getFirst());
    }

    @Test
    void plan_changesNothingAndWritesNoAuditLine() throws Exception {
        PowerLimitService.Plan plan = service.plan("cpu-package-0", Optional.of("short_term"), 100.5);

        assertEquals(100_500_000, plan.afterMicrowatts());
        assertEquals(FakePowercap.SHORT_TERM_UW, plan.limit().currentMicrowatts());
        assertEquals(FakePowercap.SHORT_TERM_UW, Long.parseLong(Files.readString(fake.limitFile(1)).strip()));
        assertFalse(Files.exists(audit));
    }

    @Test
    void restore_walksBackThroughTheChangesOneByOne() throws Exception {
        service.set("cpu-package-0", Optional.empty(), 80);
        service.set("cpu-package-0", Optional.empty(), 60);

        LimitChange first = service.restore("cpu-package-0");
        assertEquals(80_000_000, limitNow());
        assertEquals(60_000_000, first.beforeMicrowatts());
        service.restore("cpu-package-0");
        assertEquals(FakePowercap.LONG_TERM_UW, limitNow());

        PowerLimitException none = assertThrows(PowerLimitException.class, () -> service.restore("cpu-package-0"));
        assertTrue(none.getMessage().contains("no change of cpu-package-0"), none.getMessage());
        assertEquals(4, Files.readAllLines(audit).size());
    }

    @Test
    void restore_ofTheShortTermConstraint_restoresThatConstraint() throws Exception {
        service.set("cpu-package-0", Optional.of("short_term"), 110);

        service.restore("cpu-package-0");

        assertEquals(FakePowercap.SHORT_TERM_UW, Long.parseLong(Files.readString(fake.limitFile(1)).strip()));
        assertEquals(FakePowercap.LONG_TERM_UW, limitNow());
    }

    @Test
    void set_outOfRange_refusedAndNotAudited() {
        assertThrows(PowerLimitException.class, () -> service.set("cpu-package-0", Optional.empty(), 200));

        assertFalse(Files.exists(audit));
    }

    @Test
    void set_auditLogUnwritable_errorAndTheChangeRolledBack() throws Exception {
        Files.createDirectories(audit); // a directory where the log should be

        AuditException e = assertThrows(AuditException.class, () -> service.set("cpu-package-0", Optional.empty(), 70));

        assertTrue(e.getMessage().contains(audit.toString()) && e.getMessage().contains("rolled back"), e.getMessage());
        assertEquals(FakePowercap.LONG_TERM_UW, limitNow());
    }

    @Test
    void set_notANumber_refused() {
        assertThrows(IllegalArgumentException.class, () -> service.set("cpu-package-0", Optional.empty(), Double.NaN));
    }
}
