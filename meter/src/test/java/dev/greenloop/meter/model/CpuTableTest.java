package dev.greenloop.meter.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuTableTest {

    private final CpuTable table = CpuTable.builtIn();

    @Test
    void builtIn_everyRow_hasSourceAndSaneFigures() {
        assertTrue(table.rows().size() > 100, "rows: " + table.rows().size());
        for (CpuSpec row : table.rows()) {
            assertTrue(!row.source().isBlank(), row.model());
            assertTrue(row.tdpWatts() >= 5 && row.tdpWatts() <= 500, row.toString());
        }
    }

    @Test
    void find_cpuinfoSpellings_matchTheirRows() {
        assertEquals("AMD EPYC 7B13", table.find("AMD EPYC 7B13 64-Core Processor").orElseThrow().model());
        assertEquals("Intel Xeon Platinum 8375C", table.find("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz").orElseThrow().model());
        assertEquals("AMD EPYC 7R13", table.find("AMD EPYC 7R13 Processor").orElseThrow().model());
        assertEquals("AMD EPYC 9R14", table.find("AMD EPYC 9R14").orElseThrow().model());
        assertEquals("Intel Xeon Platinum 8480+", table.find("Intel(R) Xeon(R) Platinum 8480+").orElseThrow().model());
        assertEquals(360.0, table.find("AMD EPYC 9654 96-Core Processor").orElseThrow().tdpWatts());
    }

    @Test
    void find_genericOrUnknownName_isEmpty() {
        assertEquals(Optional.empty(), table.find("AMD EPYC"));
        assertEquals(Optional.empty(), table.find("Intel(R) Xeon(R) CPU @ 2.20GHz"));
        assertEquals(Optional.empty(), table.find("AMD EPYC 7713P2"));
    }

    @Test
    void normalise_intelDesktopName_dropsGenerationAndTrademarks() {
        assertEquals("intel core i7-13700k", CpuTable.normalise("13th Gen Intel(R) Core(TM) i7-13700K"));
    }

    @Test
    void parse_quotedSourceWithCommas_keepsWholeSource() throws Exception {
        CpuTable t = CpuTable.parse(new StringReader("# c\nmodel,tdp_watts,tdp_min_watts,tdp_max_watts,cores,threads,source\n"
                + "X 1,100,90,120,8,16,\"a, b, c\"\n"));
        CpuSpec row = t.find("X 1").orElseThrow();
        assertEquals("a, b, c", row.source());
        assertEquals(90.0, row.tdpMinWatts());
    }

    @Test
    void parse_badRow_namesTheLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> CpuTable.parse(new StringReader(
                "model,tdp_watts,tdp_min_watts,tdp_max_watts,cores,threads,source\nX,100,120,90,8,16,s\n")));
        assertTrue(e.getMessage().startsWith("CPU table line 2"), e.getMessage());
    }

    @Test
    void wattsPerThreadQuantile_quartiles_areOrdered() {
        double q1 = table.wattsPerThreadQuantile(0.25);
        double q3 = table.wattsPerThreadQuantile(0.75);
        assertTrue(0 < q1 && q1 < q3, q1 + " " + q3);
    }

    @Test
    void teadsCurve_betweenPoints_interpolatesLinearly() {
        assertEquals(0.12, PowerCurve.TEADS.at(0), 1e-12);
        assertEquals(0.32 + 0.5 * (0.75 - 0.32), PowerCurve.TEADS.at(0.30), 1e-12);
        assertEquals(1.02, PowerCurve.TEADS.at(1.5), 1e-12);
    }
}
