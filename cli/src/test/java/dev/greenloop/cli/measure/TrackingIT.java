package dev.greenloop.cli.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Greenloop.track} in an application JVM: measured, attributed to the JVM, and stored as a run. */
class TrackingIT {

    @TempDir
    Path home;

    @Test
    void track_busyLoop_measuresThisJvmAndStoresTheRun() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), TrackingMain.class.getName());
        pb.environment().remove("GREENLOOP_DB");
        pb.environment().put("GREENLOOP_HOME", home.toString());
        pb.environment().put("GREENLOOP_ZONE", "FR");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        double total = Double.parseDouble(values.get("total"));
        double process = Double.parseDouble(values.get("process"));
        assertTrue(total > 0, out);
        double dynamic = Double.parseDouble(values.get("dynamic"));
        // Idle power is nobody's (docs/attribution.md): the share is of the power above idle. A thread busy for
        // 0.4 s of a ~0.5 s block on 2 CPUs holds at least ~0.4 of the node's busy CPU time, however loaded.
        assertTrue(process > 0.2 * dynamic && process <= dynamic + 1e-9 && dynamic <= total + 1e-9,
                "a busy thread on a 2-CPU node is a large share of the dynamic energy: " + out);
        assertEquals("1", values.get("runId"), out);

        var show = new Cli(home).run("runs", "show", "1", "--json");
        assertEquals(0, show.exitCode(), show.stderr());
        Map<String, Object> j = Json.flatten(show.stdout());
        assertEquals("busy-loop", j.get("name"));
        assertEquals("test", j.get("tags.kind"));
        assertEquals("FR", j.get("carbon.zone"));
        assertEquals(0, j.get("command.length"));
        assertEquals(total, (double) j.get("energy.totalJoules"), 1e-9 * total);
        assertEquals(Double.parseDouble(values.get("grams")), (double) j.get("carbon.grams"), 1e-12);
        assertTrue(List.of("measured", "modelled").contains(j.get("energy.provenance")));
    }
}
