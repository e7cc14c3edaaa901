package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Main#run(Settings, PrintWriter, PrintWriter, String...)}: the in-process entry, on its own writers and settings. */
class MainTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Settings settings, String... args) {
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            return Main.run(settings, o, e, args);
        }
    }

    @Test
    void run_version_writesToTheGivenOut() {
        assertEquals(0, run(null, "--version"));
        assertTrue(out.toString().startsWith("greenloop "), out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void run_unknownOption_exits2WithMessageOnTheGivenErr() {
        assertEquals(2, run(null, "zones", "--no-such-flag"));
        assertTrue(err.toString().startsWith("greenloop: Unknown option: '--no-such-flag'"), err.toString());
        assertTrue(err.toString().contains("Try 'greenloop zones --help'."), err.toString());
    }

    @Test
    void run_misspelledCommand_exits2SuggestingTheCommand() {
        Cli.Result r = Cli.inProcess(home).run("mesure", "--", "true");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("greenloop: Unmatched argument"), r.stderr());
        assertTrue(r.stderr().contains("Did you mean: greenloop measure"), r.stderr());
        assertTrue(r.stderr().contains("Try 'greenloop --help'."), r.stderr());
    }

    @Test
    void run_misspelledSubcommand_suggestsTheSubcommand() {
        Cli.Result r = Cli.inProcess(home).run("runs", "lst");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("Did you mean: runs list"), r.stderr());
    }

    @Test
    void run_givenSettings_commandsUseTheirHome() {
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        assertEquals(0, run(settings, "runs", "list"));
        assertTrue(out.toString().contains(home.toString()), out.toString());
    }

    @Test
    void run_usageError_exits2AndNamesTheValue() {
        assertEquals(2, run(Settings.load(Map.of("GREENLOOP_HOME", home.toString())), "measure", "--interval", "fast", "--", "true"));
        assertTrue(err.toString().contains("'fast'"), err.toString());
    }

    @Test
    void run_nullWriter_rejected() {
        assertThrows(NullPointerException.class, () -> Main.run(null, null, new PrintWriter(err), "--version"));
    }
}
