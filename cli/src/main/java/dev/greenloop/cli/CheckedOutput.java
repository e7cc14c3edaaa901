package dev.greenloop.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream that remembers its first I/O error (and still throws it): a {@link java.io.PrintWriter} on top
 * swallows errors, and {@link Main} asks this one after the command whether its output was written.
 */
final class CheckedOutput extends FilterOutputStream {

    private IOException error;

    CheckedOutput(OutputStream out) {
        super(out);
    }

    /** @return the first I/O error writing or flushing, or null if none */
    IOException error() {
        return error;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw remember(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw remember(e);
        }
    }

    private IOException remember(IOException e) {
        if (error == null) {
            error = e;
        }
        return e;
    }
}
