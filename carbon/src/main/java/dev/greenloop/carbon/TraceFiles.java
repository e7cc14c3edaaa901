package dev.greenloop.carbon;

import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.BoundedLines;
import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.InputTooLargeException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads carbon-intensity traces from files, detecting the format from the header line:
 *
 * <ul>
 *   <li><b>Electricity Maps hourly export</b>: a header with {@code Datetime (UTC)} and the columns
 *       {@code Carbon Intensity gCO₂eq/kWh (LCA)} (lifecycle, the default) and
 *       {@code Carbon Intensity gCO₂eq/kWh (direct)}; the zone comes from its {@code Zone Id} column
 *       unless one is given.
 *   <li><b>Generic</b>: two columns, a time and a value ({@code time,value}, or
 *       {@code Time,Carbon Intensity} as the Let's Wait Awhile traces write it); times are UTC, as
 *       {@code 2020-01-01 00:00:00}, {@code 2020-01-01T00:00} or ISO-8601 with an offset. The header is
 *       optional: a first line that parses as a time and a value is the first point.
 * </ul>
 *
 * A file whose name ends in {@code .json} is read as Carbon Aware SDK emissions JSON
 * ({@link CarbonAwareSdkJson}). Every malformed row is reported with its file, line and column. Files are read within
 * {@link BoundedLines}' limits (a line of 1 MiB, a file of 256 MiB), and intensities must lie in
 * 0..{@link CarbonIntensity#MAX_GRAMS_PER_KWH} gCO2eq/kWh.
 */
public final class TraceFiles {

    /** Which column of a two-basis file to read. */
    public enum Basis {
        /** Lifecycle emissions (construction, fuel supply, combustion). */
        LIFECYCLE,
        /** Direct emissions (combustion only). */
        DIRECT;

        /** @return {@code lifecycle} or {@code direct} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private TraceFiles() {
    }

    /**
     * Reads a trace file.
     *
     * @param file the file
     * @param zone the zone the trace is for; may be null for an Electricity Maps export, which names its zone
     * @param basis which column of an Electricity Maps export to read; a generic file is labelled with it as given
     * @return the trace, labelled {@code average}, the basis, {@code actual}, and the file as its source
     * @throws InvalidTraceException naming the file, line and column of a malformed row, an intensity out of range,
     *     a line or file over {@link BoundedLines}' limits, or the problem
     * @throws IOException if the file cannot be read (a missing file names the path)
     */
    public static IntensityTrace read(Path file, String zone, Basis basis) throws IOException {
        if (file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return CarbonAwareSdkJson.read(file, zone, basis);
        }
        try (BoundedLines in = BoundedLines.open(file)) {
            String header = in.readLine();
            if (header == null) {
                throw new InvalidTraceException(file + ": the file is empty; expected a header line such as time,value");
            }
            List<String> columns = split(stripBom(header));
            int timeCol;
            int valueCol;
            int zoneCol = -1;
            String source;
            String firstRow = null;
            int dt = indexOf(columns, "datetime (utc)");
            if (dt >= 0) {
                timeCol = dt;
                String wanted = basis == Basis.DIRECT ? "(direct)" : "(lca)";
                valueCol = -1;
                for (int i = 0; i < columns.size(); i++) {
                    String c = columns.get(i).toLowerCase(Locale.ROOT);
                    if (c.startsWith("carbon intensity") && c.endsWith(wanted)) {
                        valueCol = i;
                    }
                }
                if (valueCol < 0) {
                    throw new InvalidTraceException("%s line 1: no 'Carbon Intensity gCO₂eq/kWh %s' column in this Electricity Maps export"
                            .formatted(file, basis == Basis.DIRECT ? "(direct)" : "(LCA)"));
                }
                zoneCol = indexOf(columns, "zone id");
                source = "Electricity Maps hourly export " + file.getFileName();
            } else if (columns.size() >= 2) {
                timeCol = 0;
                valueCol = 1;
                source = "trace file " + file.getFileName();
                if (isDataRow(columns)) {
                    firstRow = stripBom(header);
                }
            } else {
                throw new InvalidTraceException("%s line 1: header '%s' is neither an Electricity Maps export (Datetime (UTC), ...) nor time,value"
                        .formatted(file, header));
            }
            List<long[]> rows = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            String fileZone = null;
            String line;
            int lineNo = firstRow != null ? 0 : 1;
            while ((line = firstRow != null ? firstRow : in.readLine()) != null) {
                firstRow = null;
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = split(line);
                int needed = Math.max(timeCol, valueCol) + 1;
                if (cells.size() < needed) {
                    throw new InvalidTraceException("%s line %d: %d columns, expected at least %d".formatted(file, lineNo, cells.size(), needed));
                }
                long t = parseTime(cells.get(timeCol), file, lineNo, timeCol + 1);
                double v = parseValue(cells.get(valueCol), file, lineNo, valueCol + 1);
                if (zoneCol >= 0 && zoneCol < cells.size() && fileZone == null) {
                    fileZone = cells.get(zoneCol).trim();
                }
                rows.add(new long[] {t, lineNo});
                values.add(v);
            }
            String z = zone != null ? zone : fileZone;
            if (z == null || z.isBlank()) {
                throw new InvalidTraceException("%s: which zone is this trace for? Give it as ZONE=FILE".formatted(file));
            }
            long[] times = new long[rows.size()];
            int[] lines = new int[rows.size()];
            double[] vals = new double[rows.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = rows.get(i)[0];
                lines[i] = (int) rows.get(i)[1];
                vals[i] = values.get(i);
            }
            CarbonSignal signal = new CarbonSignal(z.trim(), "average", basis.label(), "actual", source);
            return IntensityTrace.of(signal, times, vals, file.toString(), lines);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such trace file");
        } catch (InputTooLargeException e) {
            throw new InvalidTraceException(e.getMessage());
        }
    }

    /** @return whether the first two cells of a headerless generic file's first line are a time and an intensity */
    private static boolean isDataRow(List<String> cells) {
        try {
            parseTime(cells.get(0), null, 1, 1);
            // Any number is a value here: one out of range is then reported with its line, not taken for a header.
            return Double.isFinite(Double.parseDouble(cells.get(1).trim()));
        } catch (InvalidTraceException | NumberFormatException e) {
            return false;
        }
    }

    private static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }

    private static int indexOf(List<String> columns, String lowerName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).trim().toLowerCase(Locale.ROOT).equals(lowerName)) {
                return i;
            }
        }
        return -1;
    }

    /** Splits one CSV line, honouring double quotes (RFC 4180). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    /** @return seconds since the epoch of a UTC time as the supported formats write it */
    static long parseTime(String text, Path file, int line, int column) {
        String t = text.trim();
        try {
            if (t.endsWith("Z") || t.matches(".*[T ]\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(t.replace(' ', 'T')).toEpochSecond();
            }
            return LocalDateTime.parse(t.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidTraceException("%s line %d column %d: '%s' is not a time; write 2022-01-01 00:00:00 (UTC) or ISO-8601"
                    .formatted(file, line, column, text));
        }
    }

    private static double parseValue(String text, Path file, int line, int column) {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            v = Double.NaN; // reported below with the position
        }
        if (Double.isFinite(v) && v > CarbonIntensity.MAX_GRAMS_PER_KWH) {
            throw new InvalidTraceException(("%s line %d column %d: intensity %s is above %.0f gCO2eq/kWh, more than any grid emits"
                    + " (lignite burnt at 25 %% efficiency is about 1,450); write the value in gCO2eq/kWh, not g/MWh or lb/MWh")
                    .formatted(file, line, column, text.trim(), CarbonIntensity.MAX_GRAMS_PER_KWH));
        }
        if (Double.isFinite(v) && v >= 0) {
            return v;
        }
        throw new InvalidTraceException("%s line %d column %d: '%s' is not an intensity in gCO2eq/kWh (a number >= 0)"
                .formatted(file, line, column, text));
    }
}
