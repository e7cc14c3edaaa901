package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsingTest {

    @TempDir
    Path home;

    @Test
    void durations_acceptedForms_parse() {
        assertEquals(Duration.ofMillis(500), Durations.parse("--interval", "500ms"));
        assertEquals(Duration.ofSeconds(1), Durations.parse("--interval", "1s"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("--interval", "1.5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("--interval", "2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("--interval", "1h"));
        assertEquals(Duration.ofSeconds(30), Durations.parse("--interval", "PT30S"));
        assertEquals(Duration.ofSeconds(3), Durations.parse("--interval", "3"));
    }

    @Test
    void durations_badOrNonPositive_nameTheValue() {
        for (String bad : List.of("fast", "", "-1s", "0s", "1x", "NaNs")) {
            var e = assertThrows(UsageException.class, () -> Durations.parse("--interval", bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void settings_environmentOverridesConfigFile() throws IOException {
        Files.writeString(home.resolve("config"), "zone=FR\npue=1.3\n");
        Settings s = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "DE"));
        assertEquals("DE", s.get("ZONE").orElseThrow());
        assertEquals("GREENLOOP_ZONE", s.origin("ZONE"));
        assertEquals("1.3", s.get("PUE").orElseThrow());
        assertTrue(s.origin("PUE").contains("config"));
        assertEquals("1.3", s.effectiveEnvironment().get("GREENLOOP_PUE"));
        assertEquals("DE", s.effectiveEnvironment().get("GREENLOOP_ZONE"));
    }

    @Test
    void zoneChoice_flagOverridesEnvironment_andUnknownZoneIsUsageError() {
        Settings s = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "DE"));
        assertEquals("FR", ZoneChoice.resolve("fr", s).zone().code());
        assertEquals("DE", ZoneChoice.resolve(null, s).zone().code());
        var e = assertThrows(UsageException.class, () -> ZoneChoice.resolve("Germny", s));
        assertTrue(e.getMessage().contains("'Germny'") && e.getMessage().contains("DE"), e.getMessage());
        Settings bad = Settings.load(Map.of("GREENLOOP_HOME", home.toString(), "GREENLOOP_ZONE", "XX-NOWHERE"));
        var e2 = assertThrows(UsageException.class, () -> ZoneChoice.resolve(null, bad));
        assertTrue(e2.getMessage().startsWith("GREENLOOP_ZONE"), e2.getMessage());
    }

    @Test
    void pue_outOfRangeOrNotANumber_isUsageError() {
        assertEquals(1.2, Accounting.pue("1.2", "--pue"));
        assertThrows(UsageException.class, () -> Accounting.pue("0.8", "--pue"));
        assertThrows(UsageException.class, () -> Accounting.pue("abc", "--pue"));
        assertThrows(UsageException.class, () -> Accounting.pue("NaN", "--pue"));
    }

    @Test
    void since_datesTimesAndDurationsAgo_parse() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), RunsCommand.parseSince("2026-11-01", now));
        assertEquals(Instant.parse("2026-11-01T12:00:00Z"), RunsCommand.parseSince("2026-11-01T12:00:00Z", now));
        assertEquals(Instant.parse("2026-11-01T10:00:00Z"), RunsCommand.parseSince("2026-11-01T12:00:00+02:00", now));
        assertEquals(Instant.parse("2026-11-21T12:00:00Z"), RunsCommand.parseSince("24h", now));
        var e = assertThrows(UsageException.class, () -> RunsCommand.parseSince("2026-13-01", now));
        assertTrue(e.getMessage().contains("'2026-13-01'"));
    }

    @Test
    void tags_keyValue_keepOrder_andBadTagIsUsageError() {
        assertEquals(List.of("b", "a"), List.copyOf(MeasureCommand.parseTags(List.of("b=2", "a=1")).keySet()));
        assertEquals("x=y", MeasureCommand.parseTags(List.of("k=x=y")).get("k"));
        assertThrows(UsageException.class, () -> MeasureCommand.parseTags(List.of("=v")));
    }
}
