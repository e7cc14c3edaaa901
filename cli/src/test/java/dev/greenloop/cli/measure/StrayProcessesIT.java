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
        Cli cli = Cli.inProcess(home).env("GREENLOOP_CGROUP", "off");
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

    /** In a cgroup of its own (where one can be made) the process that left the tree was counted until the command ended. */
    @Test
    void measure_inItsOwnCgroup_saysTheProcessWasCountedUntilTheCommandEnded() {
        var probe = dev.greenloop.meter.proc.CommandCgroup.open();
        probe.cgroup().ifPresent(dev.greenloop.meter.proc.CommandCgroup::close);
        org.junit.jupiter.api.Assumptions.assumeTrue(probe.cgroup().isPresent(), "no writable cgroup v2 here: " + probe.detail());
        Cli.Result r = Cli.inProcess(home).run("measure", "--", "sh", "-c", "(sleep 5 &) ; sleep 1");
        Matcher m = Pattern.compile("greenloop: note: 1 process\\(es\\) started by the command left its process tree \\(daemons, double forks\\)"
                + " and were still running when it ended; counted until then \\(its cgroup\\): pid (\\d+)\n").matcher(r.stderr());
        assertTrue(m.find(), r.stderr());
        ProcessHandle.of(Long.parseLong(m.group(1))).ifPresent(ProcessHandle::destroy);
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(r.stderr().contains("warning"), r.stderr());
    }
}
