package dev.greenloop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines are read within fixed limits, refused after reading at most the limit, never read whole first. */
class BoundedLinesTest {

    @TempDir
    Path dir;

    @Test
    void readLine_lineEndsAsBufferedReaderReadsThem_andAByteOrderMarkDropped() throws IOException {
        byte[] text = "\uFEFFa,1\r\nb,2\rc,3\n\nd,4".getBytes(StandardCharsets.UTF_8);
        try (BoundedLines lines = new BoundedLines(new ByteArrayInputStream(text), "t")) {
            assertEquals("a,1", lines.readLine());
            assertEquals("b,2", lines.readLine());
            assertEquals("c,3", lines.readLine());
            assertEquals("", lines.readLine());
            assertEquals("d,4", lines.readLine());
            assertEquals(5, lines.lineNumber());
            assertNull(lines.readLine());
        }
    }

    @Test
    void readLine_lineOfExactlyTheLimit_isRead_oneByteMore_isRefusedNamingTheInputTheLineAndTheLimit() throws IOException {
        byte[] ok = new byte[BoundedLines.MAX_LINE_BYTES];
        Arrays.fill(ok, (byte) 'x');
        Path file = dir.resolve("long.csv");
        Files.write(file, ("time,value\n" + new String(ok, StandardCharsets.US_ASCII) + "\n" + new String(ok, StandardCharsets.US_ASCII) + "y\n")
                .getBytes(StandardCharsets.US_ASCII));
        try (BoundedLines lines = BoundedLines.open(file)) {
            assertEquals("time,value", lines.readLine());
            assertEquals(BoundedLines.MAX_LINE_BYTES, lines.readLine().length());
            InputTooLargeException e = assertThrows(InputTooLargeException.class, lines::readLine);
            assertTrue(e.getMessage().contains(file + " line 3 is longer than 1 MiB"), e.getMessage());
            assertTrue(e.getMessage().contains("the right file"), e.getMessage());
        }
    }

    @Test
    void open_regularFileOverTheSizeLimit_refusedBeforeReadingIt() throws IOException {
        Path file = dir.resolve("huge.csv");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(BoundedLines.MAX_FILE_BYTES + 1); // sparse: costs no disk
        }
        InputTooLargeException e = assertThrows(InputTooLargeException.class, () -> BoundedLines.open(file));
        assertTrue(e.getMessage().contains(file + " is 256.0 MiB, more than 256 MiB"), e.getMessage());
        assertThrows(InputTooLargeException.class, () -> BoundedLines.openStream(file));
    }

    @Test
    void readLine_streamThatGoesOnPastTheSizeLimit_refusedAfterReadingAtMostOneBufferMore() {
        long[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return served[0] % 80 == 0 ? '\n' : 'x';
            }
        };
        BoundedLines lines = new BoundedLines(endless, "a pipe", BoundedLines.MAX_LINE_BYTES, 1 << 20);
        InputTooLargeException e = assertThrows(InputTooLargeException.class, () -> {
            while (lines.readLine() != null) {
                // read until refused
            }
        });
        assertTrue(e.getMessage().startsWith("a pipe goes on past 1 MiB at line "), e.getMessage());
        assertTrue(served[0] <= (1 << 20) + (1 << 16), "read " + served[0] + " bytes");
    }

    @Test
    void readLine_devZero_refusedAtTheFirstLineAfterOneMebibyte() throws IOException {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        try (BoundedLines lines = BoundedLines.open(zero)) {
            InputTooLargeException e = assertThrows(InputTooLargeException.class, lines::readLine);
            assertTrue(e.getMessage().contains("/dev/zero line 1 is longer than 1 MiB"), e.getMessage());
        }
    }

    @Test
    void readAll_notUtf8_namesTheInputAndTheLine() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, new byte[] {'a', '\n', 'b', (byte) 0xE9, '\n'});
        IOException e = assertThrows(IOException.class, () -> BoundedLines.readAll(file));
        assertTrue(e.getMessage().contains(file + " line 2 is not valid UTF-8"), e.getMessage());
        Files.writeString(file, "a\nb\n");
        assertEquals(List.of("a", "b"), BoundedLines.readAll(file));
    }
}
