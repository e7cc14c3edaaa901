package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every anomaly store must do, whatever the engine. Subclasses give a fresh, empty database per test. */
abstract class AnomalyStoreContract {

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** @return the configuration of this test's database; the same on every call within a test */
    protected abstract StoreConfig config();

    protected AnomalyStore open() {
        AnomalyStore store = Stores.openAnomalies(config());
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    static StoredAnomaly anomaly(String id, String node, Instant start, long seconds, boolean open) {
        return new StoredAnomaly(id, node, "cpu-package-0 power", "cpu-package-0", "package", "spike", start,
                start.plusSeconds(seconds), open, 0.75, "{\"baseline\":20.0,\"observed\":200.0,\"unit\":\"W\"}", start.plusSeconds(seconds));
    }

    @Test
    void save_new_readsBackExactly() {
        AnomalyStore store = open();
        StoredAnomaly a = anomaly("a1", "n1", T0, 3, true);

        store.save(a);

        assertEquals(Optional.of(a), store.find("a1"));
    }

    @Test
    void save_sameIdTwice_keepsOneRowWithTheLaterEnd() {
        AnomalyStore store = open();
        store.save(anomaly("a1", "n1", T0, 3, true));
        StoredAnomaly closed = new StoredAnomaly("a1", "n1", "cpu-package-0 power", "cpu-package-0", "package", "level_shift", T0,
                T0.plusSeconds(90), false, 0.9, "{}", T0.plusSeconds(91));

        store.save(closed);
        store.save(closed);

        assertEquals(List.of(closed), store.list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10));
    }

    @Test
    void save_replicaThatSawLess_neitherReopensNorMovesTheEndBack() {
        AnomalyStore store = open();
        StoredAnomaly closed = anomaly("a1", "n1", T0, 60, false);
        store.save(closed);

        store.save(anomaly("a1", "n1", T0, 5, true));
        store.save(anomaly("a1", "n1", T0, 120, true));

        assertEquals(Optional.of(closed), store.find("a1"));
    }

    @Test
    void list_filtersByNodeTimeAndOpen_newestFirst() {
        AnomalyStore store = open();
        store.save(anomaly("a", "n1", T0, 10, false));
        store.save(anomaly("b", "n1", T0.plusSeconds(100), 10, true));
        store.save(anomaly("c", "n2", T0.plusSeconds(200), 10, true));

        assertEquals(List.of("c", "b", "a"), ids(store.list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 10)));
        assertEquals(List.of("b", "a"), ids(store.list(Optional.of("n1"), Optional.empty(), Optional.empty(), Optional.empty(), 10)));
        assertEquals(List.of("c", "b"), ids(store.list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(true), 10)));
        assertEquals(List.of("a"), ids(store.list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false), 10)));
        // from: ends at or after it; to: starts before it.
        assertEquals(List.of("b"), ids(store.list(Optional.empty(), Optional.of(T0.plusSeconds(20)), Optional.of(T0.plusSeconds(200)),
                Optional.empty(), 10)));
        assertEquals(List.of("c"), ids(store.list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1)));
        assertFalse(store.find("zz").isPresent());
    }

    @Test
    void list_badLimitOrPeriod_isRefusedNamingIt() {
        AnomalyStore store = open();

        IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
                () -> store.list(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0));
        IllegalArgumentException period = assertThrows(IllegalArgumentException.class,
                () -> store.list(Optional.empty(), Optional.of(T0), Optional.of(T0.minusSeconds(1)), Optional.empty(), 10));

        assertTrue(limit.getMessage().contains("was 0"), limit.getMessage());
        assertTrue(period.getMessage().contains("before"), period.getMessage());
    }

    private static List<String> ids(List<StoredAnomaly> rows) {
        return rows.stream().map(StoredAnomaly::id).toList();
    }
}
