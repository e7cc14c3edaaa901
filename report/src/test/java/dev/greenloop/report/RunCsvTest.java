package dev.greenloop.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.store.StoredRun;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunCsvTest {

    @Test
    void csvQuote_fieldsWithCommasQuotesAndNewlines_areQuoted() {
        assertEquals("plain", RunCsv.quote("plain"));
        assertEquals("\"a,b\"", RunCsv.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", RunCsv.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", RunCsv.quote("two\nlines"));
    }

    @Test
    void csvQuote_cellsASpreadsheetWouldReadAsFormulas_prefixedWithAQuoteAndQuoted() {
        // OWASP CSV injection: =, +, -, @, tab and carriage return at the start of a cell.
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", RunCsv.quote("=HYPERLINK(\"http://x\")"));
        assertEquals("\"'+1\"", RunCsv.quote("+1"));
        assertEquals("\"'-2+3\"", RunCsv.quote("-2+3"));
        assertEquals("\"'@SUM(A1)\"", RunCsv.quote("@SUM(A1)"));
        assertEquals("\"'\tx\"", RunCsv.quote("\tx"));
        assertEquals("\"'\rx\"", RunCsv.quote("\rx"));
        assertEquals("a=b", RunCsv.quote("a=b"));
        assertEquals("", RunCsv.quote(""));
    }

    @Test
    void write_formulaInAName_neutralisedNumbersNot() {
        StoredRun run = new StoredRun(Fixtures.running().id(), Fixtures.start("=cmd|' /C calc'!A0"), Fixtures.running().status(), Fixtures.running().outcome());
        String csv = Fixtures.printed(out -> RunCsv.write(out, List.of(run)));
        assertTrue(csv.contains(",\"'=cmd|' /C calc'!A0\",running,"), csv);
    }

    @Test
    void write_finishedAndRunning_exactRowsWithCrlf() {
        String csv = Fixtures.printed(out -> RunCsv.write(out, List.of(Fixtures.finished(), Fixtures.running())));
        assertEquals(RunCsv.HEADER + "\r\n"
                + "7,\"train \"\"small\"\"\",finished,node-1,2026-11-22T02:15:00.120Z,2026-11-22T02:15:02.620Z,2.5,0,120,0.000033333333333333335,"
                + "115,130,modelled,45,0.0000125,DE,400,average-lifecycle-yearly,Ember 2023,1.2,0.016,0.006,python train.py --epochs 2,"
                + "\"team=search;stage=a,b\"\r\n"
                + "8,serve,running,node-1,2026-11-22T02:15:00.120Z,,,,,,,,,,,,,,,,,,python train.py --epochs 2,\"team=search;stage=a,b\"\r\n", csv);
    }
}
