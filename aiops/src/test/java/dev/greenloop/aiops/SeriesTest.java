package dev.greenloop.aiops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeriesTest {

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SeriesFormatException bad(String text) {
        return assertThrows(SeriesFormatException.class, () -> Series.read(in(text), "s.csv"));
    }

    @Test
    void read_nabFormat() throws IOException {
        Series s = Series.read(in("timestamp,value\n2014-02-14 14:30:00,0.132\n2014-02-14 14:35:00,1e3\n"), "s.csv");
        assertEquals(2, s.size());
        assertEquals(Instant.parse("2014-02-14T14:35:00Z"), s.timestamps()[1]);
        assertEquals(1000.0, s.values()[1]);
        assertEquals("2014-02-14 14:30:00", Series.format(s.timestamps()[0]));
    }

    @Test
    void read_badInput_namesFileLineAndFix() {
        SeriesFormatException e = bad("timestamp,value\n2014-02-14 14:30:00,abc\n");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("s.csv:2: value 'abc' is not a number"), e.getMessage());
        assertTrue(bad("time,v\n").getMessage().contains("expected timestamp,value"));
        assertTrue(bad("").getMessage().contains("empty"));
        assertTrue(bad("timestamp,value\n2014-02-14,1\n").getMessage().contains("YYYY-MM-DD HH:MM:SS"));
        assertTrue(bad("timestamp,value\n2014-02-14 14:30:00,1,2\n").getMessage().contains("3 fields"));
        assertTrue(bad("timestamp,value\n2014-02-14 14:30:00,NaN\n").getMessage().contains("not finite"));
        SeriesFormatException order = bad("timestamp,value\n2014-02-14 14:35:00,1\n2014-02-14 14:30:00,2\n");
        assertEquals(3, order.line());
        assertTrue(order.getMessage().contains("sort the rows by time"), order.getMessage());
    }

    @Test
    void read_repeatedTimestamp_isKept_asNabFilesHaveThem() throws IOException {
        assertEquals(2, Series.read(in("timestamp,value\n2014-03-09 03:00:00,1\n2014-03-09 03:00:00,2\n"), "s.csv").size());
    }
}
