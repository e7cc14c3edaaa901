package dev.greenloop.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Reads the instruments file of {@code greenloop report --instruments FILE}: CSV with the header
 * {@value #HEADER}, then one instrument or residual mix a line; blank lines and lines starting with {@code #} are
 * skipped.
 *
 * <ul>
 *   <li>{@code zone}: a grid zone, such as {@code DE};</li>
 *   <li>{@code period}: a year ({@code 2026}), a month ({@code 2026-03}) or dates {@code 2026-01-01/2026-04-01}
 *       (end exclusive), UTC;</li>
 *   <li>{@code mwh}: the electricity the instrument covers, or {@code residual} for the zone's residual mix over the
 *       period;</li>
 *   <li>{@code gco2e_per_kwh}: its emission factor.</li>
 * </ul>
 */
public final class Instruments {

    /** The header line the file starts with. */
    public static final String HEADER = "zone,period,mwh,gco2e_per_kwh";

    private Instruments() {
    }

    /**
     * @param file the instruments file
     * @return its instruments and residual mixes, in file order
     * @throws ConfigException naming the file, line and value that is wrong, and the form expected
     * @throws IOException if the file cannot be read
     */
    public static List<Instrument> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Instrument> out = new ArrayList<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "--instruments %s line %d".formatted(file, i + 1);
            if (!header) {
                if (!line.replace(" ", "").equalsIgnoreCase(HEADER)) {
                    throw new ConfigException("%s: '%s' is not the header; the file starts with %s".formatted(where, line, HEADER));
                }
                header = true;
                continue;
            }
            out.add(parse(line, where, i + 1));
        }
        if (!header) {
            throw new ConfigException("--instruments %s: the file is empty; it starts with the header %s".formatted(file, HEADER));
        }
        return List.copyOf(out);
    }

    static Instrument parse(String line, String where, int lineNumber) {
        String[] cells = line.split(",", -1);
        if (cells.length != 4) {
            throw new ConfigException("%s: '%s' has %d cells; write zone,period,mwh,gco2e_per_kwh such as DE,2026,120,0".formatted(where, line, cells.length));
        }
        String zone = cells[0].strip().toUpperCase(Locale.ROOT);
        if (zone.isEmpty()) {
            throw new ConfigException("%s: the zone is empty; name a grid zone such as DE (see 'greenloop zones')".formatted(where));
        }
        Instant[] period = period(cells[1].strip(), where);
        OptionalDouble mwh = OptionalDouble.empty();
        if (!cells[2].strip().equalsIgnoreCase("residual")) {
            double v = number(cells[2], "mwh", where);
            if (!(v > 0)) {
                throw new ConfigException("%s: mwh %s is not > 0; give the MWh the instrument covers, or 'residual' for the residual mix".formatted(where, cells[2].strip()));
            }
            mwh = OptionalDouble.of(v);
        }
        double factor = number(cells[3], "gco2e_per_kwh", where);
        if (!(factor >= 0)) {
            throw new ConfigException("%s: gco2e_per_kwh %s is negative; an emission factor is >= 0".formatted(where, cells[3].strip()));
        }
        return new Instrument(zone, period[0], period[1], mwh, factor, lineNumber);
    }

    private static double number(String cell, String column, String where) {
        try {
            double v = Double.parseDouble(cell.strip());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below, with the value
        }
        throw new ConfigException("%s: %s '%s' is not a number".formatted(where, column, cell.strip()));
    }

    private static Instant[] period(String text, String where) {
        try {
            if (text.matches("\\d{4}")) {
                LocalDate a = LocalDate.of(Integer.parseInt(text), 1, 1);
                return new Instant[] {utc(a), utc(a.plusYears(1))};
            }
            if (text.matches("\\d{4}-\\d{2}")) {
                YearMonth m = YearMonth.parse(text);
                return new Instant[] {utc(m.atDay(1)), utc(m.plusMonths(1).atDay(1))};
            }
            int slash = text.indexOf('/');
            if (slash > 0) {
                Instant a = utc(LocalDate.parse(text.substring(0, slash).strip()));
                Instant b = utc(LocalDate.parse(text.substring(slash + 1).strip()));
                if (b.isAfter(a)) {
                    return new Instant[] {a, b};
                }
            }
        } catch (DateTimeParseException e) {
            // said below, with the value
        }
        throw new ConfigException("%s: period '%s' is not a year (2026), a month (2026-03) or dates 2026-01-01/2026-04-01 (end after start)"
                .formatted(where, text));
    }

    private static Instant utc(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
