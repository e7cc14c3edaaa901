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
    void print_controlCharactersInCells_escapedNotSentToTheTerminal() {
        Table t = new Table("name", "note");
        t.row("\u001b[31mred", "tab\there\r\u0007\u009b\u007f").row("µJ – ok", null);
        String printed = Fixtures.printed(t::print);
        String nl = System.lineSeparator();
        assertEquals("name           note" + nl
                + "-------------  " + "-".repeat(37) + nl
                + "\\u001b[31mred  tab\\u0009here\\u000d\\u0007\\u009b\\u007f" + nl
                + "µJ – ok" + nl, printed);
        assertEquals("a\\u001bb", Table.escape("a\u001bb"));
        assertEquals("plain µJ", Table.escape("plain µJ"));
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
