package dev.greenloop.core;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads the lines of a text input (UTF-8) within fixed limits, so that a wrong file — a 1 GB line, a 300 MB file, a
 * device such as {@code /dev/zero} that never ends — is refused after reading at most the limit, never read whole
 * first: a line may hold at most {@value #MAX_LINE_BYTES} bytes (1 MiB) and an input at most {@value #MAX_FILE_BYTES}
 * bytes (256 MiB). A regular file over the size limit is refused before any byte is read; any other input (a named
 * pipe, {@code /dev/stdin}, a device) is counted as it is read.
 *
 * <p>Line ends are {@code \n}, {@code \r\n} or a lone {@code \r}, as {@link java.io.BufferedReader#readLine()} reads
 * them; a last line without one counts. Not thread-safe.
 */
public final class BoundedLines implements Closeable {

    /** The longest line read, in bytes (1 MiB): far beyond any row of a trace, job, text or label file. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    /** The largest input read, in bytes (256 MiB): ten years of 5-minute intensities in a wide export fit many times. */
    public static final long MAX_FILE_BYTES = 256L << 20;

    private final InputStream in;
    private final String name;
    private final int maxLineBytes;
    private final long maxBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long bytesRead;
    private byte[] line = new byte[256];
    private int lineNumber;
    private boolean eof;

    /**
     * Reads {@code in} within the default limits.
     *
     * @param in the bytes; closed by {@link #close()}
     * @param name the input's name for messages, such as its path or {@code standard input}
     */
    public BoundedLines(InputStream in, String name) {
        this(in, name, MAX_LINE_BYTES, MAX_FILE_BYTES);
    }

    BoundedLines(InputStream in, String name, int maxLineBytes, long maxBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.name = Objects.requireNonNull(name, "name");
        this.maxLineBytes = maxLineBytes;
        this.maxBytes = maxBytes;
    }

    /**
     * Opens a file for reading within the limits.
     *
     * @param file the file: a regular file, a named pipe or a device
     * @return its lines, to close
     * @throws InputTooLargeException if it is a regular file larger than {@value #MAX_FILE_BYTES} bytes
     * @throws IOException if it cannot be opened ({@link java.nio.file.NoSuchFileException} if it does not exist)
     */
    public static BoundedLines open(Path file) throws IOException {
        checkSize(file);
        return new BoundedLines(Files.newInputStream(file), file.toString());
    }

    /**
     * Opens a file as bytes within the size limit, for inputs that are not read by lines (JSON).
     *
     * @param file the file: a regular file, a named pipe or a device
     * @return its bytes, to close; reading past {@value #MAX_FILE_BYTES} bytes throws {@link InputTooLargeException}
     * @throws InputTooLargeException if it is a regular file larger than {@value #MAX_FILE_BYTES} bytes
     * @throws IOException if it cannot be opened ({@link java.nio.file.NoSuchFileException} if it does not exist)
     */
    public static InputStream openStream(Path file) throws IOException {
        checkSize(file);
        return bounded(Files.newInputStream(file), file.toString());
    }

    /**
     * Bounds a stream of bytes, such as standard input, to the size limit.
     *
     * @param in the bytes; closing the result closes it
     * @param name the input's name for messages, such as {@code standard input}
     * @return the same bytes; reading past {@value #MAX_FILE_BYTES} bytes throws {@link InputTooLargeException}
     */
    public static InputStream bounded(InputStream in, String name) {
        Objects.requireNonNull(name, "name");
        return new java.io.FilterInputStream(Objects.requireNonNull(in, "in")) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int r = super.read(b, off, len);
                if (r > 0) {
                    counted(r);
                }
                return r;
            }

            private void counted(int n) {
                count += n;
                if (count > MAX_FILE_BYTES) {
                    throw new InputTooLargeException(fileTooLarge(name, "goes on past " + size(MAX_FILE_BYTES)));
                }
            }
        };
    }

    private static void checkSize(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InputTooLargeException(fileTooLarge(file.toString(), "is " + mebibytes(size)));
            }
        }
    }

    /**
     * Reads every remaining line of a file within the limits.
     *
     * @return the lines, in order
     * @throws InputTooLargeException if a line or the file is over its limit
     * @throws IOException if it cannot be read, or is not UTF-8
     */
    public static List<String> readAll(Path file) throws IOException {
        try (BoundedLines lines = open(file)) {
            List<String> out = new ArrayList<>();
            for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                out.add(l);
            }
            return out;
        }
    }

    /** @return the number of the line last returned by {@link #readLine()}, 1-based; 0 before the first */
    public int lineNumber() {
        return lineNumber;
    }

    /**
     * @return the next line without its line end, or null at the end of the input
     * @throws InputTooLargeException naming the input, the line and the limit, after reading at most one byte past it
     * @throws IOException if the input cannot be read, or the line is not valid UTF-8 (naming the input and line)
     */
    public String readLine() throws IOException {
        if (eof) {
            return null;
        }
        int n = 0;
        while (true) {
            int b = next();
            if (b == -1) {
                eof = true;
                if (n == 0) {
                    return null;
                }
                break;
            }
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                if (peek() == '\n') {
                    next();
                }
                break;
            }
            if (n == maxLineBytes) {
                throw new InputTooLargeException(("%s line %d is longer than %s, the limit for one line; is it the right file?"
                        + " Give a text file with one row per line").formatted(name, lineNumber + 1, size(maxLineBytes)));
            }
            if (n == line.length) {
                line = Arrays.copyOf(line, Math.min(maxLineBytes, n * 2));
            }
            line[n++] = (byte) b;
        }
        lineNumber++;
        return decode(n);
    }

    private int next() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position] & 0xff;
    }

    private boolean fill() throws IOException {
        int r = in.read(buffer, 0, buffer.length);
        if (r <= 0) {
            return false;
        }
        bytesRead += r;
        if (bytesRead > maxBytes) {
            throw new InputTooLargeException(fileTooLarge(name, "goes on past " + size(maxBytes) + " at line " + (lineNumber + 1), maxBytes));
        }
        position = 0;
        limit = r;
        return true;
    }

    private String decode(int n) throws IOException {
        int from = lineNumber == 1 && n >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF ? 3 : 0;
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, from, n - from));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IOException("%s line %d is not valid UTF-8; convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8"
                    .formatted(name, lineNumber), e);
        }
    }

    private static String fileTooLarge(String name, String what) {
        return fileTooLarge(name, what, MAX_FILE_BYTES);
    }

    private static String fileTooLarge(String name, String what, long max) {
        return "%s %s, more than %s, the limit for one input; is it the right file? Split it (by year, for example) or give a smaller one"
                .formatted(name, what, size(max));
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }

    private static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
