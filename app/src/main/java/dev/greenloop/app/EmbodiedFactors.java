package dev.greenloop.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-component manufacturing factors of {@code greenloop report}'s embodied emissions, and the hardware of each
 * node they apply to. The built-in table ({@code embodied-factors.csv}) holds Boavizta's published factors, each row
 * with its source and licence; {@code --embodied-factors FILE} adds rows or replaces rows of the same component, and
 * {@code --hardware FILE} lists each node's components. Both files are CSV; blank lines and lines starting with
 * {@code #} are skipped; fields may be quoted (RFC 4180).
 */
public final class EmbodiedFactors {

    /** The header of a factors file. */
    public static final String FACTORS_HEADER = "component,unit,kgco2e_per_unit,source,licence";

    /** The header of a hardware file. */
    public static final String HARDWARE_HEADER = "node,component,count";

    /**
     * One factor.
     *
     * @param component its name, such as {@code hdd}
     * @param unit what one unit is, such as {@code HDD} or {@code cm2 of DRAM die}
     * @param kgPerUnit kgCO2eq per unit, {@code >= 0}
     * @param source where the figure comes from
     * @param licence the licence of that source
     */
    public record Factor(String component, String unit, double kgPerUnit, String source, String licence) {
    }

    private EmbodiedFactors() {
    }

    /** @return the built-in table, by component, in file order */
    public static Map<String, Factor> builtIn() {
        try (InputStream in = EmbodiedFactors.class.getResourceAsStream("embodied-factors.csv")) {
            if (in == null) {
                throw new IllegalStateException("embodied-factors.csv is missing from the class path (a packaging bug)");
            }
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            Map<String, Factor> out = new LinkedHashMap<>();
            factors("built-in embodied-factors.csv", lines).forEach(f -> out.put(f.component(), f));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in embodied-factors.csv", e);
        }
    }

    /**
     * @return the built-in table with the file's rows added, or replacing the rows of the same component
     * @throws ConfigException naming the file, line and value that is wrong
     * @throws IOException if the file cannot be read
     */
    public static Map<String, Factor> withOverrides(Path file) throws IOException {
        Map<String, Factor> out = new LinkedHashMap<>(builtIn());
        factors("--embodied-factors " + file, Files.readAllLines(file, StandardCharsets.UTF_8)).forEach(f -> out.put(f.component(), f));
        return out;
    }

    /**
     * Reads {@code --hardware FILE}: each node's components and how many units of each it has.
     *
     * @return node to component to count, in file order; a component given twice for a node adds up
     * @throws ConfigException naming the file, line and value that is wrong
     * @throws IOException if the file cannot be read
     */
    public static Map<String, Map<String, Double>> hardware(Path file) throws IOException {
        String name = "--hardware " + file;
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Line l : rows(name, Files.readAllLines(file, StandardCharsets.UTF_8), HARDWARE_HEADER)) {
            double count = number(l, l.cells().get(2), "count");
            out.computeIfAbsent(l.cells().get(0), k -> new LinkedHashMap<>()).merge(l.cells().get(1), count, Double::sum);
        }
        return out;
    }

    private static List<Factor> factors(String name, List<String> lines) {
        List<Factor> out = new ArrayList<>();
        for (Line l : rows(name, lines, FACTORS_HEADER)) {
            List<String> c = l.cells();
            if (c.get(3).isBlank() || c.get(4).isBlank()) {
                throw new ConfigException("%s line %d: component %s has no source or licence; every factor names where it comes from and its licence"
                        .formatted(name, l.number(), c.get(0)));
            }
            out.add(new Factor(c.get(0), c.get(1), number(l, c.get(2), "kgco2e_per_unit"), c.get(3), c.get(4)));
        }
        return out;
    }

    private record Line(String file, int number, List<String> cells) {
    }

    private static List<Line> rows(String name, List<String> lines, String header) {
        List<Line> out = new ArrayList<>();
        int columns = header.split(",").length;
        boolean seen = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!seen) {
                if (!line.replace(" ", "").equalsIgnoreCase(header)) {
                    throw new ConfigException("%s line %d: '%s' is not the header; the file starts with %s".formatted(name, i + 1, line, header));
                }
                seen = true;
                continue;
            }
            List<String> cells = split(line);
            if (cells.size() != columns || cells.get(0).isBlank()) {
                throw new ConfigException("%s line %d: '%s' has %d cells; write %s".formatted(name, i + 1, line, cells.size(), header));
            }
            out.add(new Line(name, i + 1, cells));
        }
        if (!seen) {
            throw new ConfigException("%s: the file is empty; it starts with the header %s".formatted(name, header));
        }
        return out;
    }

    private static double number(Line l, String text, String column) {
        try {
            double v = Double.parseDouble(text);
            if (v >= 0 && Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the line
        }
        throw new ConfigException("%s line %d: %s '%s' is not a number >= 0".formatted(l.file(), l.number(), column, text));
    }

    /** Splits one CSV line; quoted fields may hold commas and doubled quotes. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString().strip());
        return out;
    }
}
