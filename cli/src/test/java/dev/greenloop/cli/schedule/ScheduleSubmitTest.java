package dev.greenloop.cli.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop schedule submit}: input checks, in process (Main.run). */
class ScheduleSubmitTest {

    @TempDir
    Path home;

    @Test
    void submit_unknownZone_exits2WithSuggestions_andStoresNothing() {
        Cli cli = Cli.inProcess(home);
        Cli.Result r = cli.run("schedule", "submit", "--id", "a", "--duration", "1h", "--deadline", "24h", "--power", "300", "--zone", "GERMANY", "--", "true");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("greenloop: --zone: unknown grid zone 'GERMANY': did you mean DE"), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
        Cli.Result list = cli.run("schedule", "list");
        assertEquals(0, list.exitCode(), list.stderr());
        assertFalse(list.stdout().contains(" a "), list.stdout());
    }

    @Test
    void submit_knownZoneInLowerCase_isAccepted() {
        Cli.Result r = Cli.inProcess(home).run("schedule", "submit", "--id", "b", "--duration", "1h", "--deadline", "24h", "--power", "300", "--zone", "es", "--", "true");
        assertEquals(0, r.exitCode(), r.stderr());
    }
}
