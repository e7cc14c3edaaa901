package dev.greenloop.report;

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
public final class IntensityJson {

    private IntensityJson() {
    }

    /**
     * Writes one intensity point as an object {@code {location, timestamp, duration, value}}.
     *
     * @param g where to write, positioned where a value may start
     * @param location the zone
     * @param timestamp the start of the point, written as ISO-8601 UTC with milliseconds
     * @param duration the point's length, written in (possibly fractional) minutes
     * @param value gCO2eq/kWh
     * @throws IOException if the generator fails
     */
    public static void point(JsonGenerator g, String location, Instant timestamp, Duration duration, double value) throws IOException {
        g.writeStartObject();
        g.writeStringField("location", location);
        g.writeStringField("timestamp", Iso.format(timestamp));
        g.writeNumberField("duration", duration.toSeconds() / 60.0);
        g.writeNumberField("value", value);
        g.writeEndObject();
    }

    /**
     * Writes the fields {@code signal} and {@code source} of a signal into the object being written.
     *
     * @param g where to write, inside an object
     * @param s the signal
     * @throws IOException if the generator fails
     */
    public static void signal(JsonGenerator g, CarbonSignal s) throws IOException {
        g.writeStringField("signal", s.label());
        g.writeStringField("source", s.source());
    }
}
