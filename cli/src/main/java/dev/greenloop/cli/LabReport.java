package dev.greenloop.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.greenloop.core.Provenance;
import dev.greenloop.lab.EnergyLabel;
import dev.greenloop.lab.Profile;
import dev.greenloop.lab.Quality;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.Sweep;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The result of {@code lab profile} or {@code lab sweep}: one row per variant × settings, the
 * first row the fp32 reference (quality and energy labels are relative to it). Written as the
 * commands' {@code --json} (and {@code --out}), read back by {@code pareto --from} and
 * {@code recommend --from}.
 *
 * @param model the model's name
 * @param texts how many texts were profiled
 * @param labelled whether labels were given (rows then carry kNN accuracy)
 * @param rows the rows, the reference first
 */
record LabReport(String model, int texts, boolean labelled, List<Row> rows) {

    /**
     * One variant at one setting.
     *
     * @param variant the variant's name
     * @param settings the runner's settings
     * @param profile its costs
     * @param quality against the reference
     * @param energyLabel its letter, relative to the reference's energy per query
     */
    record Row(String variant, RunnerSettings settings, Profile profile, Quality quality, EnergyLabel energyLabel) {

        /** Variant and settings, for tables and plots: {@code int8 threads=1 workers=2 batch=32 spin=off}. */
        String name() {
            return variant + " " + Sweep.describe(settings);
        }
    }

    LabReport {
        rows = List.copyOf(rows);
        if (rows.isEmpty() || !rows.getFirst().variant().equals("fp32")) {
            throw new IllegalArgumentException("a lab report starts with its fp32 reference row");
        }
    }

    /** The fp32 reference row. */
    Row reference() {
        return rows.getFirst();
    }

    /** The rule of {@link EnergyLabel}, in one line for outputs. */
    static final String LABEL_RULE = "relative to the fp32 reference's joules per query: A <= 0.2x, B <= 0.4x, C <= 0.6x, D <= 0.8x, E <= 1.0x, F <= 1.5x, G above";

    void writeJson(OutputStream out) throws IOException {
        try (JsonGenerator g = RunJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("model", model);
            g.writeArrayFieldStart("variants");
            for (Row r : rows) {
                writeRow(g, r);
            }
            g.writeEndArray();
            g.writeNumberField("texts", texts);
            g.writeBooleanField("labelled", labelled);
            g.writeStringField("reference", reference().name());
            g.writeStringField("energyLabelRule", LABEL_RULE);
            g.writeNumberField("processors", Runtime.getRuntime().availableProcessors());
            g.writeEndObject();
            g.writeRaw(System.lineSeparator());
        }
    }

    private void writeRow(JsonGenerator g, Row r) throws IOException {
        g.writeStartObject();
        writeRowFields(g, r, labelled);
        g.writeEndObject();
    }

    /** Writes a row's fields as {@code --json} does in {@code variants}, into an object the caller opened; kNN keys only when {@code labelled}. */
    static void writeRowFields(JsonGenerator g, Row r, boolean labelled) throws IOException {
        Profile p = r.profile();
        Quality q = r.quality();
        g.writeStringField("variant", r.variant());
        g.writeNumberField("cpuSecondsPerQuery", p.cpuSecondsPerQuery());
        g.writeNumberField("joulesPerQuery", p.joulesPerQuery());
        g.writeStringField("provenance", p.provenance().label());
        number(g, "latencyMsP50", p.latencyMsP50());
        optional(g, "meanCosineToReference", q.meanCosine());
        optional(g, "minCosineToReference", q.minCosine());
        if (labelled) {
            optional(g, "knnAccuracy", q.knnAccuracy());
            g.writeNumberField("knnNeighbours", q.knnNeighbours());
        }
        g.writeNumberField("flopsPerQuery", p.flopsPerQuery());
        g.writeNumberField("sizeBytes", p.sizeBytes());
        number(g, "latencyMsP95", p.latencyMsP95());
        g.writeNumberField("latencyTexts", p.latencyTexts());
        g.writeNumberField("throughputPerSecond", p.throughputPerSecond());
        g.writeNumberField("passesPerRound", p.passesPerRound());
        optional(g, "top10Overlap", q.top10Overlap());
        g.writeNumberField("overlapNeighbours", q.overlapNeighbours());
        if (p.peakRssBytes().isPresent()) {
            g.writeNumberField("peakRssBytes", p.peakRssBytes().getAsLong());
        } else {
            g.writeNullField("peakRssBytes");
        }
        g.writeStringField("energyLabel", r.energyLabel().name());
        g.writeNumberField("meanTokens", p.meanTokens());
        g.writeNumberField("truncated", p.truncated());
        g.writeNumberField("rounds", p.rounds());
        g.writeStringField("label", p.label());
        g.writeStringField("settingsName", Sweep.describe(r.settings()));
        RunnerSettings s = r.settings();
        g.writeObjectFieldStart("settings");
        g.writeNumberField("intraOpThreads", s.intraOpThreads());
        g.writeNumberField("interOpThreads", s.interOpThreads());
        g.writeNumberField("workers", s.workers());
        g.writeBooleanField("spinning", s.spinning());
        g.writeNumberField("batchSize", s.batchSize());
        g.writeStringField("optimization", s.optimization().name());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String key, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(key, v);
        } else {
            g.writeNullField(key);
        }
    }

    private static void optional(JsonGenerator g, String key, OptionalDouble v) throws IOException {
        if (v.isPresent()) {
            g.writeNumberField(key, v.getAsDouble());
        } else {
            g.writeNullField(key);
        }
    }

    /**
     * Reads a report as {@link #writeJson} writes it.
     *
     * @throws UsageException naming the file and what is wrong: missing, not JSON, or not a profile or sweep result
     */
    static LabReport readJson(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--from %s: no such file".formatted(file));
        }
        Map<String, Object> top;
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            if (!(value(p, p.nextToken()) instanceof Map<?, ?> m)) {
                throw new UsageException("--from %s is not a JSON object: give the --json output of lab profile or lab sweep".formatted(file));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> cast = (Map<String, Object>) m;
            top = cast;
        } catch (JsonProcessingException e) {
            throw new UsageException("--from %s is not JSON (%s): give the --json output of lab profile or lab sweep".formatted(file, e.getOriginalMessage()));
        }
        try {
            List<Row> rows = new ArrayList<>();
            boolean labelled = Boolean.TRUE.equals(top.get("labelled"));
            for (Object o : (List<?>) top.get("variants")) {
                rows.add(row((Map<?, ?>) o, ((Number) top.get("texts")).intValue()));
            }
            return new LabReport((String) top.get("model"), ((Number) top.get("texts")).intValue(), labelled, rows);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new UsageException("--from %s is not a lab profile or sweep result (%s): give the --json output of lab profile or lab sweep"
                    .formatted(file, e.getMessage() == null ? "a key is missing" : e.getMessage()));
        }
    }

    private static Row row(Map<?, ?> m, int texts) {
        Map<?, ?> s = (Map<?, ?>) m.get("settings");
        RunnerSettings settings = new RunnerSettings(integer(s, "intraOpThreads"), integer(s, "interOpThreads"), integer(s, "workers"),
                (Boolean) s.get("spinning"), RunnerSettings.Optimization.valueOf((String) s.get("optimization")), integer(s, "batchSize"));
        Object peak = m.get("peakRssBytes");
        Profile p = new Profile((String) m.get("label"), texts, integer(m, "rounds"), real(m, "cpuSecondsPerQuery"), real(m, "joulesPerQuery"),
                Provenance.fromLabel((String) m.get("provenance")), orNaN(m, "latencyMsP50"), orNaN(m, "latencyMsP95"), integer(m, "latencyTexts"),
                real(m, "throughputPerSecond"), m.get("passesPerRound") instanceof Number n ? n.intValue() : 1, real(m, "flopsPerQuery"), real(m, "meanTokens"), integer(m, "truncated"),
                ((Number) m.get("sizeBytes")).longValue(), peak == null ? OptionalLong.empty() : OptionalLong.of(((Number) peak).longValue()));
        Quality q = new Quality(texts, optional(m, "meanCosineToReference"), optional(m, "minCosineToReference"), optional(m, "top10Overlap"),
                integer(m, "overlapNeighbours"), optional(m, "knnAccuracy"), m.containsKey("knnNeighbours") ? integer(m, "knnNeighbours") : 0);
        return new Row((String) m.get("variant"), settings, p, q, EnergyLabel.valueOf((String) m.get("energyLabel")));
    }

    private static int integer(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).intValue();
    }

    private static double real(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    private static double orNaN(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static OptionalDouble optional(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /** A JSON value as maps, lists, numbers, strings, booleans and nulls. */
    private static Object value(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_OBJECT) {
            Map<String, Object> m = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                m.put(key, value(p, p.nextToken()));
            }
            return m;
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                list.add(value(p, e));
            }
            return list;
        }
        return switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    /** The table of every row; the settings column only when the rows differ in settings, kNN only with labels. */
    void printTable(PrintStream out) {
        boolean settingsVary = rows.stream().map(Row::settings).distinct().count() > 1;
        List<String> header = new ArrayList<>(List.of("variant"));
        if (settingsVary) {
            header.add("settings");
        }
        header.addAll(List.of(">CPU ms/query", ">mJ/query", "energy", "label", ">p50 ms", ">p95 ms", ">texts/s", ">cos mean", ">cos min", ">top-10"));
        if (labelled) {
            header.add(">kNN %");
        }
        header.addAll(List.of(">GFLOP/query", ">size MB", ">peak RSS MB"));
        Table t = new Table(header.toArray(String[]::new));
        for (Row r : rows) {
            Profile p = r.profile();
            Quality q = r.quality();
            List<Object> cells = new ArrayList<>(List.of(r.variant()));
            if (settingsVary) {
                cells.add(Sweep.describe(r.settings()));
            }
            cells.addAll(List.of(f("%.3f", 1000 * p.cpuSecondsPerQuery()), f("%.3f", 1000 * p.joulesPerQuery()), p.provenance().label(), r.energyLabel(),
                    f("%.2f", p.latencyMsP50()), f("%.2f", p.latencyMsP95()), f("%.1f", p.throughputPerSecond()), opt("%.5f", q.meanCosine(), 1),
                    opt("%.5f", q.minCosine(), 1), opt("%.3f", q.top10Overlap(), 1)));
            if (labelled) {
                cells.add(opt("%.2f", q.knnAccuracy(), 100));
            }
            cells.addAll(List.of(f("%.3f", p.flopsPerQuery() / 1e9), f("%.1f", p.sizeBytes() / 1e6),
                    p.peakRssBytes().isPresent() ? f("%.0f", p.peakRssBytes().getAsLong() / 1e6) : "unknown"));
            t.row(cells.toArray());
        }
        t.print(out);
    }

    /** {@code v} formatted in the root locale, or {@code -} where it is not finite. */
    static String f(String format, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }

    private static String opt(String format, OptionalDouble v, double scale) {
        return v.isPresent() ? f(format, scale * v.getAsDouble()) : "-";
    }
}
