package dev.greenloop.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.Range;
import dev.greenloop.cli.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path home;

    private Cli.Result run(String... args) {
        return Cli.inProcess(home).run(args);
    }

    private static void assertUsage(Cli.Result r, String... fragments) {
        assertEquals(2, r.exitCode(), r.stderr());
        for (String f : fragments) {
            assertTrue(r.stderr().contains(f), "missing '" + f + "' in: " + r.stderr());
        }
        assertTrue(!r.stderr().contains("Exception"), r.stderr());
    }

    @Test
    void compare_neitherRunNorProfile_exits2NamingBoth() {
        assertUsage(run("compare"), "--run ID", "--profile ID");
        assertUsage(run("compare", "--run", "1", "--profile", "2"), "exactly one");
    }

    @Test
    void compare_unknownRun_exits2NamingItAndRunsList() {
        assertUsage(run("compare", "--run", "99"), "no run 99", "greenloop runs list");
    }

    @Test
    void compare_profileWithoutQueriesPerDay_exits2() {
        assertUsage(run("compare", "--profile", "1"), "--queries-per-day");
    }

    @Test
    void compare_badNumbers_exit2NamingTheFlagAndValue() {
        assertUsage(run("compare", "--run", "1", "--pue", "0.5"), "--pue", "0.5");
        assertUsage(run("compare", "--run", "1", "--utilisation", "1.5"), "--utilisation", "1.5");
        assertUsage(run("compare", "--run", "1", "--years", "0"), "--years", "0.0");
        assertUsage(run("compare", "--run", "1", "--payload-bytes", "-3"), "--payload-bytes", "-3");
        assertUsage(run("compare", "--run", "x"), "'x'");
    }

    @Test
    void range_formatsBoundsWithThreeSignificantDigits() {
        assertEquals("0.00258..0.0227", CompareCommand.range(new Range(0.00258, 0.022732)));
        assertEquals("1.91", CompareCommand.range(Range.of(1.914141)));
        assertEquals("0", CompareCommand.range(Range.of(0)));
        assertEquals("1.00e-06", dev.greenloop.report.Fmt.significant(1e-6));
    }
}
