package dev.greenloop.carbon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The textual form of trace files as front ends take them — {@code ZONE=FILE} pairs and a signal name — parsed
 * once for every front end (the CLI's {@code --trace}/{@code --signal}, a server's query parameters).
 *
 * <p>Zones are upper-cased; the signal names are {@code lifecycle} (also {@code lca}, the Electricity Maps
 * column's name) and {@code direct}, in any case. Messages name the bad value and do not name the option, which
 * belongs to the front end.
 */
public final class TraceArguments {

    /** The signal names {@link #basis(String)} accepts, lower case. */
    public static final List<String> SIGNALS = List.of("lifecycle", "lca", "direct");

    private TraceArguments() {
    }

    /**
     * One {@code ZONE=FILE} pair.
     *
     * @param zone the zone, upper case, not blank
     * @param file the file, as given
     */
    public record Pair(String zone, Path file) {

        /** @throws NullPointerException if an argument is null */
        public Pair {
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(file, "file");
        }
    }

    /**
     * @param signal {@code lifecycle}, {@code lca} or {@code direct}; case and surrounding blanks are ignored
     * @return the basis it names
     * @throws IllegalArgumentException naming the value if it is none of those
     */
    public static TraceFiles.Basis basis(String signal) {
        return switch (signal.strip().toLowerCase(Locale.ROOT)) {
            case "lifecycle", "lca" -> TraceFiles.Basis.LIFECYCLE;
            case "direct" -> TraceFiles.Basis.DIRECT;
            default -> throw new IllegalArgumentException("'%s' is not lifecycle or direct".formatted(signal));
        };
    }

    /**
     * @param text {@code ZONE=FILE}, such as {@code es=em_ES_2022_hourly.csv}
     * @return the pair, its zone upper-cased and stripped
     * @throws IllegalArgumentException naming the text if it has no zone or no file
     */
    public static Pair pair(String text) {
        int eq = text.indexOf('=');
        String zone = eq < 0 ? "" : text.substring(0, eq).strip();
        if (eq < 0 || zone.isEmpty() || eq == text.length() - 1) {
            throw new IllegalArgumentException("'%s' is not ZONE=FILE; write for example ES=em_ES_2022_hourly.csv".formatted(text));
        }
        return new Pair(zone.toUpperCase(Locale.ROOT), Path.of(text.substring(eq + 1)));
    }

    /**
     * @param texts {@code ZONE=FILE} pairs, in order
     * @return the files by zone (upper case), in the order given, as an immutable map; the files are not read
     * @throws IllegalArgumentException if a text is not a pair, or a zone is given twice (naming it)
     * @throws NoSuchFileException if a file does not exist or is a folder (naming it); a named pipe or a device is
     *     accepted, and read within {@link dev.greenloop.core.BoundedLines}' limits
     */
    public static Map<String, Path> files(List<String> texts) throws NoSuchFileException {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String text : texts) {
            Pair p = pair(text);
            // A named pipe or a device is read too (within BoundedLines' limits), as --trace ES=<(zcat es.csv.gz) needs.
            if (!Files.exists(p.file()) || Files.isDirectory(p.file())) {
                throw new NoSuchFileException(p.file().toString());
            }
            if (out.put(p.zone(), p.file()) != null) {
                throw new IllegalArgumentException("zone %s is given twice; give one file per zone".formatted(p.zone()));
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * Reads the traces of {@code ZONE=FILE} pairs.
     *
     * @param texts {@code ZONE=FILE} pairs, in order
     * @param basis which column of Electricity Maps exports to read
     * @return the traces by zone (upper case), in the order given, as an immutable map
     * @throws IllegalArgumentException if a text is not a pair, or a zone is given twice
     * @throws NoSuchFileException if a file does not exist (naming it)
     * @throws InvalidTraceException if a file is malformed ({@link TraceFiles#read}); the message starts with the pair
     * @throws IOException if a file cannot be read
     */
    public static Map<String, IntensityTrace> read(List<String> texts, TraceFiles.Basis basis) throws IOException {
        Map<String, IntensityTrace> out = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : files(texts).entrySet()) {
            try {
                out.put(e.getKey(), TraceFiles.read(e.getValue(), e.getKey(), basis));
            } catch (InvalidTraceException x) {
                throw new InvalidTraceException(e.getKey() + "=" + e.getValue() + ": " + x.getMessage());
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
