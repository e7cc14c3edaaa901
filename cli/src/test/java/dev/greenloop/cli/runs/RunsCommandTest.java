package dev.greenloop.cli.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.UsageException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunsCommandTest {

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
}
