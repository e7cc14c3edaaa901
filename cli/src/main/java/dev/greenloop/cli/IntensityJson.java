package dev.greenloop.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.core.CarbonSignal;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * JSON of the {@code intensity} commands: the Carbon Aware SDK's field names where it has them
 * ({@code location}, {@code timestamp}, {@code duration} in minutes, {@code value} in gCO2eq/kWh),
 * plus Greenloop's labels ({@code signal}, {@code source}).
 */
final class IntensityJson {

    private IntensityJson() {
    }

    static void point(JsonGenerator g, String location, Instant timestamp, Duration duration, double value) throws IOException {
        g.writeStartObject();
        g.writeStringField("location", location);
        g.writeStringField("timestamp", Times.iso(timestamp));
        g.writeNumberField("duration", duration.toSeconds() / 60.0);
        g.writeNumberField("value", value);
        g.writeEndObject();
    }

    static void signal(JsonGenerator g, CarbonSignal s) throws IOException {
        g.writeStringField("signal", s.label());
        g.writeStringField("source", s.source());
    }
}
