package dev.greenloop.aiops;

import dev.greenloop.core.BoundedLines;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A time series of {@code timestamp,value} rows in time order, as NAB's CSV files hold them (header
 * {@code timestamp,value}, timestamps {@code YYYY-MM-DD HH:MM:SS} in UTC; format of numenta/NAB's {@code data/} files).
 *
 * @param timestamps the rows' times, in order (NAB's files repeat a time at a clock change, so equal times are kept)
 * @param values the rows' values, finite
 */
public record Series(Instant[] timestamps, double[] values) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /**
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public Series {
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(values, "values");
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("series has " + timestamps.length + " timestamps but " + values.length + " values");
        }
    }

    /** @return the number of rows */
    public int size() {
        return values.length;
    }

    /**
     * Reads a {@code timestamp,value} CSV with a header. Fractional seconds ({@code 2014-04-10 07:15:00.000000}, as in
     * NAB's windows) are accepted.
     *
     * @param in UTF-8 text, read within {@link BoundedLines}' limits (1 MiB a line, 256 MiB in all), closed
     * @param name the file's name for messages
     * @return the series
     * @throws SeriesFormatException naming the file, the line and the fix, if a row is malformed, a value is not a
     *     finite number, or a timestamp is before the previous row's
     * @throws dev.greenloop.core.InputTooLargeException if a line or the input is past the limits
     * @throws IOException if reading fails
     */
    public static Series read(InputStream input, String name) throws IOException {
        try (BoundedLines in = new BoundedLines(input, name)) {
            return read(in, name);
        }
    }

    private static Series read(BoundedLines in, String name) throws IOException {
        String header = in.readLine();
        if (header == null) {
            throw new SeriesFormatException(name, 1, "the file is empty; expected the header timestamp,value");
        }
        if (!header.strip().replace("\uFEFF", "").equalsIgnoreCase("timestamp,value")) {
            throw new SeriesFormatException(name, 1, "header is '" + header + "'; expected timestamp,value");
        }
        Instant[] times = new Instant[1024];
        double[] values = new double[1024];
        int n = 0;
        int lineNo = 1;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 2) {
                throw new SeriesFormatException(name, lineNo, "'" + line + "' has " + cells.length + " fields; expected timestamp,value");
            }
            Instant t = parseTime(cells[0].strip(), name, lineNo);
            double v;
            try {
                v = Double.parseDouble(cells[1].strip());
            } catch (NumberFormatException e) {
                throw new SeriesFormatException(name, lineNo, "value '" + cells[1].strip() + "' is not a number; write a decimal such as 12.5");
            }
            if (!Double.isFinite(v)) {
                throw new SeriesFormatException(name, lineNo, "value '" + cells[1].strip() + "' is not finite; write a finite decimal");
            }
            if (n > 0 && t.isBefore(times[n - 1])) {
                throw new SeriesFormatException(name, lineNo, "timestamp " + cells[0].strip() + " is before the previous row's "
                        + format(times[n - 1]) + "; sort the rows by time");
            }
            if (n == times.length) {
                times = Arrays.copyOf(times, n * 2);
                values = Arrays.copyOf(values, n * 2);
            }
            times[n] = t;
            values[n++] = v;
        }
        return new Series(Arrays.copyOf(times, n), Arrays.copyOf(values, n));
    }

    /** @return the time as NAB writes it, {@code YYYY-MM-DD HH:MM:SS} in UTC */
    public static String format(Instant t) {
        return TIME.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    static Instant parseTime(String text, String name, int lineNo) {
        try {
            String s = text.length() > 19 && text.charAt(19) == '.' ? text.substring(0, 19) : text;
            return LocalDateTime.parse(s, TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new SeriesFormatException(name, lineNo, "timestamp '" + text + "' is not YYYY-MM-DD HH:MM:SS (UTC); write e.g. 2014-04-10 07:15:00");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && Arrays.equals(timestamps, s.timestamps) && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(timestamps) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Series[" + values.length + " rows]";
    }
}
