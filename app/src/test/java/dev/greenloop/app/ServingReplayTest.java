package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.TraceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingReplayTest {

    @TempDir
    Path dir;

    /** Ten requests an hour on 2014-04-16 (and a row of another day that must be left out). */
    private Path counts() throws Exception {
        StringBuilder b = new StringBuilder("timestamp,value\n2014-04-15 23:00:00,99\n");
        for (int h = 0; h < 24; h++) {
            b.append("2014-04-16 %02d:00:00,10\n".formatted(h));
        }
        b.append("2014-04-17 00:00:00,99\n");
        return Files.writeString(dir.resolve("counts.csv"), b);
    }

    @Test
    void fromCounts_oneDayMovedOntoAnother_spreadOverEachInterval() throws Exception {
        ServingReplay.Requests r = ServingReplay.Requests.fromCounts(counts(), LocalDate.parse("2014-04-16"), LocalDate.parse("2020-06-10"));
        assertEquals(240, r.arrivals().size());
        assertEquals(Instant.parse("2020-06-10T00:00:00Z"), r.arrivals().getFirst());
        assertEquals(Instant.parse("2020-06-10T00:06:00Z"), r.arrivals().get(1));
        assertEquals(Instant.parse("2020-06-10T23:54:00Z"), r.arrivals().getLast());
    }

    @Test
    void fromCounts_malformedRowOrEmptyDay_named() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "timestamp,value\n2014-04-16 00:00:00,ten\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServingReplay.Requests.fromCounts(bad, LocalDate.parse("2014-04-16"),
                LocalDate.parse("2020-06-10"))).getMessage().contains("line 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServingReplay.Requests.fromCounts(counts(), LocalDate.parse("2014-05-01"),
                LocalDate.parse("2020-06-10"))).getMessage().contains("no requests"));
    }

    @Test
    void run_dirtyEveningOnInt8_savingsAsComputedByHand() throws Exception {
        ServingReplay.Requests requests = ServingReplay.Requests.fromCounts(counts(), LocalDate.parse("2014-04-16"), LocalDate.parse("2020-06-10"));
        Clock start = Clock.fixed(ServingPolicyTest.DAY, java.time.ZoneOffset.UTC);
        try (ZoneIntensities z = ZoneIntensities.of(Map.of("DE", TraceFiles.read(ServingPolicyTest.trace(dir, ServingPolicyTest.DAY,
                ServingPolicyTest.HOURS), "DE", TraceFiles.Basis.LIFECYCLE)), Map.of(), IntensityServiceTest.MemoryArchive::new, start)) {
            ServingPolicy.Grid grid = ServingPolicy.Grid.of(z, "DE");
            ServingReplay.Report r = ServingReplay.run(requests, clock -> new ServingPolicy("m", List.of("fp32", "int8"), ServingPolicyTest.PROFILES,
                    ServingPolicy.Measure.COSINE, 0.99, new ServingPolicy.Above(400), grid, clock), grid);
            double bestGrams = 0;
            double awareGrams = 0;
            for (int h = 0; h < 24; h++) {
                bestGrams += 10 * 0.05 / 3.6e6 * ServingPolicyTest.HOURS[h];
                awareGrams += 10 * (ServingPolicyTest.HOURS[h] > 400 ? 0.02 : 0.05) / 3.6e6 * ServingPolicyTest.HOURS[h];
            }
            assertEquals(12.0, r.alwaysBest().joules(), 1e-9);
            assertEquals(200 * 0.05 + 40 * 0.02, r.carbonAware().joules(), 1e-9);
            assertEquals(Map.of("fp32", 200L, "int8", 40L), r.carbonAware().byVariant());
            assertEquals(bestGrams, r.alwaysBest().grams(), 1e-12);
            assertEquals(awareGrams, r.carbonAware().grams(), 1e-12);
            assertEquals(bestGrams - awareGrams, r.savedGrams(), 1e-12);
            assertEquals(2, r.switches());
            assertEquals(0, r.unpriced());
            assertTrue(Duration.between(requests.arrivals().getFirst(), requests.arrivals().getLast()).toHours() == 23);
        }
    }
}
