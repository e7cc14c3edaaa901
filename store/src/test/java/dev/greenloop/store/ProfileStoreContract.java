package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every profile store must do, whatever the engine. Subclasses give a fresh, empty database per test. */
abstract class ProfileStoreContract {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final String INPUT = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** @return the configuration of this test's database; the same on every call within a test */
    protected abstract StoreConfig config();

    protected ProfileStore open() {
        ProfileStore store = Stores.openProfiles(config());
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    static NewProfile fp32(String model, Instant at) {
        return new NewProfile(at, "node-a", model, "fp32", "threads=1 workers=2 batch=32 spin=off", 1, 1, 2, 32, false, "ALL", 20, true, INPUT,
                true, "fp32", 1, 0.0123, 0.456, Provenance.MEASURED, 4.5, 6.25, 5, 81.5, 3, 1.2e9, 17.5, 0, 90_000_000L,
                OptionalLong.of(400_000_000L), OptionalDouble.of(1.0), OptionalDouble.of(1.0), OptionalDouble.of(1.0), 10,
                OptionalDouble.of(0.85), 5, "E");
    }

    /** An int8 row without latencies, peak memory, kNN or neighbour overlap: every nullable column empty. */
    static NewProfile int8Sparse(String model, Instant at) {
        return new NewProfile(at, "node-a", model, "int8", "threads=1 workers=2 batch=32 spin=off", 1, 1, 2, 32, false, "ALL", 20, false, INPUT,
                false, "int8", 1, 0.005, 0.2, Provenance.MODELLED, Double.NaN, Double.NaN, 0, 200, 7, 1.2e9, 17.5, 1, 23_000_000L,
                OptionalLong.empty(), OptionalDouble.of(0.99), OptionalDouble.empty(), OptionalDouble.empty(), 0, OptionalDouble.empty(), 0, "B");
    }

    @Test
    void save_result_readsBackEveryColumnInOrder() {
        ProfileStore store = open();
        NewProfile a = fp32("MiniLM", T0);
        NewProfile b = int8Sparse("MiniLM", T0);

        long result = store.save("lab profile", List.of(a, b));

        List<StoredProfile> rows = store.result(result);
        assertEquals(List.of(a, b), rows.stream().map(StoredProfile::profile).toList());
        assertEquals(List.of(result, result), rows.stream().map(StoredProfile::resultId).toList());
        assertNotEquals(rows.get(0).id(), rows.get(1).id());
    }

    @Test
    void save_twice_givesEachResultItsOwnId() {
        ProfileStore store = open();
        long first = store.save("lab profile", List.of(fp32("MiniLM", T0)));
        long second = store.save("lab sweep", List.of(fp32("MiniLM", T0.plusSeconds(60)), int8Sparse("MiniLM", T0.plusSeconds(60))));

        assertTrue(second > first, second + " after " + first);
        assertEquals(1, store.result(first).size());
        assertEquals(2, store.result(second).size());
    }

    @Test
    void list_newestResultFirst_filteredByModelSinceAndLimit() {
        ProfileStore store = open();
        long old = store.save("lab profile", List.of(fp32("MiniLM", T0), int8Sparse("MiniLM", T0)));
        long other = store.save("lab profile", List.of(fp32("bge-small", T0.plusSeconds(60))));
        long recent = store.save("lab profile", List.of(fp32("MiniLM", T0.plusSeconds(120)), int8Sparse("MiniLM", T0.plusSeconds(120))));

        assertEquals(List.of(recent, recent, other, old, old), resultIds(store.list(Optional.empty(), Instant.EPOCH, 100)));
        assertEquals(List.of(recent, recent, old, old), resultIds(store.list(Optional.of("MiniLM"), Instant.EPOCH, 100)));
        assertEquals(List.of(recent, recent), resultIds(store.list(Optional.of("MiniLM"), T0.plusSeconds(1), 100)));
        assertEquals(List.of(recent, recent, other), resultIds(store.list(Optional.empty(), Instant.EPOCH, 3)));
        assertEquals("fp32", store.list(Optional.empty(), Instant.EPOCH, 1).getFirst().profile().variant());
    }

    @Test
    void list_and_result_emptyStore_empty() {
        ProfileStore store = open();
        assertEquals(List.of(), store.list(Optional.empty(), Instant.EPOCH, 10));
        assertEquals(List.of(), store.result(1));
    }

    @Test
    void save_rejectsNoRows_andList_rejectsLimitBelowOne() {
        ProfileStore store = open();
        assertThrows(IllegalArgumentException.class, () -> store.save("lab profile", List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.list(Optional.empty(), Instant.EPOCH, 0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void save_survivesReopening() {
        long result;
        try (ProfileStore store = Stores.openProfiles(config())) {
            result = store.save("lab profile", List.of(fp32("MiniLM", T0)));
        }
        assertEquals(List.of(fp32("MiniLM", T0)), open().result(result).stream().map(StoredProfile::profile).toList());
    }

    private static List<Long> resultIds(List<StoredProfile> rows) {
        return rows.stream().map(StoredProfile::resultId).toList();
    }
}
