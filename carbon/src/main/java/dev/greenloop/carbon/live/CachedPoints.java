package dev.greenloop.carbon.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.Interval;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Points as an {@link AnswerCache} keeps them: a JSON array of {@code {zone, kind, basis, resolution, source,
 * start, end, value, issuedAt}} objects, times in ISO-8601 to the nanosecond, so that a point read back equals
 * the point written.
 */
final class CachedPoints {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private CachedPoints() {
    }

    static String encode(List<LivePoint> points) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.writeStartArray();
            for (LivePoint p : points) {
                CarbonSignal s = p.signal();
                g.writeStartObject();
                g.writeStringField("zone", s.zone());
                g.writeStringField("kind", s.kind());
                g.writeStringField("basis", s.basis());
                g.writeStringField("resolution", s.resolution());
                g.writeStringField("source", s.source());
                g.writeStringField("start", p.interval().start().toString());
                g.writeStringField("end", p.interval().end().toString());
                g.writeNumberField("value", p.intensity().gramsPerKWh());
                g.writeStringField("issuedAt", p.issuedAt().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode points for the answer cache", e);
        }
        return w.toString();
    }

    /**
     * @throws Json.BadAnswerException if {@code text} is not what {@link #encode} writes
     * @throws IllegalArgumentException if a point in it is not valid
     */
    static List<LivePoint> decode(String text) {
        List<LivePoint> points = new ArrayList<>();
        for (Object o : Json.array(Json.parse(text), "cached points")) {
            Map<String, Object> m = Json.object(o, "cached point");
            CarbonSignal signal = new CarbonSignal(Json.text(m, "zone"), Json.text(m, "kind"), Json.text(m, "basis"),
                    Json.text(m, "resolution"), Json.text(m, "source"));
            points.add(new LivePoint(signal, new Interval(Json.time(m, "start"), Json.time(m, "end")),
                    CarbonIntensity.ofGramsPerKWh(Json.number(m, "value")), Json.time(m, "issuedAt")));
        }
        return List.copyOf(points);
    }
}
