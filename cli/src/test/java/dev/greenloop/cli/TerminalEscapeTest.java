package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run named with a terminal escape sequence: shown escaped by {@code measure} and {@code runs list}, kept as is in JSON. */
class TerminalEscapeTest {

    private static final String NAME = "\u001b[31mred";

    @TempDir
    Path home;

    @Test
    void measureAndRunsList_escapeSequenceInTheName_shownEscaped() {
        Cli cli = Cli.inProcess(home);
        Cli.Result m = cli.run("measure", "--name", NAME, "--", "true");
        assertEquals(0, m.exitCode(), m.stderr());
        assertFalse(m.stderr().contains("\u001b"), m.stderr());
        assertTrue(m.stderr().contains("'\\u001b[31mred' exited 0"), m.stderr());
        Cli.Result list = cli.run("runs", "list");
        assertEquals(0, list.exitCode(), list.stderr());
        assertFalse(list.stdout().contains("\u001b"), list.stdout());
        assertTrue(list.stdout().contains("\\u001b[31mred"), list.stdout());
        Cli.Result json = cli.run("runs", "show", "1", "--json");
        assertTrue(json.stdout().contains("\"\\u001B[31mred\""), json.stdout());
    }
}
