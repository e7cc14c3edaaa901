package dev.greenloop.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.NodeRegistration;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * A fleet sample as JSON, the shape of {@code POST /api/v1/nodes/{node}/samples} (issue 12, "HTTP API"):
 * {@code {"id","time","seconds","component","scope","provenance","joules","watts"}}, time in ISO-8601 UTC, numbers
 * written in full so that a replay sums to the joule. The agent's spool keeps the same objects, one per line.
 */
final class SampleJson {

    static final JsonFactory JSON = new JsonFactory();

    private SampleJson() {
    }

    static void write(JsonGenerator g, FleetSample s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("time", s.time().toString());
        g.writeNumberField("seconds", s.seconds());
        g.writeStringField("component", s.component());
        g.writeStringField("scope", s.scope().label());
        g.writeStringField("provenance", s.provenance().label());
        g.writeNumberField("joules", s.joules());
        g.writeNumberField("watts", s.watts());
        g.writeEndObject();
    }

    /** @return the samples as a JSON array, the request body of an ingest */
    static String array(List<FleetSample> samples) {
        StringWriter w = new StringWriter(samples.size() * 200);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartArray();
            for (FleetSample s : samples) {
                write(g, s);
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    /** @return one sample as a line of JSON, without the line end */
    static String line(FleetSample s) {
        StringWriter w = new StringWriter(200);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            write(g, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** @return a spool segment's first line: the node the samples after it belong to */
    static String header(NodeRegistration node) {
        StringWriter w = new StringWriter(200);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("format", 1);
            g.writeStringField("node", node.name());
            g.writeStringField("zone", node.zone());
            g.writeNumberField("pue", node.pue());
            g.writeStringField("hardware", node.hardware());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /**
     * @return the node of a segment's header line
     * @throws IOException if the line is not a header
     */
    static NodeRegistration readHeader(String line) throws IOException {
        String node = null;
        String zone = null;
        String hardware = null;
        double pue = Double.NaN;
        try (JsonParser p = JSON.createParser(line)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "node" -> node = p.getText();
                    case "zone" -> zone = p.getText();
                    case "hardware" -> hardware = p.getText();
                    case "pue" -> pue = p.getDoubleValue();
                    default -> p.skipChildren();
                }
            }
        }
        if (node == null || zone == null || hardware == null || Double.isNaN(pue)) {
            throw new IOException("not a spool header: " + line);
        }
        return new NodeRegistration(node, zone, pue, hardware);
    }

    /**
     * @return the sample of one line
     * @throws IOException if the line is not a whole sample
     */
    static FleetSample read(String line) throws IOException {
        String id = null;
        String component = null;
        Instant time = null;
        Scope scope = null;
        Provenance provenance = null;
        double seconds = Double.NaN;
        double joules = Double.NaN;
        double watts = Double.NaN;
        try (JsonParser p = JSON.createParser(line)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "id" -> id = p.getText();
                    case "time" -> time = Instant.parse(p.getText());
                    case "seconds" -> seconds = p.getDoubleValue();
                    case "component" -> component = p.getText();
                    case "scope" -> scope = Scope.fromLabel(p.getText());
                    case "provenance" -> provenance = Provenance.fromLabel(p.getText());
                    case "joules" -> joules = p.getDoubleValue();
                    case "watts" -> watts = p.getDoubleValue();
                    default -> p.skipChildren();
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("not a sample: " + e.getMessage(), e);
        }
        if (id == null || time == null || component == null || scope == null || provenance == null || Double.isNaN(seconds)
                || Double.isNaN(joules) || Double.isNaN(watts)) {
            throw new IOException("not a whole sample: " + line);
        }
        return new FleetSample(id, time, seconds, component, scope, provenance, joules, watts);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + ", found " + actual);
        }
    }
}
