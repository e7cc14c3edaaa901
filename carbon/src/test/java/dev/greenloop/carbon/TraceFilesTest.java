package dev.greenloop.carbon;

import dev.greenloop.testfixtures.SharedData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFilesTest {

    @TempDir
    Path dir;

    @Test
    void read_electricityMapsExport_lifecycleByDefaultZoneFromFile() throws IOException {
        IntensityTrace t = TraceFiles.read(SharedData.carbon("em_ES_2022_hourly.csv"), null, TraceFiles.Basis.LIFECYCLE);
        assertEquals("ES", t.zone());
        assertEquals(8760, t.size());
        assertEquals(Duration.ofHours(1), t.step());
        assertEquals(Instant.parse("2022-01-01T00:00:00Z"), t.start());
        assertEquals(175.54, t.value(0), 1e-9);
        assertEquals("lifecycle", t.signal().basis());
        assertEquals(181.54, t.at(Instant.parse("2022-01-01T01:59:59Z")).intensity().gramsPerKWh(), 1e-9);
    }

    @Test
    void read_electricityMapsExportDirect_readsDirectColumn() throws IOException {
        IntensityTrace t = TraceFiles.read(SharedData.carbon("em_NO_2022_hourly.csv"), null, TraceFiles.Basis.DIRECT);
        assertEquals(33.11, t.value(0), 1e-9);
        assertEquals("direct", t.signal().basis());
    }

    @Test
    void read_genericFifteenMinuteTrace_parses() throws IOException {
        IntensityTrace t = TraceFiles.read(SharedData.carbon("lwa_ger_2020_ci.csv"), "DE", TraceFiles.Basis.LIFECYCLE);
        assertEquals(Duration.ofMinutes(15), t.step());
        assertEquals(Instant.parse("2019-12-20T00:00:00Z"), t.start());
        assertEquals(218.29003068829462, t.value(0), 1e-12);
        assertTrue(t.size() > 35_000, "about a year and three weeks of 15-minute points: " + t.size());
    }

    @Test
    void at_lastPoint_appliesForOneStep_thenNothing() throws IOException {
        Path f = write("time,value\n2026-01-01T00:00:00Z,100\n2026-01-01T01:00:00Z,200\n");
        IntensityTrace t = TraceFiles.read(f, "XX", TraceFiles.Basis.LIFECYCLE);
        assertEquals(200, t.at(Instant.parse("2026-01-01T01:59:00Z")).intensity().gramsPerKWh());
        assertEquals(-1, t.indexAt(Instant.parse("2026-01-01T02:00:00Z")));
        assertThrows(java.util.NoSuchElementException.class, () -> t.at(Instant.parse("2025-12-31T23:00:00Z")));
    }

    @Test
    void read_badRows_nameFileLineAndColumn() throws IOException {
        var e = assertThrows(InvalidTraceException.class,
                () -> TraceFiles.read(write("time,value\n2026-01-01 00:00:00,100\n2026-01-01 01:00:00,abc\n"), "XX", TraceFiles.Basis.LIFECYCLE));
        assertTrue(e.getMessage().contains("line 3 column 2") && e.getMessage().contains("'abc'"), e.getMessage());
        var t = assertThrows(InvalidTraceException.class,
                () -> TraceFiles.read(write("time,value\nyesterday,100\n2026-01-01 01:00:00,5\n"), "XX", TraceFiles.Basis.LIFECYCLE));
        assertTrue(t.getMessage().contains("line 2 column 1") && t.getMessage().contains("'yesterday'"), t.getMessage());
        var neg = assertThrows(InvalidTraceException.class,
                () -> TraceFiles.read(write("time,value\n2026-01-01 00:00:00,-4\n2026-01-01 01:00:00,5\n"), "XX", TraceFiles.Basis.LIFECYCLE));
        assertTrue(neg.getMessage().contains("'-4'"), neg.getMessage());
    }

    @Test
    void read_duplicateUnsortedOrGap_isRejectedNamingTheLine() throws IOException {
        var dup = assertThrows(InvalidTraceException.class, () -> TraceFiles.read(
                write("time,value\n2026-01-01 00:00:00,1\n2026-01-01 01:00:00,2\n2026-01-01 01:00:00,3\n"), "XX", TraceFiles.Basis.LIFECYCLE));
        assertTrue(dup.getMessage().contains("line 4") && dup.getMessage().contains("repeats"), dup.getMessage());
        var back = assertThrows(InvalidTraceException.class, () -> TraceFiles.read(
                write("time,value\n2026-01-01 01:00:00,1\n2026-01-01 00:00:00,2\n"), "XX", TraceFiles.Basis.LIFECYCLE));
        assertTrue(back.getMessage().contains("line 3") && back.getMessage().contains("back in time"), back.getMessage());
        var gap = assertThrows(InvalidTraceException.class, () -> TraceFiles.read(
                write("time,value\n2026-01-01 00:00:00,1\n2026-01-01 01:00:00,2\n2026-01-01 02:00:00,2\n2026-01-01 05:00:00,2\n"),
                "XX", TraceFiles.Basis.LIFECYCLE));
        assertTrue(gap.getMessage().contains("line 5") && gap.getMessage().contains("gap"), gap.getMessage());
    }

    @Test
    void read_genericWithoutZone_asksForOne() throws IOException {
        var e = assertThrows(InvalidTraceException.class, () -> TraceFiles.read(
                write("time,value\n2026-01-01 00:00:00,1\n2026-01-01 01:00:00,2\n"), null, TraceFiles.Basis.LIFECYCLE));
        assertTrue(e.getMessage().contains("ZONE=FILE"), e.getMessage());
    }

    @Test
    void read_genericWithoutHeader_keepsTheFirstPoint() throws IOException {
        IntensityTrace t = TraceFiles.read(write("2026-01-01T00:00:00Z,100\n2026-01-01T01:00:00Z,200\n2026-01-01T02:00:00Z,300\n"),
                "XX", TraceFiles.Basis.LIFECYCLE);
        assertEquals(3, t.size());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), t.start());
        assertEquals(100, t.value(0));
        var bad = assertThrows(InvalidTraceException.class, () -> TraceFiles.read(
                write("2026-01-01 00:00:00,1\n2026-01-01 01:00:00,abc\n"), "XX", TraceFiles.Basis.LIFECYCLE));
        assertTrue(bad.getMessage().contains("line 2 column 2"), bad.getMessage());
    }

    private Path write(String content) throws IOException {
        Path f = Files.createTempFile(dir, "trace", ".csv");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void read_lineLongerThanTheLimit_refusedNamingFileLineAndLimit() throws IOException {
        Path file = dir.resolve("long.csv");
        Files.writeString(file, "time,value\n2022-01-01 00:00:00,1" + "0".repeat(dev.greenloop.core.BoundedLines.MAX_LINE_BYTES) + "\n");
        InvalidTraceException e = assertThrows(InvalidTraceException.class, () -> TraceFiles.read(file, "ES", TraceFiles.Basis.LIFECYCLE));
        assertTrue(e.getMessage().contains(file + " line 2 is longer than 1 MiB"), e.getMessage());
    }

    @Test
    void read_fileLargerThanTheLimit_refusedBeforeReadingIt() throws IOException {
        for (String name : new String[] {"huge.csv", "huge.json"}) {
            Path file = dir.resolve(name);
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(dev.greenloop.core.BoundedLines.MAX_FILE_BYTES + 1); // sparse
            }
            InvalidTraceException e = assertThrows(InvalidTraceException.class, () -> TraceFiles.read(file, "ES", TraceFiles.Basis.LIFECYCLE));
            assertTrue(e.getMessage().contains(file + " is 256.0 MiB, more than 256 MiB, the limit for one input"), e.getMessage());
        }
    }

    @Test
    void read_devZero_refusedAtLineOneNotReadForever() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/dev/zero")));
        InvalidTraceException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(InvalidTraceException.class, () -> TraceFiles.read(Path.of("/dev/zero"), "ES", TraceFiles.Basis.LIFECYCLE)));
        assertTrue(e.getMessage().contains("/dev/zero line 1 is longer than 1 MiB"), e.getMessage());
    }

    @Test
    void read_intensityAboveThePhysicalMaximum_refusedNamingLineColumnAndLimit() throws IOException {
        Path file = dir.resolve("mwh.csv");
        Files.writeString(file, "time,value\n2022-01-01 00:00:00,250\n2022-01-01 01:00:00,250000\n");
        InvalidTraceException e = assertThrows(InvalidTraceException.class, () -> TraceFiles.read(file, "ES", TraceFiles.Basis.LIFECYCLE));
        assertTrue(e.getMessage().contains(file + " line 3 column 2: intensity 250000 is above 5000 gCO2eq/kWh"), e.getMessage());
        // A headerless file whose first value is out of range: that row is reported, not taken for a header.
        Files.writeString(file, "2022-01-01 00:00:00,1e308\n2022-01-01 01:00:00,250\n2022-01-01 02:00:00,250\n");
        e = assertThrows(InvalidTraceException.class, () -> TraceFiles.read(file, "ES", TraceFiles.Basis.LIFECYCLE));
        assertTrue(e.getMessage().contains(file + " line 1 column 2: intensity 1e308 is above 5000"), e.getMessage());
        Files.writeString(file, "time,value\n2022-01-01 00:00:00,5000\n2022-01-01 01:00:00,0\n");
        assertEquals(5000, TraceFiles.read(file, "ES", TraceFiles.Basis.LIFECYCLE).value(0));
    }
}
