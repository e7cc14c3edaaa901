package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunCarbon;
import dev.greenloop.store.RunComponent;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import dev.greenloop.store.SampleRow;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path home;

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

    private static Spool.SpooledRun spooled(String location, Optional<Long> runId) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("équipe", "vision ✓");
        tags.put("empty", "");
        NewRun run = new NewRun("it's \"quoted\" 🚀", List.of("sh", "-c", "tab\tand\nnewline"), tags, T0,
                new NodeInfo("box", "DE", "EPYC", Double.NaN));
        List<SampleRow> samples = List.of(new SampleRow(T0.plusMillis(100), "cpu", 41.5, 0.1 + 0.2, Provenance.MODELLED),
                new SampleRow(T0.plusMillis(200), "cpu", Double.NaN, Math.PI, Provenance.MEASURED));
        RunOutcome outcome = new RunOutcome(T0.plusSeconds(3), 3, List.of(
                new RunComponent("psys", Scope.PSYS, Provenance.MEASURED, "/sys/x", "", Energy.ofJoules(1e-300),
                        Energy.ofJoules(0.1), Energy.ofJoules(1.7976931348623157e308), Energy.ofJoules(Math.E)),
                new RunComponent("core-0", Scope.fromLabel("cpu-package"), Provenance.DERIVED, "d", "psys", Energy.ofJoules(2),
                        Energy.ofJoules(2), Energy.ofJoules(2), Energy.ofJoules(0))),
                new RunCarbon("DE", 380.123456789, "average-lifecycle-yearly", "Ember", 1.58, 0.0123456789, 1.0 / 3.0));
        return new Spool.SpooledRun(location, runId, run, samples, outcome);
    }

    @Test
    void write_thenRead_sameRunEveryValueExactly_fileOwnerOnly() throws Exception {
        Spool.SpooledRun original = spooled("sqlite:/x/greenloop.db", Optional.of(7L));
        Path file = Spool.write(home, original);
        assertEquals(home.toAbsolutePath().resolve("spool").resolve("7.json"), file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no temporary file is left");
        }
        assertEquals(original, Spool.read(file));
    }

    @Test
    void importAll_storesRunsOfThisStoreOnce_leavesOthersAndUnreadableOnes() throws Exception {
        StoreConfig config = new StoreConfig(Optional.empty(), home);
        try (Store store = Stores.open(config)) {
            Path mine = Spool.write(home, spooled(store.location(), Optional.empty()));
            Path other = Spool.write(home, spooled("postgresql://elsewhere/greenloop", Optional.of(1L)));
            Path broken = home.resolve("spool").resolve("broken.json");
            Files.writeString(broken, "{\"format\": 1, \"store\": ");
            List<String> notes = new ArrayList<>();
            try (Store again = RunStores.open(config, notes::add)) {
                var runs = again.listRuns(Optional.empty());
                assertEquals(1, runs.size());
                assertEquals(RunStatus.FINISHED, runs.getFirst().status());
                assertEquals(3, runs.getFirst().outcome().orElseThrow().exitCode());
                assertEquals(2, again.samples("box", Optional.of(runs.getFirst().id())).size());
            }
            assertFalse(Files.exists(mine));
            assertTrue(Files.exists(other), "meant for another store");
            assertTrue(Files.exists(broken), "left for the user to look at");
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("stored the run") && n.contains(mine.toString())), notes.toString());
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("cannot read the spooled run " + broken)), notes.toString());
        }
    }
}
