package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unsupported store URL is a usage error before anything runs, in process (Main.run). */
class StoreUrlTest {

    @TempDir
    Path home;

    @Test
    void measure_unsupportedGreenloopDb_exits2NamingTheUrlAndTheSupportedOnes_andRunsNothing() {
        Path marker = home.resolve("ran");
        Cli.Result r = Cli.inProcess(home).env("GREENLOOP_DB", "jdbc:mysql://db/greenloop?password=hunter2")
                .run("measure", "--json", "--", "touch", marker.toString());
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("greenloop: GREENLOOP_DB (or db= in the config file): 'jdbc:mysql://db/greenloop"), r.stderr());
        assertTrue(r.stderr().contains("jdbc:sqlite:FILE") && r.stderr().contains("jdbc:postgresql://"), r.stderr());
        assertFalse(r.stderr().contains("hunter2") || r.stderr().contains("Exception"), r.stderr());
        assertFalse(Files.exists(marker), "the command did not run");
    }

    @Test
    void runsList_unsupportedDbInConfigFile_exits2() throws IOException {
        Files.writeString(home.resolve("config"), "db=jdbc:mysql://db/greenloop\n");
        Cli.Result r = Cli.inProcess(home).run("runs", "list");
        assertEquals(2, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("'jdbc:mysql://db/greenloop' is not a store"), r.stderr());
    }
}
