package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Where a codec writes both to bytes (files) and to characters (the CLI's writers), the two give the same text:
 * UTF-8 bytes decode to exactly what the character stream received.
 */
class WriterOverloadsTest {

    @Test
    void runJsonGenerator_bytesAndWriter_sameJson() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = RunJson.generator(bytes)) {
            RunJson.write(g, Fixtures.finished());
        }
        StringWriter chars = new StringWriter();
        try (JsonGenerator g = RunJson.generator(chars)) {
            RunJson.write(g, Fixtures.finished());
        }
        assertEquals(bytes.toString(StandardCharsets.UTF_8), chars.toString());
    }

    @Test
    void labResultsJson_bytesAndWriter_sameJson() throws IOException {
        var r = LabResultsJsonTest.result(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LabResultsJson.write(r, bytes);
        StringWriter chars = new StringWriter();
        LabResultsJson.write(r, chars);
        assertEquals(bytes.toString(StandardCharsets.UTF_8), chars.toString());
    }
}
