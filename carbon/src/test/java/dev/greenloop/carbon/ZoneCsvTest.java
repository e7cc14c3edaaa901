package dev.greenloop.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZoneCsvTest {

    private static final String SOURCES = """
            # comment
            # @source s1 | lifecycle | Some Source, Dataset | CC BY 4.0
            # @source s2 | direct | Other Source | public domain
            """;

    private static List<Zone> parse(String text) {
        return ZoneCsv.parse(new StringReader(text), "test.csv");
    }

    @Test
    void parse_validRows_resolvesSourceAndBasis() {
        List<Zone> zones = parse(SOURCES + ZoneCsv.HEADER + "\nde,Germany,344.1,2024,s1\nUS-X,Korea, Republic of,10,2023,s2\n");
        assertEquals(2, zones.size());
        assertEquals(new ZoneInfo("DE", "Germany", 344.1, 2024, "Some Source, Dataset"), zones.get(0).info());
        assertEquals("lifecycle", zones.get(0).basis());
        assertEquals("Korea, Republic of", zones.get(1).info().name());
        assertEquals("direct", zones.get(1).basis());
    }

    @Test
    void parse_duplicateCode_namesLine() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> parse(SOURCES + ZoneCsv.HEADER + "\nDE,Germany,1,2024,s1\nde,Again,2,2024,s1\n"));
        assertTrue(e.getMessage().contains("test.csv line 6") && e.getMessage().contains("duplicate zone code DE"), e.getMessage());
    }

    @Test
    void parse_unknownSource_namesIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse(SOURCES + ZoneCsv.HEADER + "\nDE,Germany,1,2024,nope\n"));
        assertTrue(e.getMessage().contains("unknown source id 'nope'"), e.getMessage());
    }

    @Test
    void parse_badNumber_namesRow() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse(SOURCES + ZoneCsv.HEADER + "\nDE,Germany,lots,2024,s1\n"));
        assertTrue(e.getMessage().contains("bad number") && e.getMessage().contains("lots"), e.getMessage());
    }

    @Test
    void parse_negativeValue_rejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse(SOURCES + ZoneCsv.HEADER + "\nDE,Germany,-1,2024,s1\n"));
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    }

    @Test
    void parse_tooFewFields_rejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse(SOURCES + ZoneCsv.HEADER + "\nDE,344,2024\n"));
        assertTrue(e.getMessage().contains("expected 5 fields"), e.getMessage());
    }

    @Test
    void parse_missingHeader_rejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse(SOURCES + "DE,Germany,1,2024,s1\n"));
        assertTrue(e.getMessage().contains("expected header"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse(SOURCES));
    }

    @Test
    void parse_badBasis_rejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> parse("# @source s | marginal | X | Y\n" + ZoneCsv.HEADER + "\n"));
        assertTrue(e.getMessage().contains("basis must be 'lifecycle' or 'direct'"), e.getMessage());
    }
}
