package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.greenloop.testfixtures.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs beyond the documented limits (docs/reliability.md, "Limits") exit 2 naming the value, the limit and the fix,
 * quickly, instead of hanging, exhausting memory or being clamped.
 */
class LimitsTest {

    @TempDir
    Path home;

    private Cli.Result run(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Cli.inProcess(home).run(args));
    }

    private static void assertUsage(Cli.Result r, String... says) {
        assertEquals(2, r.exitCode(), r.stderr());
        for (String s : says) {
            assertTrue(r.stderr().contains(s), "'" + s + "' not in: " + r.stderr());
        }
        assertFalse(r.stderr().contains("Exception"), r.stderr());
    }

    private Path jobs(String power) throws IOException {
        return Files.writeString(home.resolve("jobs.csv"), """
                id,submit,duration_minutes,deadline,power_watts,interruptible,zones
                a,2022-03-01T00:00:00Z,60,2022-03-01T12:00:00Z,%s,false,ES
                """.formatted(power));
    }

    private static String es() {
        return "ES=" + SharedData.carbon("em_ES_2022_hourly.csv");
    }

    @Test
    void devZeroAsTraceOrJobFile_exits2NamingTheFileTheLineAndTheLimit() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")), "no /dev/zero here");
        assertUsage(run("schedule", "simulate", "--trace", "ES=/dev/zero", "--jobs", jobs("100").toString()),
                "--trace ES=/dev/zero: /dev/zero line 1 is longer than 1 MiB, the limit for one line");
        assertUsage(run("schedule", "simulate", "--trace", es(), "--jobs", "/dev/zero"), "/dev/zero line 1 is longer than 1 MiB");
        assertUsage(run("intensity", "now", "--zone", "ES", "--trace", "ES=/dev/zero"), "/dev/zero line 1 is longer than 1 MiB");
    }

    @Test
    void traceLineLongerThanTheLimit_exits2NamingTheLine() throws IOException {
        Path trace = Files.writeString(home.resolve("long.csv"), "time,value\n2022-03-01 00:00:00,1" + " ".repeat(1 << 20) + "\n");
        assertUsage(run("schedule", "simulate", "--trace", "ES=" + trace, "--jobs", jobs("100").toString()), trace + " line 2 is longer than 1 MiB");
    }

    @Test
    void jobPowerAboveOneMegawatt_exits2_inAJobFileAndInScheduleSubmit() throws IOException {
        assertUsage(run("schedule", "simulate", "--trace", es(), "--jobs", jobs("1e308").toString()),
                "line 2 column 5 (power_watts): '1e308' is not at most 1 MW");
        assertUsage(run("schedule", "submit", "--id", "a", "--duration", "1h", "--deadline", "24h", "--power", "1e308", "--", "true"),
                "--power: 1e308 W is more than 1 MW");
    }

    @Test
    void durationsBeyondTenYears_exit2_notClampedTo292Years() {
        assertUsage(run("schedule", "submit", "--id", "a", "--duration", "1h", "--deadline", "1e300d", "--power", "300", "--", "true"),
                "--deadline: '1e300d' is longer than 10 years");
        assertUsage(run("schedule", "submit", "--id", "a", "--duration", "1h", "--deadline", "+100000-01-01T00:00:00Z", "--power", "300", "--", "true"),
                "--deadline: +100000-01-01T00:00:00Z is more than 10 years from now");
        assertUsage(run("schedule", "submit", "--id", "a", "--duration", "4000d", "--deadline", "24h", "--power", "300", "--", "true"),
                "--duration: '4000d' is longer than 10 years");
        assertUsage(run("monitor", "--duration", "1e30h"), "--duration: '1e30h' is longer than 10 years");
    }

    @Test
    void thresholdAboveAnyGrid_exits2() throws IOException {
        assertUsage(run("schedule", "simulate", "--trace", es(), "--jobs", jobs("100").toString(), "--policy", "threshold", "--threshold", "1e9"),
                "--threshold: 1.0E9 is not an intensity from 0 to 5000 gCO2eq/kWh");
    }

    @Test
    void simulateTimeLimitAndForecastErrorBeyondTheirLimits_exit2_notAnOverflow() throws IOException {
        assertUsage(run("schedule", "simulate", "--trace", es(), "--jobs", jobs("100").toString(), "--power-budget", "ES=10", "--time-limit", "1e300"),
                "--time-limit: 1.0E300 s is longer than 10 years");
        assertUsage(run("schedule", "simulate", "--trace", es(), "--jobs", jobs("100").toString(), "--forecast-error", "1e300"),
                "--forecast-error: 1.0E300 is above 10 (1000 %)");
    }
}
