package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.measure.MeasureCommand;
import dev.greenloop.cli.runs.RunsCommand;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DurationsTest {

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
    void durations_beyondTenYears_refusedNamingTheLimit_notClamped() {
        assertEquals(Durations.MAX, Durations.parse("--duration", "3653d"));
        for (String tooLong : List.of("3654d", "1e30h", "PT100000H", "P4000D")) {
            var e = assertThrows(UsageException.class, () -> Durations.parse("--duration", tooLong));
            assertTrue(e.getMessage().contains("'" + tooLong + "' is longer than 10 years"), e.getMessage());
        }
    }
}
