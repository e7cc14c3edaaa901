package dev.greenloop.store;

import static dev.greenloop.store.Fixtures.NODE;
import static dev.greenloop.store.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must do, whatever the engine. Subclasses give a fresh, empty database per test.
 */
abstract class StoreContract {

    private final List<Store> opened = new ArrayList<>();

    /** @return the configuration of this test's database; the same on every call within a test */
    protected abstract StoreConfig config();

    /** @return a plain connection to this test's database, for changing it behind the store's back */
    protected abstract Connection rawConnection() throws SQLException;

    protected Store open() {
        Store store = Stores.open(config());
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    @Test
    void startRun_newRun_isListedAsRunningWithoutOutcome() {
        Store store = open();
        long id = store.startRun(Fixtures.newRun("train", T0));

        StoredRun run = store.findRun(id).orElseThrow();
        assertEquals(RunStatus.RUNNING, run.status());
        assertEquals(Optional.empty(), run.outcome());
        assertEquals(List.of(id), store.listRuns(Optional.empty()).stream().map(StoredRun::id).toList());
    }

    @Test
    void finishRun_everyField_roundTripsExactly() {
        Store store = open();
        NewRun start = Fixtures.newRun("train « ünïcode » 🚀", T0);
        RunOutcome outcome = Fixtures.outcome(T0.plusMillis(61_001), 3);
        long id = store.startRun(start);
        store.finishRun(id, outcome);

        StoredRun expected = new StoredRun(id, start, RunStatus.FINISHED, Optional.of(outcome));
        assertEquals(expected, store.findRun(id).orElseThrow());
        assertEquals(List.of(expected), store.listRuns(Optional.empty()));
    }

    @Test
    void appendSamplesWithTotals_runStaysRunning_thenFinishReplacesTheTotalsSoFar() throws SQLException {
        Store store = open();
        NewRun start = new NewRun("so far", List.of("sleep", "9"), java.util.Map.of(), Fixtures.T0, Fixtures.NODE,
                java.util.OptionalLong.of(ProcessHandle.current().pid()));
        long id = store.startRun(start);
        RunOutcome soFar = Fixtures.outcome(Fixtures.T0.plusSeconds(5), RunOutcome.UNKNOWN_EXIT_CODE);
        store.appendSamples(Fixtures.NODE, id, Fixtures.samples(Fixtures.T0, "psys", 3), soFar);
        StoredRun running = store.findRun(id).orElseThrow();
        assertEquals(RunStatus.RUNNING, running.status(), "its owner, this process, is alive");
        assertEquals(start, running.start(), "the command's pid is kept");
        assertEquals(Optional.empty(), running.outcome());
        try (Connection c = rawConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rows = s.executeQuery("SELECT count(*) FROM run_component WHERE run_id = " + id)) {
            rows.next();
            assertEquals(soFar.components().size(), rows.getInt(1), "the totals so far are kept with the samples");
        }
        RunOutcome outcome = Fixtures.outcome(Fixtures.T0.plusSeconds(9), 0);
        store.finishRun(id, outcome);
        assertEquals(new StoredRun(id, start, RunStatus.FINISHED, Optional.of(outcome)), store.findRun(id).orElseThrow());
        assertThrows(StoreException.class, () -> store.appendSamples(Fixtures.NODE, id, List.of(), soFar), "not running any more");
    }

    @Test
    void finishRun_reopenedStore_readsTheSame() {
        long id;
        NewRun start = Fixtures.newRun("train", T0);
        RunOutcome outcome = Fixtures.outcome(T0.plusSeconds(5), 0);
        try (Store store = Stores.open(config())) {
            id = store.startRun(start);
            store.finishRun(id, outcome);
        }
        assertEquals(new StoredRun(id, start, RunStatus.FINISHED, Optional.of(outcome)), open().findRun(id).orElseThrow());
    }

    @Test
    void startRun_tagOrder_isKeptAsGiven() {
        Store store = open();
        long id = store.startRun(Fixtures.newRun("train", T0));

        assertEquals(List.of("zeta", "model", "équipe", "alpha"),
                List.copyOf(store.findRun(id).orElseThrow().start().tags().keySet()));
    }

    @Test
    void startRun_emptyCommandAndTags_roundTripEmpty() {
        Store store = open();
        NewRun start = new NewRun("in-process", List.of(), Map.of(), T0, NODE);
        long id = store.startRun(start);

        assertEquals(start, store.findRun(id).orElseThrow().start());
    }

    @Test
    void startRun_monitorKind_readsBackAsMonitor_withItsSamples_andOtherRunsStayMeasure() {
        Store store = open();
        long measured = store.startRun(Fixtures.newRun("train", T0));
        NewRun session = new NewRun("monitor", List.of(), Map.of(), T0.plusSeconds(1), NODE, RunKind.MONITOR);
        long monitor = store.startRun(session);
        List<SampleRow> samples = Fixtures.samples(T0.plusSeconds(1), "psys", 3);
        store.appendSamples(NODE, Optional.of(monitor), samples);
        RunOutcome outcome = Fixtures.outcome(T0.plusSeconds(4), 0);
        store.finishRun(monitor, outcome);

        assertEquals(new StoredRun(monitor, session, RunStatus.FINISHED, Optional.of(outcome)), store.findRun(monitor).orElseThrow());
        assertEquals(List.of(RunKind.MONITOR, RunKind.MEASURE), store.listRuns(Optional.empty()).stream().map(r -> r.start().kind()).toList());
        assertEquals(RunKind.MEASURE, store.findRun(measured).orElseThrow().start().kind());
        assertEquals(samples, store.samples(NODE.name(), Optional.of(monitor)));
    }

    @Test
    void startRun_sameNodeTwice_sharesOneNodeRowWithLatestDescription() throws SQLException {
        Store store = open();
        store.startRun(Fixtures.newRun("a", T0));
        NodeInfo moved = new NodeInfo(NODE.name(), "FR", NODE.hardware(), 1.2);
        long second = store.startRun(new NewRun("b", List.of(), Map.of(), T0.plusSeconds(1), moved));

        assertEquals(moved, store.findRun(second).orElseThrow().start().node());
        assertEquals(1, count("SELECT COUNT(*) FROM node"));
    }

    @Test
    void finishRun_unknownId_throwsStoreExceptionNamingId() {
        Store store = open();

        StoreException e = assertThrows(StoreException.class, () -> store.finishRun(4242, Fixtures.outcome(T0, 0)));
        assertTrue(e.getMessage().contains("4242"), e.getMessage());
    }

    @Test
    void finishRun_alreadyFinished_throwsAndKeepsFirstOutcome() {
        Store store = open();
        long id = store.startRun(Fixtures.newRun("train", T0));
        RunOutcome first = Fixtures.outcome(T0.plusSeconds(1), 0);
        store.finishRun(id, first);

        assertThrows(StoreException.class, () -> store.finishRun(id, Fixtures.outcome(T0.plusSeconds(2), 1)));
        assertEquals(Optional.of(first), store.findRun(id).orElseThrow().outcome());
    }

    @Test
    void findRun_unknownId_isEmpty() {
        assertEquals(Optional.empty(), open().findRun(99));
    }

    @Test
    void listRuns_severalRuns_newestFirst() {
        Store store = open();
        long middle = store.startRun(Fixtures.newRun("middle", T0.plusSeconds(60)));
        long oldest = store.startRun(Fixtures.newRun("oldest", T0));
        long newest = store.startRun(Fixtures.newRun("newest", T0.plusSeconds(120)));
        store.finishRun(oldest, Fixtures.outcome(T0.plusSeconds(1), 0));

        assertEquals(List.of(newest, middle, oldest), store.listRuns(Optional.empty()).stream().map(StoredRun::id).toList());
    }

    @Test
    void listRuns_since_keepsRunsStartedAtOrAfterIt() {
        Store store = open();
        store.startRun(Fixtures.newRun("before", T0.minusMillis(1)));
        long atSince = store.startRun(Fixtures.newRun("at", T0));
        long after = store.startRun(Fixtures.newRun("after", T0.plusMillis(1)));

        assertEquals(List.of(after, atSince), store.listRuns(Optional.of(T0)).stream().map(StoredRun::id).toList());
    }

    @Test
    void listRuns_emptyStore_isEmpty() {
        assertEquals(List.of(), open().listRuns(Optional.empty()));
    }

    @Test
    void appendSamples_run_readBackInTimeOrder() {
        Store store = open();
        long id = store.startRun(Fixtures.newRun("train", T0));
        List<SampleRow> late = Fixtures.samples(T0.plusSeconds(1_000), "gpu-0", 3);
        List<SampleRow> early = Fixtures.samples(T0, "cpu-package-0", 2500);
        store.appendSamples(NODE, Optional.of(id), late);
        store.appendSamples(NODE, Optional.of(id), early);

        List<SampleRow> expected = new ArrayList<>(early);
        expected.addAll(late);
        assertEquals(expected, store.samples(NODE.name(), Optional.of(id)));
    }

    @Test
    void appendSamples_nodeSeries_keptApartFromRunSamples() {
        Store store = open();
        long id = store.startRun(Fixtures.newRun("train", T0));
        List<SampleRow> monitor = Fixtures.samples(T0, "psys", 5);
        List<SampleRow> ofRun = Fixtures.samples(T0, "gpu-0", 4);
        store.appendSamples(NODE, Optional.empty(), monitor);
        store.appendSamples(NODE, Optional.of(id), ofRun);

        assertEquals(monitor, store.samples(NODE.name(), Optional.empty()));
        assertEquals(ofRun, store.samples(NODE.name(), Optional.of(id)));
        assertEquals(List.of(), store.samples("other-node", Optional.empty()));
    }

    @Test
    void appendSamples_nanPower_readsBackNaN() {
        Store store = open();
        SampleRow first = new SampleRow(T0, "gpu-0", Double.NaN, 0, Provenance.MEASURED);
        store.appendSamples(NODE, Optional.empty(), List.of(first));

        assertTrue(Double.isNaN(store.samples(NODE.name(), Optional.empty()).getFirst().powerWatts()));
    }

    @Test
    void appendSamples_unknownRun_throwsAndWritesNothing() throws SQLException {
        Store store = open();

        assertThrows(StoreException.class,
                () -> store.appendSamples(NODE, Optional.of(77L), Fixtures.samples(T0, "gpu-0", 3)));
        assertEquals(0, count("SELECT COUNT(*) FROM sample"));
    }

    @Test
    void open_twice_appliesEachMigrationOnce() throws SQLException {
        open().close();
        open().close();

        assertEquals(Migration.all(Dialect.SQLITE).size(), count("SELECT COUNT(*) FROM schema_version"));
        assertEquals(Migration.latestVersion(), count("SELECT MAX(version) FROM schema_version"));
    }

    @Test
    void open_schemaNewerThanCode_refusesNamingBothVersions() throws SQLException {
        open().close();
        int newer = Migration.latestVersion() + 1;
        execute("INSERT INTO schema_version (version, description, applied_at, checksum) VALUES (" + newer
                + ", 'from the future', 0, 'x')");

        StoreException e = assertThrows(StoreException.class, () -> Stores.open(config()));
        assertTrue(e.getMessage().contains("schema version " + newer), e.getMessage());
        assertTrue(e.getMessage().contains("(" + Migration.latestVersion() + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("upgrade Greenloop"), e.getMessage());
    }

    @Test
    void open_appliedMigrationChanged_refusesNamingIt() throws SQLException {
        open().close();
        execute("UPDATE schema_version SET checksum = 'deadbeef' WHERE version = 1");

        StoreException e = assertThrows(StoreException.class, () -> Stores.open(config()));
        assertTrue(e.getMessage().contains("V1 (init)"), e.getMessage());
        assertTrue(e.getMessage().contains("deadbeef"), e.getMessage());
    }

    @Test
    void close_twice_doesNotThrow() {
        Store store = open();
        store.close();
        store.close();
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = rawConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = rawConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
