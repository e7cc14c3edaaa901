package dev.greenloop.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading job files, and the messages for bad ones. */
class JobFilesTest {

    private static final String HEADER = "id,submit,duration_minutes,deadline,power_watts,interruptible,zones";

    private static String error(String... lines) {
        return assertThrows(InvalidJobException.class, () -> JobFiles.parse(List.of(lines), "jobs.csv")).getMessage();
    }

    @Test
    void parse_validRows_readsEveryField() {
        List<Job> jobs = JobFiles.parse(List.of(HEADER + ",checkpoint_minutes,min_segment_minutes",
                "a,2022-01-01T00:00:00Z,90,2022-01-02T00:00Z,250.5,true,DE;FR,5,30",
                "",
                "b,2022-01-01T01:00:00,30,2022-01-01T03:00:00+01:00,100,false,,0,0"), "jobs.csv");
        assertEquals(2, jobs.size());
        Job a = jobs.getFirst();
        assertEquals(new Job("a", Instant.parse("2022-01-01T00:00:00Z"), 90, Instant.parse("2022-01-02T00:00:00Z"), 250.5, true, 5, 30,
                List.of("DE", "FR")), a);
        assertEquals(Instant.parse("2022-01-01T02:00:00Z"), jobs.get(1).deadline());
        assertEquals(List.of(), jobs.get(1).zones());
    }

    @Test
    void parse_badTime_namesLineAndColumn() {
        String m = error(HEADER, "a,2022-01-01T00:00:00Z,90,2022-01-02T00:00:00Z,250,false,", "b,yesterday,90,2022-01-02T00:00:00Z,250,false,");
        assertTrue(m.startsWith("jobs.csv line 3 column 2 (submit): 'yesterday' is not an ISO-8601 time"), m);
    }

    @Test
    void parse_badNumbers_nameLineAndColumn() {
        assertTrue(error(HEADER, "a,2022-01-01T00:00:00Z,0,2022-01-02T00:00:00Z,250,false,").contains("line 2 column 3 (duration_minutes)"));
        assertTrue(error(HEADER, "a,2022-01-01T00:00:00Z,9,2022-01-02T00:00:00Z,-1,false,").contains("line 2 column 5 (power_watts)"));
        assertTrue(error(HEADER, "a,2022-01-01T00:00:00Z,9,2022-01-02T00:00:00Z,1,maybe,").contains("line 2 column 6 (interruptible)"));
    }

    @Test
    void parse_deadlineBeforeSubmit_namesJobAndTimes() {
        String m = error(HEADER, "a,2022-01-02T00:00:00Z,90,2022-01-01T00:00:00Z,250,false,");
        assertTrue(m.contains("line 2 column 4: job a: deadline 2022-01-01T00:00:00Z is not after submit time 2022-01-02T00:00:00Z"), m);
    }

    @Test
    void parse_wrongHeaderOrColumnCount_explains() {
        assertTrue(error("id,start,end").contains("line 1: header is 'id,start,end'; expected " + HEADER));
        assertTrue(error(HEADER, "a,2022-01-01T00:00:00Z,90").contains("line 2: 3 columns, expected 7"));
    }

    @Test
    void parse_duplicateId_rejected() {
        String row = "a,2022-01-01T00:00:00Z,90,2022-01-02T00:00:00Z,250,false,";
        assertTrue(error(HEADER, row, row).contains("line 3 column 1: job id 'a' is used twice"));
    }

    @Test
    void parse_withoutPrecomputeColumn_notPrecomputable() {
        Job a = JobFiles.parse(List.of(HEADER, "a,2022-01-01T00:00:00Z,90,2022-01-02T00:00:00Z,250,false,"), "jobs.csv").getFirst();
        assertEquals(false, a.precompute());
    }

    @Test
    void parse_precomputeColumn_readAfterEitherHeader() {
        List<Job> jobs = JobFiles.parse(List.of(HEADER + ",precompute",
                "a,2022-01-01T18:00:00Z,60,2022-01-02T08:00:00Z,250,false,ES,true",
                "b,2022-01-01T18:00:00Z,60,2022-01-02T08:00:00Z,250,false,ES,"), "jobs.csv");
        assertEquals(Job.precomputable("a", Instant.parse("2022-01-01T18:00:00Z"), 60, Instant.parse("2022-01-02T08:00:00Z"), 250,
                List.of("ES")), jobs.getFirst());
        assertEquals(false, jobs.get(1).precompute());
        Job c = JobFiles.parse(List.of(HEADER + ",checkpoint_minutes,min_segment_minutes,precompute",
                "c,2022-01-01T18:00:00Z,60,2022-01-02T08:00:00Z,250,true,,5,10,true"), "jobs.csv").getFirst();
        assertEquals(new Job("c", Instant.parse("2022-01-01T18:00:00Z"), 60, Instant.parse("2022-01-02T08:00:00Z"), 250, true, 5, 10,
                List.of(), true), c);
    }

    @Test
    void parse_badPrecompute_namesLineAndColumn() {
        String m = error(HEADER + ",checkpoint_minutes,min_segment_minutes,precompute",
                "a,2022-01-01T00:00:00Z,90,2022-01-02T00:00:00Z,250,false,,0,0,later");
        assertTrue(m.startsWith("jobs.csv line 2 column 10 (precompute): 'later' is not true or false"), m);
        assertTrue(error(HEADER + ",precompute", "a,2022-01-01T00:00:00Z,90,2022-01-02T00:00:00Z,250,false,")
                .contains("line 2: 7 columns, expected 8 (" + HEADER + ",precompute)"));
    }

    @Test
    void parse_unknownOrRepeatedOptionalColumn_rejected() {
        assertTrue(error(HEADER + ",precompute,precompute").contains("line 1: header is"));
        assertTrue(error(HEADER + ",battery").contains("optionally followed by ,checkpoint_minutes,min_segment_minutes and/or ,precompute"));
    }

    @Test
    void parse_idWithQuoteOrNul_refusedNamingFileLineAndColumn() {
        String quote = error(HEADER, "a,2022-01-01T00:00:00Z,90,2022-01-02T00:00:00Z,250,false,", "b\"c,2022-01-01T00:00:00Z,90,2022-01-02T00:00:00Z,250,false,");
        assertTrue(quote.startsWith("jobs.csv line 3 column 1 (id): 'b\"c'"), quote);
        String nul = error(HEADER, "b\0c,2022-01-01T00:00:00Z,90,2022-01-02T00:00:00Z,250,false,");
        assertTrue(nul.startsWith("jobs.csv line 2 column 1 (id): 'b\\0c'") && nul.contains("NUL"), nul);
    }

    @Test
    void simulate_zoneInJobFile_matchesTraceZoneInAnyCase() {
        List<Job> jobs = JobFiles.parse(List.of(HEADER, "a,2022-01-01T00:00:00Z,60,2022-01-01T06:00:00Z,1000,false,es"), "jobs.csv");
        SimulationResult r = Simulator.simulate(jobs, List.of(Traces.of("ES", 60, 300, 100, 300, 300, 300, 300)),
                SimulationOptions.of(Policy.OPTIMAL));
        assertTrue(r.infeasible().isEmpty(), () -> r.infeasible().toString());
        assertEquals("ES", r.placements().getFirst().zone());
    }

    @Test
    void parse_powerAboveOneMegawatt_refusedNamingTheValueTheLimitAndTheFix() {
        assertEquals(1_000_000, JobFiles.parse(List.of(HEADER, "a,2022-01-01T00:00:00Z,90,2022-01-02T00:00:00Z,1000000,false,"), "jobs.csv")
                .getFirst().powerWatts());
        String m = error(HEADER, "a,2022-01-01T00:00:00Z,90,2022-01-02T00:00:00Z,1e308,false,");
        assertTrue(m.startsWith("jobs.csv line 2 column 5 (power_watts): '1e308' is not at most 1 MW (1000000 W)"), m);
        assertTrue(m.contains("split a larger workload into several jobs"), m);
    }

    @Test
    void parse_durationOrWindowBeyondTenYears_refusedNotClamped() {
        String m = error(HEADER, "a,2022-01-01T00:00:00Z,2147483647,2022-01-02T00:00:00Z,250,false,");
        assertTrue(m.startsWith("jobs.csv line 2 column 3 (duration_minutes): '2147483647' is not at most 5260320 minutes (10 years)"), m);
        m = error(HEADER, "a,2022-01-01T00:00:00Z,90,+1000000-01-01T00:00:00Z,250,false,");
        assertTrue(m.contains("line 2 column 4: job a: deadline +1000000-01-01T00:00:00Z is more than 10 years"), m);
    }

    @Test
    void read_lineLongerThanTheLimit_refusedNamingFileLineAndLimit(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = dir.resolve("jobs.csv");
        java.nio.file.Files.writeString(file, HEADER + "\n" + "x".repeat(dev.greenloop.core.BoundedLines.MAX_LINE_BYTES + 1) + "\n");
        String m = assertThrows(InvalidJobException.class, () -> JobFiles.read(file)).getMessage();
        assertTrue(m.contains(file + " line 2 is longer than 1 MiB"), m);
    }
}
