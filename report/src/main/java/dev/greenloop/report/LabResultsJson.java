package dev.greenloop.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.greenloop.core.Provenance;
import dev.greenloop.lab.EnergyLabel;
import dev.greenloop.lab.LabResult;
import dev.greenloop.lab.Profile;
import dev.greenloop.lab.Quality;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.Sweep;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The JSON form of a {@link LabResult}, as {@code lab profile --json} and {@code lab sweep --json}
 * print it and {@code --from} reads it back: an object with {@code model}, {@code variants} (one
 * object per row, keys in a fixed order), {@code texts}, {@code labelled}, {@code reference},
 * {@code energyLabelRule} and {@code processors}, pretty-printed, ending with a line separator.
 * Non-finite figures and absent ones are written as {@code null}.
 */
public final class LabResultsJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private LabResultsJson() {
    }

    /** A file that is not a lab result: the message names the file and what is wrong, without saying which flag named it. */
    public static final class MalformedResultException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        MalformedResultException(String message) {
            super(message);
        }
    }

    /**
     * Writes {@code result} to {@code out}, which is left open.
     *
     * @throws IOException if {@code out} cannot be written
     */
    public static void write(LabResult result, OutputStream out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            write(g, result);
        }
    }

    /**
     * Writes the same JSON as {@link #write(LabResult, OutputStream)} to a character stream, which is left open.
     *
     * @throws IOException if {@code out} cannot be written
     */
    public static void write(LabResult result, Writer out) throws IOException {
        try (JsonGenerator g = RunJson.generator(out)) {
            write(g, result);
        }
    }

    private static void write(JsonGenerator g, LabResult result) throws IOException {
        g.writeStartObject();
        g.writeStringField("model", result.model());
        g.writeArrayFieldStart("variants");
        for (LabResult.Row r : result.rows()) {
            g.writeStartObject();
            writeRowFields(g, r, result.labelled());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("texts", result.texts());
        g.writeBooleanField("labelled", result.labelled());
        g.writeStringField("reference", result.reference().name());
        g.writeStringField("energyLabelRule", EnergyLabel.RULE);
        g.writeNumberField("processors", Runtime.getRuntime().availableProcessors());
        g.writeEndObject();
        g.writeRaw(System.lineSeparator());
    }

    /** A pretty-printing generator on {@code out} that leaves it open when closed and refuses non-finite numbers. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        JsonGenerator g = FACTORY.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.useDefaultPrettyPrinter();
        return FiniteNumbers.of(g);
    }

    /**
     * Writes a row's fields as {@link #write} does in {@code variants}, into an object the caller opened; the kNN keys only when {@code labelled}.
     *
     * @throws IOException if the generator cannot write
     */
    public static void writeRowFields(JsonGenerator g, LabResult.Row r, boolean labelled) throws IOException {
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
     * Reads a result as {@link #write} writes it.
     *
     * @throws MalformedResultException naming the file and what is wrong: missing, not JSON, or not a profile or sweep result
     * @throws IOException if the file cannot be read
     */
    public static LabResult read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new MalformedResultException("%s: no such file".formatted(file));
        }
        Map<String, Object> top;
        try (JsonParser p = FACTORY.createParser(file.toFile())) {
            if (!(value(p, p.nextToken()) instanceof Map<?, ?> m)) {
                throw new MalformedResultException("%s is not a JSON object: give the --json output of lab profile or lab sweep".formatted(file));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> cast = (Map<String, Object>) m;
            top = cast;
        } catch (JsonProcessingException e) {
            throw new MalformedResultException("%s is not JSON (%s): give the --json output of lab profile or lab sweep".formatted(file, e.getOriginalMessage()));
        }
        try {
            List<LabResult.Row> rows = new ArrayList<>();
            boolean labelled = Boolean.TRUE.equals(top.get("labelled"));
            for (Object o : (List<?>) top.get("variants")) {
                rows.add(row((Map<?, ?>) o, ((Number) top.get("texts")).intValue()));
            }
            return new LabResult((String) top.get("model"), ((Number) top.get("texts")).intValue(), labelled, rows);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new MalformedResultException("%s is not a lab profile or sweep result (%s): give the --json output of lab profile or lab sweep"
                    .formatted(file, e.getMessage() == null ? "a key is missing" : e.getMessage()));
        }
    }

    private static LabResult.Row row(Map<?, ?> m, int texts) {
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
        return new LabResult.Row((String) m.get("variant"), settings, p, q, EnergyLabel.valueOf((String) m.get("energyLabel")));
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
}
