package dev.greenloop.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.cli.UsageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextLinesTest {

    private static List<String> all(byte[] bytes, int chunk) throws IOException {
        List<String> out = new ArrayList<>();
        try (TextLines lines = new TextLines(new ByteArrayInputStream(bytes), "t.txt")) {
            for (List<String> c = lines.next(chunk); !c.isEmpty(); c = lines.next(chunk)) {
                out.addAll(c);
            }
        }
        return out;
    }

    @Test
    void next_linesCrlfBomEmptyAndLastWithoutNewline() throws IOException {
        byte[] bytes = "\uFEFFfirst\r\n\nthird ☀\nlast".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("first", "", "third ☀", "last"), all(bytes, 2));
    }

    @Test
    void next_trailingNewline_noExtraText() throws IOException {
        assertEquals(List.of("a", "b"), all("a\nb\n".getBytes(StandardCharsets.UTF_8), 10));
        assertEquals(List.of(), all(new byte[0], 10));
        assertEquals(List.of(""), all("\n".getBytes(StandardCharsets.UTF_8), 10));
    }

    @Test
    void next_longLine_kept() throws IOException {
        String longLine = "x".repeat(100_000);
        assertEquals(List.of(longLine), all(longLine.getBytes(StandardCharsets.UTF_8), 10));
    }

    @Test
    void next_invalidUtf8_usageErrorNamingLineAndByte() {
        byte[] bytes = {'o', 'k', '\n', 'a', 'b', (byte) 0xC3, '(', '\n'};
        var e = assertThrows(UsageException.class, () -> all(bytes, 10));
        assertTrue(e.getMessage().contains("t.txt line 2 is not valid UTF-8 (byte 3 of the line: 0xC3)"), e.getMessage());
    }

    @Test
    void next_lineOfOneMebibyte_isAText_oneByteMore_isAUsageErrorNamingTheLineAndTheLimit() throws IOException {
        int max = dev.greenloop.core.BoundedLines.MAX_LINE_BYTES;
        assertEquals(max, all(("a\n" + "x".repeat(max) + "\n").getBytes(StandardCharsets.UTF_8), 10).get(1).length());
        var e = assertThrows(UsageException.class, () -> all(("a\n" + "x".repeat(max + 1) + "\n").getBytes(StandardCharsets.UTF_8), 10));
        assertTrue(e.getMessage().startsWith("t.txt line 2 is longer than 1 MiB, the limit for one text"), e.getMessage());
    }
}
