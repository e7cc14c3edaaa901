package dev.greenloop.cli.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daemons and double forks escaped attribution silently: a process the command started, re-parented out of its
 * tree, was neither counted nor mentioned. {@code measure} now names it on standard error, once.
 */
class StrayProcessesIT {

    private static final Pattern NOTE = Pattern.compile(
            "greenloop: note: 1 process\\(es\\) started by the command left its process tree \\(daemons, double forks\\)"
                    + " and are not counted: pid (\\d+)\n");

    @TempDir
    Path home;

    @Test
    void measure_doubleFork_saysOnceOnStderrWhichProcessLeftTheTree_textAndJson() {
        Cli cli = Cli.inProcess(home);
        for (String[] format : new String[][] {{}, {"--json"}}) {
            String[] args = new String[format.length + 5];
            args[0] = "measure";
            System.arraycopy(format, 0, args, 1, format.length);
            System.arraycopy(new String[] {"--", "sh", "-c", "(sleep 5 &) ; sleep 1"}, 0, args, 1 + format.length, 4);
            Cli.Result r = cli.run(args);
            assertEquals(0, r.exitCode(), r.stderr());
            Matcher m = NOTE.matcher(r.stderr());
            assertTrue(m.find(), r.stderr());
            long pid = Long.parseLong(m.group(1));
            try {
                assertFalse(m.find(), "said once: " + r.stderr());
                assertTrue(ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("").contains("sleep 5"),
                        "pid " + pid + " is the sleep that left the tree");
                assertFalse(r.stdout().contains("greenloop: note"), "the note stays off standard output: " + r.stdout());
            } finally {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }
        }
    }

    @Test
    void measure_commandWhoseChildrenStayInItsTree_noNote() {
        Cli.Result r = Cli.inProcess(home).run("measure", "--", "sh", "-c", "sleep 0.2 & wait");
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stderr().contains("left its process tree"), r.stderr());
    }
}
