package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsingTest {

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
