package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.carbon.TraceFiles;
import dev.greenloop.core.Provenance;
import dev.greenloop.testfixtures.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingPolicyTest {

    static final Instant DAY = Instant.parse("2020-06-10T00:00:00Z");
    /** Hourly gCO2e/kWh for the day: clean nights, a dirty evening peak (17:00-20:00 above 400). */
    static final double[] HOURS = {200, 190, 180, 175, 170, 180, 220, 260, 300, 320, 310, 290, 270, 260, 280, 330, 380, 420, 450, 440, 410, 350,
        280, 230};

    @TempDir
    Path dir;
    private ZoneIntensities intensities;
    private final TestClock clock = new TestClock(DAY);

    static ServingProfile profile(String variant, double joules, double cosine, double knn) {
        return new ServingProfile(variant, joules, Provenance.MODELLED, "A", OptionalDouble.of(cosine), OptionalDouble.of(knn), DAY, 7);
    }

    static final Map<String, ServingProfile> PROFILES = Map.of("fp32", profile("fp32", 0.050, 1, 0.93), "int8", profile("int8", 0.020, 0.995, 0.92),
            "static", profile("static", 0.001, 0.80, 0.85));

    /** Writes the day as a trace in the LWA layout (Time,Carbon Intensity), hourly. */
    static Path trace(Path dir, Instant day, double[] hours) throws IOException {
        StringBuilder b = new StringBuilder("Time,Carbon Intensity\n");
        for (int h = 0; h < hours.length; h++) {
            b.append(day.plus(Duration.ofHours(h)).toString().replace("T", " ").replace("Z", "")).append(',').append(hours[h]).append('\n');
        }
        b.append(day.plus(Duration.ofHours(hours.length)).toString().replace("T", " ").replace("Z", "")).append(',').append(hours[hours.length - 1])
                .append('\n');
        return Files.writeString(dir.resolve("de.csv"), b);
    }

    @BeforeEach
    void open() throws IOException {
        intensities = ZoneIntensities.of(Map.of("DE", TraceFiles.read(trace(dir, DAY, HOURS), "DE", TraceFiles.Basis.LIFECYCLE)), Map.of(),
                IntensityServiceTest.MemoryArchive::new, clock);
    }

    @AfterEach
    void close() {
        intensities.close();
    }

    private ServingPolicy policy(List<String> served, double floor, ServingPolicy.Dirty dirty) {
        return new ServingPolicy("m", served, PROFILES, ServingPolicy.Measure.COSINE, floor, dirty, ServingPolicy.Grid.of(intensities, "DE"), clock);
    }

    @Test
    void choose_aboveThreshold_cheapestKeepingTheFloor_otherwiseBest_switchesCounted() {
        ServingPolicy p = policy(List.of("fp32", "int8", "static"), 0.99, new ServingPolicy.Above(400));
        assertEquals("fp32", p.best());
        assertEquals("int8", p.cheapest(), "static is cheaper but below the floor");
        clock.set(DAY.plus(Duration.ofHours(9)));
        ServingPolicy.Choice morning = p.choose();
        assertEquals("fp32", morning.variant());
        assertFalse(morning.dirty());
        assertEquals(320, morning.gramsPerKWh().getAsDouble(), 1e-9);
        clock.set(DAY.plus(Duration.ofHours(17).plusMinutes(30)));
        ServingPolicy.Choice evening = p.choose();
        assertEquals("int8", evening.variant());
        assertTrue(evening.dirty());
        assertTrue(evening.reason().contains("420") && evening.reason().contains("above 400"), evening.reason());
        clock.set(DAY.plus(Duration.ofHours(21)));
        assertEquals("fp32", p.choose().variant());
        assertEquals(List.of(new ServingPolicy.Switch("fp32", "int8", 1), new ServingPolicy.Switch("int8", "fp32", 1)), p.switches());
        assertEquals(2, p.switchCount());
    }

    @Test
    void choose_keepsADecisionForAMinute() {
        ServingPolicy p = policy(List.of("fp32", "int8"), 0.99, new ServingPolicy.Above(400));
        clock.set(DAY.plus(Duration.ofHours(16).plusMinutes(59).plusSeconds(30)));
        assertEquals("fp32", p.choose().variant());
        clock.advance(Duration.ofSeconds(40)); // 17:00:10, now dirty, but the decision is 40 s old
        assertEquals("fp32", p.choose().variant());
        clock.advance(Duration.ofSeconds(30));
        assertEquals("int8", p.choose().variant());
    }

    @Test
    void choose_worstHours_byTheDaysTrace() {
        ServingPolicy p = policy(List.of("fp32", "int8"), 0.99, new ServingPolicy.WorstHours(3));
        for (int h = 0; h < 24; h++) {
            clock.set(DAY.plus(Duration.ofHours(h).plusMinutes(10)));
            boolean worst = h == 18 || h == 19 || h == 17; // 450, 440, 420
            assertEquals(worst ? "int8" : "fp32", p.choose().variant(), "hour " + h);
        }
        assertEquals(2, p.switchCount());
    }

    @Test
    void choose_noIntensityNow_bestAndSaysWhy() {
        ServingPolicy p = policy(List.of("fp32", "int8"), 0.99, new ServingPolicy.Above(100));
        clock.set(DAY.plus(Duration.ofDays(3)));
        ServingPolicy.Choice c = p.choose();
        assertEquals("fp32", c.variant());
        assertTrue(c.reason().contains("no intensity"), c.reason());
    }

    @Test
    void knnFloor_choosesByKnnAccuracy() {
        ServingPolicy p = new ServingPolicy("m", List.of("fp32", "int8", "static"), PROFILES, ServingPolicy.Measure.KNN, 0.85,
                new ServingPolicy.Above(400), ServingPolicy.Grid.of(intensities, "DE"), clock);
        assertEquals("static", p.cheapest());
    }

    @Test
    void new_variantWithoutProfile_namesItAndTheCommand() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServingPolicy("m", List.of("fp32", "int4"), PROFILES, ServingPolicy.Measure.COSINE, 0.9, new ServingPolicy.Above(300),
                        ServingPolicy.Grid.of(intensities, "DE"), clock));
        assertTrue(e.getMessage().contains("int4") && e.getMessage().contains("greenloop lab profile"), e.getMessage());
    }

    @Test
    void new_floorNoVariantKeeps_namesTheBestQuality() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy(List.of("int8", "static"), 0.999,
                new ServingPolicy.Above(300)));
        assertTrue(e.getMessage().contains("0.999") && e.getMessage().contains("int8") && e.getMessage().contains("0.99500"), e.getMessage());
    }

    @Test
    void thresholds_outOfRange_named() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ServingPolicy.Above(-1)).getMessage().contains("--dirty-above"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ServingPolicy.WorstHours(24)).getMessage().contains("--worst-hours 24"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServingPolicy.Measure.parse("f1")).getMessage().contains("'f1'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> policy(List.of("fp32"), 1.5, new ServingPolicy.Above(300))).getMessage()
                .contains("--quality-floor 1.5"));
    }
}
