package dev.greenloop.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body that may be at most so many bytes: reading past them is a 413. */
final class LimitedInputStream extends FilterInputStream {

    private final long max;
    private long read;

    LimitedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > max) {
            throw tooLarge(max);
        }
    }

    static ProblemException tooLarge(long max) {
        return new ProblemException(413, "Content Too Large", "the body is larger than %d bytes, the server's limit; send fewer samples per request"
                .formatted(max));
    }
}
