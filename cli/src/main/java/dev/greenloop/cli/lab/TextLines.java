package dev.greenloop.cli.lab;

import dev.greenloop.cli.UsageException;
import dev.greenloop.core.BoundedLines;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one text per line, strictly as UTF-8: a line that is not valid UTF-8 is a usage error
 * naming its number and byte. Line ends are {@code \n} or {@code \r\n}; a last line without one
 * counts; a UTF-8 byte-order mark at the start is dropped; empty lines are texts too. A line longer than
 * {@link BoundedLines#MAX_LINE_BYTES} (1 MiB) is a usage error naming its number, found after reading at most that much.
 */
final class TextLines implements AutoCloseable {

    private final InputStream in;
    private final String name;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[256];
    private long lineNumber;
    private boolean eof;

    /**
     * @param in the bytes
     * @param name the input's name for messages, such as a path or {@code standard input}
     */
    TextLines(InputStream in, String name) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.name = name;
    }

    /** The number of lines read so far. */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * The next texts, at most {@code max}; empty at the end.
     *
     * @throws UsageException if a line is not valid UTF-8, or longer than 1 MiB
     */
    List<String> next(int max) throws IOException {
        List<String> texts = new ArrayList<>(Math.min(max, 4096));
        while (texts.size() < max && !eof) {
            int n = 0;
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (n == BoundedLines.MAX_LINE_BYTES) {
                    throw new UsageException("%s line %d is longer than 1 MiB, the limit for one text; is it the right file? Give one text per line"
                            .formatted(name, lineNumber + 1));
                }
                if (n == line.length) {
                    line = Arrays.copyOf(line, Math.min(n * 2, BoundedLines.MAX_LINE_BYTES));
                }
                line[n++] = (byte) b;
            }
            if (b == -1) {
                eof = true;
                if (n == 0) {
                    break; // the input ended with a line end (or is empty): no further text
                }
            }
            lineNumber++;
            int from = 0;
            if (lineNumber == 1 && n >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
                from = 3;
            }
            if (n > from && line[n - 1] == '\r') {
                n--;
            }
            texts.add(decode(from, n));
        }
        return texts;
    }

    private String decode(int from, int to) {
        ByteBuffer bytes = ByteBuffer.wrap(line, from, to - from);
        CharBuffer chars = CharBuffer.allocate(to - from);
        decoder.reset();
        CoderResult r = decoder.decode(bytes, chars, true);
        if (r.isError()) {
            throw new UsageException("%s line %d is not valid UTF-8 (byte %d of the line: 0x%02X); convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8"
                    .formatted(name, lineNumber, bytes.position() - from + 1, line[bytes.position()] & 0xff));
        }
        decoder.flush(chars);
        return chars.flip().toString();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
