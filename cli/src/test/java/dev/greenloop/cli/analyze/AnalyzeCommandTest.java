package dev.greenloop.cli.analyze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.Fleet;
import dev.greenloop.app.RunStores;
import dev.greenloop.app.Settings;
import dev.greenloop.cli.Cli;
import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.NodeRegistration;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenloop analyze} on a local store: node {@code box} whose 01:00 hour (UTC) of 2026-03-02 is 30 minutes of a
 * stored run at 100 W (tagged with 600 queries), then 30 idle minutes at 40 W.
 */
class AnalyzeCommandTest {

    static final Instant ONE = Instant.parse("2026-03-02T01:00:00Z");

    @TempDir
    Path home;

    void seed() {
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        List<FleetSample> samples = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            double w = m < 30 ? 100 : 40;
            samples.add(new FleetSample("s" + m, ONE.plusSeconds(60L * m + 60), 60, "psys", Scope.PSYS, Provenance.MEASURED, w * 60, w));
        }
        try (Fleet fleet = Fleet.open(settings)) {
            fleet.ingest(new NodeRegistration("box", "DE", 1.0, ""), samples);
        }
        try (Store store = RunStores.open(settings, note -> { })) {
            long id = store.startRun(new NewRun("serve", List.of("serve"), Map.of("queries", "600"), ONE, new NodeInfo("box", "DE", "", 1)));
            Energy e = Energy.ofJoules(180_000);
            store.finishRun(id, new RunOutcome(ONE.plusSeconds(1800), 0, List.of(new RunComponent("psys", Scope.PSYS, Provenance.MEASURED, "",
                    "", e, e, e, Energy.ofJoules(0))), new RunCarbon("DE", 300, "s", "src", 1, 15, 0)));
        }
    }

    @Test
    void table_dailyIdleActiveAndPerQuery() {
        seed();
        Cli.Result r = Cli.inProcess(home).run("analyze", "--node", "box", "--from", "2026-03-02", "--to", "2026-03-02T03:00Z");
        assertEquals(0, r.exitCode(), r.stderr());
        String out = r.stdout();
        // 30 min × 100 W + 30 min × 40 W = 70 Wh; mean 70 W over the covered hour; 30 idle minutes at 40 W.
        assertTrue(out.contains("2026-03-02"), out);
        assertTrue(out.matches("(?s).*2026-03-02\\s+70\\.0\\s.*"), out);
        assertTrue(out.matches("(?s).*\\bnode\\s+50\\.0\\s+20\\.0\\s+28\\.6\\s+40\\.0\\s+0\\.00\\b.*"), out);
        assertTrue(out.matches("(?s).*queries\\s+queries\\s+1\\s+600\\s+180000\\s+300\\b.*"), out);
    }

    @Test
    void json_hasBothDocuments() {
        seed();
        Cli.Result r = Cli.inProcess(home).run("analyze", "--node", "box", "--from", "2026-03-02", "--to", "2026-03-02T03:00Z", "--json");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("\"analysis\""), r.stdout());
        assertTrue(r.stdout().contains("\"joulesPerQuery\" : 300.0"), r.stdout());
    }

    @Test
    void unknownNodeOrBadTime_exit2NamingIt() {
        seed();
        Cli.Result unknown = Cli.inProcess(home).run("analyze", "--node", "nope");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.stderr().contains("--node nope: no such node") && unknown.stderr().contains("known nodes: box"), unknown.stderr());
        Cli.Result bad = Cli.inProcess(home).run("analyze", "--node", "box", "--from", "last week");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("--from: 'last week' is not a time"), bad.stderr());
        Cli.Result backwards = Cli.inProcess(home).run("analyze", "--node", "box", "--from", "2026-03-03", "--to", "2026-03-02");
        assertEquals(2, backwards.exitCode());
        assertTrue(backwards.stderr().contains("is not before --to"), backwards.stderr());
        Cli.Result tooLong = Cli.inProcess(home).run("analyze", "--node", "box", "--from", "2026-01-01", "--to", "2026-03-02");
        assertEquals(2, tooLong.exitCode());
        assertTrue(tooLong.stderr().contains("longer than 31 days"), tooLong.stderr());
        assertTrue(!tooLong.stderr().contains("Exception"), tooLong.stderr());
    }
}
