package dev.greenloop.carbon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the zone table format: {@code # @source id | basis | citation | licence} lines, other {@code #} comment
 * lines, one header line {@code code,name,gco2_per_kwh,year,source}, then one zone per line. The name may contain
 * commas because the last three fields are split from the right. Parsed by hand, without regular expressions, so
 * that the built-in table loads in a few milliseconds.
 */
final class ZoneCsv {

    static final String HEADER = "code,name,gco2_per_kwh,year,source";
    private static final String SOURCE_DIRECTIVE = "@source";

    private ZoneCsv() {
    }

    /**
     * @param in the table text; read to the end, not closed
     * @param origin names the input in error messages, such as a resource path
     * @return the zones in input order
     * @throws IllegalArgumentException naming {@code origin} and the line if the text is malformed: a missing header,
     *     a wrong field count, a bad number, an unknown or duplicate source id, a duplicate code, or a basis other
     *     than {@code lifecycle} or {@code direct}
     * @throws UncheckedIOException if reading fails
     */
    static List<Zone> parse(Reader in, String origin) {
        Map<String, String[]> sources = new HashMap<>();
        Set<String> codes = new HashSet<>();
        List<Zone> zones = new ArrayList<>(256);
        boolean headerSeen = false;
        BufferedReader reader = new BufferedReader(in);
        try {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                if (text.charAt(0) == '#') {
                    String body = text.substring(1).strip();
                    if (body.startsWith(SOURCE_DIRECTIVE)) {
                        parseSource(body.substring(SOURCE_DIRECTIVE.length()), sources, origin, lineNo);
                    }
                    continue;
                }
                if (!headerSeen) {
                    if (!text.equals(HEADER)) {
                        throw error(origin, lineNo, "expected header '%s', found '%s'".formatted(HEADER, text));
                    }
                    headerSeen = true;
                    continue;
                }
                Zone zone = parseRow(text, sources, origin, lineNo);
                if (!codes.add(zone.info().code())) {
                    throw error(origin, lineNo, "duplicate zone code " + zone.info().code());
                }
                zones.add(zone);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zone table " + origin, e);
        }
        if (!headerSeen) {
            throw new IllegalArgumentException("%s: no header line '%s'".formatted(origin, HEADER));
        }
        return zones;
    }

    private static void parseSource(String spec, Map<String, String[]> sources, String origin, int lineNo) {
        String[] parts = spec.split("\\|", -1);
        if (parts.length != 4) {
            throw error(origin, lineNo, "@source needs 'id | basis | citation | licence', found '%s'".formatted(spec.strip()));
        }
        String id = parts[0].strip();
        String basis = parts[1].strip();
        String citation = parts[2].strip();
        if (id.isEmpty() || citation.isEmpty()) {
            throw error(origin, lineNo, "@source id and citation must not be empty");
        }
        if (!basis.equals("lifecycle") && !basis.equals("direct")) {
            throw error(origin, lineNo, "@source %s: basis must be 'lifecycle' or 'direct', was '%s'".formatted(id, basis));
        }
        if (sources.putIfAbsent(id, new String[] {basis, citation}) != null) {
            throw error(origin, lineNo, "duplicate @source id " + id);
        }
    }

    private static Zone parseRow(String text, Map<String, String[]> sources, String origin, int lineNo) {
        int first = text.indexOf(',');
        int last = text.lastIndexOf(',');
        int beforeLast = last > 0 ? text.lastIndexOf(',', last - 1) : -1;
        int third = beforeLast > 0 ? text.lastIndexOf(',', beforeLast - 1) : -1;
        if (first < 0 || third <= first) {
            throw error(origin, lineNo, "expected 5 fields '%s', found '%s'".formatted(HEADER, text));
        }
        String code = text.substring(0, first).strip().toUpperCase(Locale.ROOT);
        String name = text.substring(first + 1, third).strip();
        String value = text.substring(third + 1, beforeLast).strip();
        String year = text.substring(beforeLast + 1, last).strip();
        String sourceId = text.substring(last + 1).strip();
        String[] source = sources.get(sourceId);
        if (source == null) {
            throw error(origin, lineNo, "zone %s: unknown source id '%s' (declare it with '# @source')".formatted(code, sourceId));
        }
        try {
            return new Zone(new ZoneInfo(code, name, Double.parseDouble(value), Integer.parseInt(year), source[1]), source[0]);
        } catch (NumberFormatException e) {
            throw error(origin, lineNo, "zone %s: bad number in '%s' (%s)".formatted(code, text, e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw error(origin, lineNo, e.getMessage());
        }
    }

    private static IllegalArgumentException error(String origin, int lineNo, String message) {
        return new IllegalArgumentException("%s line %d: %s".formatted(origin, lineNo, message));
    }
}
