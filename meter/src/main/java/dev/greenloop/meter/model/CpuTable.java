package dev.greenloop.meter.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The table of CPU models and their TDP, shipped as {@code cpu-tdp.csv} next to this class, and
 * the matching of a {@code /proc/cpuinfo} model name against it. Immutable.
 */
final class CpuTable {

    static final String RESOURCE = "cpu-tdp.csv";

    private static final Pattern TRADEMARKS = Pattern.compile("\\((r|tm)\\)");
    private static final Pattern FREQUENCY = Pattern.compile("@\\s*[0-9.]+\\s*[gm]hz");
    private static final Pattern CORE_COUNT = Pattern.compile("\\b[0-9]+-core\\b");
    private static final Pattern GENERATION = Pattern.compile("^[0-9]+(st|nd|rd|th) gen ");
    private static final Pattern NOISE = Pattern.compile("\\b(cpu|processor)\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final Map<String, CpuSpec> byKey;
    private final List<CpuSpec> rows;

    private CpuTable(List<CpuSpec> rows) {
        this.rows = List.copyOf(rows);
        Map<String, CpuSpec> map = new HashMap<>();
        for (CpuSpec row : rows) {
            if (map.putIfAbsent(normalise(row.model()), row) != null) {
                throw new IllegalArgumentException("CPU table lists '" + row.model() + "' twice");
            }
        }
        this.byKey = Map.copyOf(map);
    }

    /** @return the table shipped with Greenloop */
    static CpuTable builtIn() {
        try (InputStream in = CpuTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the meter jar");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Parses the CSV: {@code #} comment lines, a header, then
     * {@code model,tdp_watts,tdp_min_watts,tdp_max_watts,cores,threads,source} (source may be quoted).
     *
     * @throws IllegalArgumentException naming the line if a row is malformed
     */
    static CpuTable parse(Reader reader) throws IOException {
        List<CpuSpec> rows = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        boolean header = true;
        int lineNo = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = line.split(",", 7);
            if (f.length != 7) {
                throw new IllegalArgumentException("CPU table line %d: expected 7 fields, got %d: %s".formatted(lineNo, f.length, line));
            }
            String source = f[6].strip();
            if (source.length() >= 2 && source.startsWith("\"") && source.endsWith("\"")) {
                source = source.substring(1, source.length() - 1);
            }
            try {
                rows.add(new CpuSpec(f[0].strip(), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Integer.parseInt(f[4].strip()), Integer.parseInt(f[5].strip()), source));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("CPU table line %d: %s".formatted(lineNo, e.getMessage()), e);
            }
        }
        return new CpuTable(rows);
    }

    /** @return the row whose model matches {@code cpuinfoModelName}, ignoring trademarks, frequency and core-count suffixes */
    Optional<CpuSpec> find(String cpuinfoModelName) {
        return Optional.ofNullable(byKey.get(normalise(cpuinfoModelName)));
    }

    List<CpuSpec> rows() {
        return rows;
    }

    /**
     * @param quantile between 0 and 1
     * @return that quantile of TDP per thread over the table's published (not assumed) rows, by
     *     linear interpolation between order statistics
     */
    double wattsPerThreadQuantile(double quantile) {
        double[] w = rows.stream().filter(r -> !r.assumed()).mapToDouble(r -> r.tdpWatts() / r.threads()).sorted().toArray();
        if (w.length == 0) {
            throw new IllegalStateException("CPU table has no published rows");
        }
        double pos = quantile * (w.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(w.length - 1, lo + 1);
        return w[lo] + (pos - lo) * (w[hi] - w[lo]);
    }

    /**
     * Reduces a model name to what identifies the part: lower case, without {@code (R)}, {@code (TM)},
     * {@code CPU}, {@code Processor}, {@code @ 2.90GHz}, {@code 64-Core}, an {@code 13th Gen}
     * prefix, and runs of spaces.
     */
    static String normalise(String modelName) {
        String s = modelName.toLowerCase(Locale.ROOT);
        s = TRADEMARKS.matcher(s).replaceAll(" ");
        s = FREQUENCY.matcher(s).replaceAll(" ");
        s = CORE_COUNT.matcher(s).replaceAll(" ");
        s = NOISE.matcher(s).replaceAll(" ");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        s = GENERATION.matcher(s).replaceFirst("");
        return s;
    }
}
