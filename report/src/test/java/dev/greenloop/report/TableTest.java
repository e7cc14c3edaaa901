package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void print_padsColumns_rightAlignsMarked_stripsTrailingSpaces() {
        Table t = new Table("name", ">joules", "note");
        assertTrue(t.isEmpty());
        t.row("a", 12.5, "x").row("longer", 3, null).row("short");
        String nl = System.lineSeparator();
        assertEquals("name    joules  note" + nl
                + "------  ------  ----" + nl
                + "a         12.5  x" + nl
                + "longer       3" + nl
                + "short" + nl, Fixtures.printed(t::print));
    }

    @Test
    void fmt_numbersAndGrams() {
        assertEquals("300", Fmt.number(300));
        assertEquals("12.500", Fmt.number(12.5));
        assertEquals("—", Fmt.number(Double.NaN));
        assertEquals("1.23 g", Fmt.grams(1.23456));
        assertEquals("600 µg", Fmt.grams(0.0006)); // a job's measured 0.6 mg is not "0.000 g"
        assertEquals("—", Fmt.grams(null));
        assertEquals("—", Fmt.grams(Double.NaN));
    }
}
