package dev.greenloop.cli.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.Cli;
import dev.greenloop.cli.Json;
import dev.greenloop.store.RunKind;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoredRun;
import dev.greenloop.store.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenloop monitor} in process: the session is stored as a run of kind {@code monitor} with its samples,
 * energy and carbon, which {@code runs list} and {@code runs show} read back; {@code --json} prints JSON Lines; to
 * something that is not a terminal it prints plain lines.
 */
class MonitorTest {

    @TempDir
    Path home;

    private Store store() {
        return Stores.open(StoreConfig.fromEnvironment(Map.of("GREENLOOP_HOME", home.toString())));
    }

    private static final Pattern TOTAL = Pattern.compile("(?m)^total .* (\\d+) samples .* CO2eq in DE  run (\\d+)$");

    @Test
    void monitor_storedAsAMonitorRun_withItsSamples_listedAndShownWithEnergyAndCarbon() throws IOException {
        Cli.Result r = Cli.inProcess(home).run("monitor", "--interval", "100ms", "--duration", "1s");
        assertEquals(0, r.exitCode(), r.stderr());
        Matcher total = TOTAL.matcher(r.stdout());
        assertTrue(total.find(), r.stdout());
        long id = Long.parseLong(total.group(2));
        int samples = Integer.parseInt(total.group(1));
        assertTrue(r.stderr().contains("stored as run " + id), r.stderr());

        try (Store store = store()) {
            StoredRun run = store.findRun(id).orElseThrow();
            assertEquals(RunKind.MONITOR, run.start().kind());
            assertEquals("DE", run.outcome().orElseThrow().carbon().zone());
            assertTrue(run.outcome().orElseThrow().carbon().grams() > 0, run.toString());
            assertFalse(store.samples(run.start().node().name(), Optional.of(id)).isEmpty());
            assertEquals(List.of(), store.samples(run.start().node().name(), Optional.empty()), "no samples outside the run");
        }
        assertTrue(samples >= 2, r.stdout());

        Cli.Result list = Cli.inProcess(home).run("runs", "list", "--json");
        Map<String, Object> listed = Json.flatten(list.stdout());
        assertEquals((double) id, listed.get("[0].runId"));
        assertEquals("monitor", listed.get("[0].kind"));
        assertEquals("monitor", listed.get("[0].name"));
        assertTrue(Cli.inProcess(home).run("runs", "list").stdout().contains("monitor"));

        Cli.Result show = Cli.inProcess(home).run("runs", "show", String.valueOf(id));
        assertEquals(0, show.exitCode(), show.stderr());
        assertTrue(show.stdout().contains("kind      monitor"), show.stdout());
        assertTrue(show.stdout().contains("node energy"), show.stdout());
        assertTrue(show.stdout().contains("CO2eq for the node"), show.stdout());
        assertTrue(show.stdout().contains("in DE"), show.stdout());
    }

    @Test
    void monitor_toSomethingNotATerminal_printsOnePlainLinePerSample_noInPlaceUpdates() {
        Cli.Result r = Cli.inProcess(home).run("monitor", "--interval", "200ms", "--duration", "1s");

        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        Matcher total = TOTAL.matcher(r.stdout());
        assertTrue(total.find(), r.stdout());
        assertEquals(Integer.parseInt(total.group(1)) + 1, lines.size(), r.stdout());
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z  \\S+  [\\d.]+ \\S?W  [\\d.]+ \\S?J"), line);
        }
        assertFalse(r.stdout().contains("\r") || r.stdout().contains("\u001b") || r.stderr().contains("\r"), r.stdout() + r.stderr());
    }

    @Test
    void monitorJson_oneObjectPerSample_thenASummaryWithTheStoredRun() throws IOException {
        Cli.Result r = Cli.inProcess(home).run("monitor", "--json", "--interval", "100ms", "--duration", "1s");

        assertEquals(0, r.exitCode(), r.stderr());
        List<String> lines = r.stdout().lines().toList();
        assertTrue(lines.size() >= 3, r.stdout());
        double joules = 0;
        for (String line : lines.subList(0, lines.size() - 1)) {
            Map<String, Object> j = Json.flatten(line);
            assertEquals("sample", j.get("type"), line);
            assertTrue(((String) j.get("time")).endsWith("Z"), line);
            assertTrue((double) j.get("watts") >= 0, line);
            double now = ((Number) j.get("joules")).doubleValue();
            assertTrue(now >= joules, "joules so far never decrease: " + r.stdout());
            joules = now;
        }
        Map<String, Object> summary = Json.flatten(lines.getLast());
        assertEquals("summary", summary.get("type"));
        assertEquals((double) (lines.size() - 1), ((Number) summary.get("samples")).doubleValue());
        assertEquals(joules, ((Number) summary.get("joules")).doubleValue(), 1e-9);
        assertEquals("monitor", summary.get("run.kind"));
        assertEquals("DE", summary.get("zone"));
        assertEquals(summary.get("runId"), summary.get("run.runId"));
        long id = ((Number) summary.get("runId")).longValue();
        try (Store store = store()) {
            assertEquals(RunKind.MONITOR, store.findRun(id).orElseThrow().start().kind());
            assertEquals(summary.get("grams"), store.findRun(id).orElseThrow().outcome().orElseThrow().carbon().grams());
        }
    }
}
