package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing a build folder under its final name, and the JSON fields read back, on plain folders. */
class VariantCacheTest {

    @TempDir
    Path dir;

    private Path folder(String name, String content) throws IOException {
        Path f = Files.createDirectories(dir.resolve(name));
        Files.writeString(f.resolve("marker"), content);
        return f;
    }

    @Test
    void publish_noTarget_renamesTheBuild() throws IOException {
        Path built = folder(".x.building-1", "new");
        assertTrue(VariantCache.publish(built, dir.resolve("x"), d -> true));
        assertEquals("new", Files.readString(dir.resolve("x").resolve("marker")));
        assertFalse(Files.exists(built));
    }

    @Test
    void publish_wholeTargetThere_keepsIt_dropsTheBuild() throws IOException {
        Path target = folder("x", "first");
        Path built = folder(".x.building-2", "second");
        assertFalse(VariantCache.publish(built, target, d -> true), "another process finished first");
        assertEquals("first", Files.readString(target.resolve("marker")));
        assertFalse(Files.exists(built));
    }

    @Test
    void publish_partialTargetThere_replacesIt_leavesNoTemporaryFolder() throws IOException {
        Path target = folder("x", "partial");
        Path built = folder(".x.building-3", "whole");
        assertTrue(VariantCache.publish(built, target, d -> false));
        assertEquals("whole", Files.readString(target.resolve("marker")));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "only the final folder");
        }
    }

    @Test
    void numberAndString_readBackWhatWasWritten() {
        String json = "{\n  \"label\": " + VariantCache.quote("a \"b\"") + ",\n  \"sourceBytes\": 90387606,\n  \"modified\": 1764779000123,\n  \"ratio\": 0.956,\n  \"ids\": \"101,102\"\n}";
        assertEquals(Optional.of(90387606.0), VariantCache.number(json, "sourceBytes"));
        assertEquals(1764779000123L, VariantCache.number(json, "modified").orElseThrow().longValue());
        assertEquals(Optional.of(0.956), VariantCache.number(json, "ratio"));
        assertEquals(Optional.of("101,102"), VariantCache.string(json, "ids"));
        assertEquals(Optional.empty(), VariantCache.number(json, "missing"));
        assertTrue(json.contains("\"a \\\"b\\\"\""), json);
    }
}
