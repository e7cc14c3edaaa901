package dev.greenloop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.app.Settings;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunKind;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs and jobs the API reads, from the SQLite store in GREENLOOP_HOME, opened on first use. */
class StoreRecordsTest {

    @TempDir
    Path home;

    @Test
    void opensOnFirstUse_andReadsWhatTheCliWrote() {
        Settings settings = Settings.load(Map.of("GREENLOOP_HOME", home.toString()));
        try (StoreRecords records = new StoreRecords(settings, note -> { })) {
            assertFalse(Files.exists(home.resolve(Stores.DEFAULT_FILE_NAME)), "nothing is opened before a request needs it");
            assertEquals(List.of(), records.runs(Optional.empty()));
            assertEquals(List.of(), records.jobs());
            assertTrue(records.job("j-1").isEmpty());
            long id;
            try (Store store = Stores.open(StoreConfig.fromEnvironment(settings.effectiveEnvironment()))) {
                id = store.startRun(new NewRun("train", List.of("python", "train.py"), Map.of("team", "search"),
                        Instant.parse("2026-12-05T10:00:00Z"), new NodeInfo("n1", "DE", "x86", 1.0), RunKind.MEASURE));
            }
            assertEquals("train", records.run(id).orElseThrow().start().name());
            assertEquals(1, records.runs(Optional.of(Instant.parse("2026-12-05T00:00:00Z"))).size());
            assertEquals(0, records.runs(Optional.of(Instant.parse("2026-12-06T00:00:00Z"))).size());
        }
    }
}
