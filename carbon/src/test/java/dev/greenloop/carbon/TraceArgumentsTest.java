package dev.greenloop.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceArgumentsTest {

    @Test
    void basis_unionOfNames_anyCase() {
        assertEquals(TraceFiles.Basis.LIFECYCLE, TraceArguments.basis("lifecycle"));
        assertEquals(TraceFiles.Basis.LIFECYCLE, TraceArguments.basis(" LCA "));
        assertEquals(TraceFiles.Basis.DIRECT, TraceArguments.basis("Direct"));
        var e = assertThrows(IllegalArgumentException.class, () -> TraceArguments.basis("marginal"));
        assertEquals("'marginal' is not lifecycle or direct", e.getMessage());
    }

    @Test
    void pair_zoneUpperCased_badTextNamed() {
        assertEquals(new TraceArguments.Pair("ES", Path.of("a.csv")), TraceArguments.pair(" es =a.csv"));
        for (String bad : List.of("a.csv", "=a.csv", "ES=", " =a.csv")) {
            var e = assertThrows(IllegalArgumentException.class, () -> TraceArguments.pair(bad));
            assertTrue(e.getMessage().contains("'" + bad + "' is not ZONE=FILE"), e.getMessage());
        }
    }

    @Test
    void read_twoZones_inOrder_missingFileAndDuplicateRejected(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "time,value\n2022-01-01T00:00Z,100\n2022-01-01T01:00Z,200\n");
        var traces = TraceArguments.read(List.of("no=" + f, "de=" + f), TraceFiles.Basis.LIFECYCLE);
        assertEquals(List.of("NO", "DE"), List.copyOf(traces.keySet()));
        assertEquals("DE", traces.get("DE").zone());
        assertThrows(NoSuchFileException.class, () -> TraceArguments.read(List.of("DE=" + dir.resolve("none.csv")), TraceFiles.Basis.LIFECYCLE));
        var dup = assertThrows(IllegalArgumentException.class, () -> TraceArguments.files(List.of("DE=" + f, "de=" + f)));
        assertTrue(dup.getMessage().contains("zone DE is given twice"), dup.getMessage());
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "time,value\nnot a time,1\n");
        var invalid = assertThrows(InvalidTraceException.class, () -> TraceArguments.read(List.of("DE=" + bad), TraceFiles.Basis.LIFECYCLE));
        assertTrue(invalid.getMessage().startsWith("DE=" + bad + ": "), invalid.getMessage());
    }
}
