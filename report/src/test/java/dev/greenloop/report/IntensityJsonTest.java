package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.greenloop.core.CarbonSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntensityJsonTest {

    @Test
    void pointAndSignal_sdkFieldNames_durationInMinutes() {
        String json = Fixtures.printed(out -> {
            try (JsonGenerator g = RunJson.generator(out)) {
                g.writeStartObject();
                IntensityJson.signal(g, new CarbonSignal("DE", "average", "lifecycle", "hourly", "Electricity Maps"));
                g.writeFieldName("point");
                IntensityJson.point(g, "DE", Fixtures.T0, Duration.ofSeconds(90), 312.5);
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals("""
                {
                  "signal" : "average-lifecycle-hourly",
                  "source" : "Electricity Maps",
                  "point" : {
                    "location" : "DE",
                    "timestamp" : "2026-11-22T02:15:00.120Z",
                    "duration" : 1.5,
                    "value" : 312.5
                  }
                }""", json);
    }
}
