package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    /** A write that fails after {@code n} characters, as a full disk does. */
    private static AtomicFile.Text failingAfter(int n) {
        return w -> {
            for (int i = 0; i < n; i++) {
                w.write('x');
            }
            w.flush();
            throw new IOException("No space left on device");
        };
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void writeText_complete_replacesTheFile() throws IOException {
        Path f = dir.resolve("plan.csv");
        Files.writeString(f, "old");
        AtomicFile.writeText(f, w -> w.write("new ✓"));
        assertEquals("new ✓", Files.readString(f, StandardCharsets.UTF_8));
        assertEquals(List.of(f), files());
    }

    @Test
    void writeText_failsMidway_leavesNoFileAndNoTemporary() throws IOException {
        Path f = dir.resolve("plan.csv");
        WriteException e = assertThrows(WriteException.class, () -> AtomicFile.writeText(f, failingAfter(100_000)));
        assertEquals(f + ": No space left on device", e.getMessage());
        assertEquals(f, e.file());
        assertEquals(List.of(), files());
    }

    @Test
    void writeText_failsMidway_keepsTheOldContent() throws IOException {
        Path f = dir.resolve("plan.csv");
        Files.writeString(f, "old");
        assertThrows(WriteException.class, () -> AtomicFile.writeText(f, failingAfter(10)));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of(f), files());
    }

    @Test
    void write_runtimeFailure_deletesTheTemporaryAndPassesThrough() throws IOException {
        Path f = dir.resolve("chart.png");
        assertThrows(IllegalStateException.class, () -> AtomicFile.write(f, out -> {
            out.write(1);
            throw new IllegalStateException("boom");
        }));
        assertEquals(List.of(), files());
    }

    @Test
    void write_noDirectory_isAMistakeNamingTheFileTheFolderAndTheFix() {
        Path f = dir.resolve("missing/plan.csv");
        WriteException e = assertThrows(WriteException.class, () -> AtomicFile.writeText(f, w -> w.write("x")));
        assertEquals(f + ": the folder " + dir.resolve("missing").toAbsolutePath()
                + " does not exist; create it, or give a path in an existing folder", e.getMessage());
        assertTrue(e.isMistake());
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void write_folderGivenAsTheFile_isAMistake() {
        WriteException e = assertThrows(WriteException.class, () -> AtomicFile.writeText(dir, w -> w.write("x")));
        assertTrue(e.isMistake() && e.getMessage().contains("is a folder"), e.getMessage());
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void write_unwritableDirectory_namesTheFileAndTheReason() {
        // Root may write anywhere a mode allows; /sys refuses new files even to root.
        Path f = Path.of("/sys/greenloop-plan.csv");
        assumeTrue(Files.isDirectory(f.getParent()) && !Files.exists(f));
        WriteException e = assertThrows(WriteException.class, () -> AtomicFile.writeText(f, w -> w.write("x")));
        assertEquals(f + ": Permission denied", e.getMessage());
        assertFalse(Files.exists(f));
    }

    @Test
    void write_deviceTarget_writtenInPlaceNotReplaced() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full));
        WriteException e = assertThrows(WriteException.class, () -> AtomicFile.writeText(full, w -> w.write("x")));
        assertEquals("/dev/full: No space left on device", e.getMessage());
        assertFalse(Files.isRegularFile(full));
        AtomicFile.writeText(Path.of("/dev/null"), w -> w.write("x"));
        assertFalse(Files.isRegularFile(Path.of("/dev/null")));
    }

    @Test
    void write_symbolicLink_replacesTheFileItPointsTo() throws IOException {
        Path real = dir.resolve("real.csv");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), real);
        AtomicFile.writeText(link, w -> w.write("new"));
        assertEquals("new", Files.readString(real));
        assertEquals(true, Files.isSymbolicLink(link));
    }

    @Test
    void writer_isNotToBeClosedByContent() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFile.writeText(f, (Writer w) -> w.append("a").append("b"));
        assertEquals("ab", Files.readString(f));
    }
}
