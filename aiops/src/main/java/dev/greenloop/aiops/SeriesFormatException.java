package dev.greenloop.aiops;

import java.io.Serial;

/** A series file that is not {@code timestamp,value} rows in time order; the message names the file, line and fix. */
public final class SeriesFormatException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /**
     * @param file the file's name
     * @param line the 1-based line
     * @param problem what is wrong and how to fix it
     */
    public SeriesFormatException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** @return the file's name as given */
    public String file() {
        return file;
    }

    /** @return the 1-based line of the problem */
    public int line() {
        return line;
    }
}
