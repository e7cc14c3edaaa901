package dev.greenloop.cli.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greenloop monitor > file} through the real launcher: a readable file, and a run that {@code runs show} reads back. */
class MonitorIT {

    @TempDir
    Path home;

    @TempDir
    Path out;

    @Test
    void monitorToAFile_plainLinesAndATotal_thenRunsShowGivesItsEnergyAndCarbon() throws IOException {
        Path file = out.resolve("monitor.txt");
        Cli.Result r = new Cli(home).runWritingTo(file.toFile(), "monitor", "--interval", "200ms", "--duration", "1s");

        assertEquals(0, r.exitCode(), r.stderr());
        String text = Files.readString(file);
        assertFalse(text.contains("\r") || text.contains("\u001b"), text);
        List<String> lines = text.lines().toList();
        assertTrue(lines.size() >= 3, text);
        assertTrue(lines.getFirst().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z  .* W  .* J"), lines.getFirst());
        assertTrue(lines.getLast().startsWith("total "), text);
        assertTrue(lines.getLast().contains("CO2eq in DE"), text);

        Map<String, Object> listed = Json.flatten(new Cli(home).run("runs", "list", "--json").stdout());
        assertEquals("monitor", listed.get("[0].kind"));
        long id = ((Number) listed.get("[0].runId")).longValue();
        assertTrue(lines.getLast().endsWith("run " + id), text);
        Cli.Result show = new Cli(home).run("runs", "show", String.valueOf(id));
        assertEquals(0, show.exitCode(), show.stderr());
        assertTrue(show.stdout().contains("kind      monitor"), show.stdout());
        assertTrue(show.stdout().contains("CO2eq for the node"), show.stdout());
    }

    @Test
    void monitorJson_readerGoesAway_theSessionEndsWith141AndIsStored() throws Exception {
        Process p = new Cli(home).start("monitor", "--json", "--interval", "100ms");
        var err = Cli.drain(p.getErrorStream());
        var stdout = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(stdout.readLine().startsWith("{\"type\":\"sample\""));
        stdout.close(); // as 'head -1' does

        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("monitor went on sampling for nobody");
        }
        assertEquals(141, p.exitValue(), err.join());
        assertTrue(err.join().contains("stored as run 1"), err.join());
        Map<String, Object> listed = Json.flatten(new Cli(home).run("runs", "list", "--json").stdout());
        assertEquals("finished", listed.get("[0].status"));
        assertEquals("monitor", listed.get("[0].kind"));
    }
}
