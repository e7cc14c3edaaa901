package dev.greenloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.greenloop.core.Provenance;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every served-traffic store must do, whatever the engine. Subclasses give a fresh, empty database per test. */
abstract class ServedTrafficStoreContract {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** @return the configuration of this test's database; the same on every call within a test */
    protected abstract StoreConfig config();

    static ServedTraffic row(String variant, Instant start, long queries) {
        return new ServedTraffic("node-a", "minilm", variant, start, start.plusSeconds(300), queries, queries / 2, queries * 0.25,
                Provenance.MODELLED, queries * 0.001, queries);
    }

    @Test
    void record_thenList_keepsEveryFieldAndSelectsByStart() {
        ServedTraffic a = row("fp32", T0, 100);
        ServedTraffic b = row("int8", T0.plusSeconds(300), 400);
        ServedTraffic c = row("int8", T0.plusSeconds(3600), 10);
        try (ServedTrafficStore store = Stores.openServedTraffic(config())) {
            store.record(List.of(b, a));
            store.record(List.of(c));
            store.record(List.of());
        }
        try (ServedTrafficStore store = Stores.openServedTraffic(config())) {
            assertEquals(List.of(a, b), store.list(T0, T0.plusSeconds(3600)));
            assertEquals(List.of(c), store.list(T0.plusSeconds(301), T0.plusSeconds(7200)));
        }
    }

    @Test
    void newRow_negativeQueries_namesThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> row("fp32", T0, -1));
        assertEquals(true, e.getMessage().contains("-1 queries"), e.getMessage());
    }
}
