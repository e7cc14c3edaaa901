package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.store.ServedTraffic;
import dev.greenloop.store.ServedTrafficStore;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedTrafficLogTest {

    static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

    @TempDir
    Path home;

    /** A clock that a test moves. */
    static final class MovableClock extends Clock {
        Instant now = T;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void flush_writesWhatEachVariantAnsweredSinceTheLastWrite_andCloseWritesTheRest() {
        StoreConfig config = new StoreConfig(Optional.empty(), home);
        AtomicReference<Map<String, EmbeddingService.ServedCount>> counts = new AtomicReference<>(Map.of());
        MovableClock clock = new MovableClock();
        List<String> notes = new java.util.ArrayList<>();
        ServedTrafficLog log = new ServedTrafficLog(config, "node-a", "minilm", counts::get, Duration.ZERO, clock, notes::add);
        Map<String, EmbeddingService.ServedCount> first = new LinkedHashMap<>();
        first.put("fp32", new EmbeddingService.ServedCount(10, 2, 5.0, Provenance.MEASURED, 0.5, 10));
        first.put("int8", new EmbeddingService.ServedCount(30, 3, 4.0, Provenance.MODELLED, 0.4, 30));
        counts.set(first);
        clock.now = T.plusSeconds(300);
        assertEquals(2, log.flush().size());
        // Nothing new for fp32; int8 answered 20 more texts in one request.
        Map<String, EmbeddingService.ServedCount> second = new LinkedHashMap<>(first);
        second.put("int8", new EmbeddingService.ServedCount(50, 4, 6.0, Provenance.MODELLED, 0.6, 50));
        counts.set(second);
        clock.now = T.plusSeconds(400);
        log.close();
        log.close();
        try (ServedTrafficStore store = Stores.openServedTraffic(config)) {
            List<ServedTraffic> rows = store.list(T, T.plusSeconds(3600));
            assertEquals(3, rows.size(), rows.toString());
            assertEquals(new ServedTraffic("node-a", "minilm", "fp32", T, T.plusSeconds(300), 10, 2, 5.0, Provenance.MEASURED, 0.5, 10), rows.get(0));
            ServedTraffic last = rows.get(2);
            assertEquals("int8", last.variant());
            assertEquals(T.plusSeconds(300), last.start());
            assertEquals(T.plusSeconds(400), last.end());
            assertEquals(20, last.queries());
            assertEquals(1, last.requests());
            assertEquals(2.0, last.joules(), 1e-12);
        }
        assertTrue(notes.isEmpty(), notes.toString());
    }
}
