package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** JSON never holds NaN or Infinity: every generator Greenloop opens refuses them, naming the key. */
class FiniteNumbersTest {

    @Test
    void generators_nonFiniteNumber_failLoudlyNamingTheKey_insteadOfWritingAString() throws IOException {
        StringWriter text = new StringWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (JsonGenerator g : new JsonGenerator[] {RunJson.generator(text), RunJson.generator(bytes), LabResultsJson.generator(bytes)}) {
            g.writeStartObject();
            g.writeNumberField("grams", 1.5);
            g.writeObjectFieldStart("battery");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.writeNumberField("savingsPercent", Double.POSITIVE_INFINITY));
            assertTrue(e.getMessage().startsWith("JSON key 'battery.savingsPercent' is Infinity"), e.getMessage());
            g.writeEndObject();
            g.writeArrayFieldStart("rows");
            g.writeStartObject();
            e = assertThrows(IllegalStateException.class, () -> g.writeNumberField("joulesPerQuery", Float.NaN));
            assertTrue(e.getMessage().startsWith("JSON key 'rows[].joulesPerQuery' is NaN"), e.getMessage());
            g.close();
        }
        assertFalse(text.toString().contains("Infinity") || text.toString().contains("NaN"), text.toString());
        assertFalse(bytes.toString().contains("Infinity") || bytes.toString().contains("NaN"), bytes.toString());
        assertTrue(text.toString().contains("\"grams\" : 1.5"), text.toString());
    }

    @Test
    void generators_topLevelNonFinite_named() throws IOException {
        JsonGenerator g = RunJson.generator(new StringWriter());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.writeNumber(Double.NEGATIVE_INFINITY));
        assertEquals("JSON key '(top level)' is -Infinity, which JSON cannot hold; this is a bug in Greenloop, please report it with the command that printed it",
                e.getMessage());
    }
}
