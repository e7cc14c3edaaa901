package dev.greenloop.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.IntensityPoint;
import dev.greenloop.core.IntensityTimeline;
import java.time.Instant;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class YearlyTimelineTest {

    private final ZoneTable table = ZoneTable.builtIn();
    private final IntensityTimeline germany = table.timeline("de");

    @Test
    void at_lastNanosecondOfYear_pointCoversThatYear() {
        IntensityPoint p = germany.at(Instant.parse("2023-12-31T23:59:59.999999999Z"));
        assertEquals(Instant.parse("2023-01-01T00:00:00Z"), p.interval().start());
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), p.interval().end());
    }

    @Test
    void at_firstInstantOfYear_pointCoversNewYear() {
        IntensityPoint p = germany.at(Instant.parse("2024-01-01T00:00:00Z"));
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), p.interval().start());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), p.interval().end());
    }

    @Test
    void at_leapYear_intervalIs366Days() {
        IntensityPoint p = germany.at(Instant.parse("2024-02-29T12:00:00Z"));
        assertEquals(366, p.interval().duration().toDays());
    }

    @Test
    void at_anyYear_answersTableValue() {
        double expected = table.find("DE").orElseThrow().gramsPerKWh();
        for (String t : new String[] {"1999-06-01T00:00:00Z", "2024-06-01T00:00:00Z", "2031-06-01T00:00:00Z"}) {
            IntensityPoint p = germany.at(Instant.parse(t));
            assertEquals(expected, p.intensity().gramsPerKWh(), 0.0, t);
            assertTrue(p.interval().start().compareTo(Instant.parse(t)) <= 0 && p.interval().end().isAfter(Instant.parse(t)), t);
        }
    }

    @Test
    void at_instantOutsideCalendar_throwsNoSuchElement() {
        NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> germany.at(Instant.MAX));
        assertTrue(e.getMessage().contains("DE"), e.getMessage());
    }

    @Test
    void signal_emberZone_isAverageLifecycleYearlyWithSourceAndYear() {
        ZoneInfo de = table.find("DE").orElseThrow();
        CarbonSignal s = germany.signal();
        assertEquals("DE", s.zone());
        assertEquals("average", s.kind());
        assertEquals("lifecycle", s.basis());
        assertEquals("yearly", s.resolution());
        assertEquals("average-lifecycle-yearly", s.label());
        assertTrue(s.source().startsWith("Ember, Yearly Electricity Data"), s.source());
        assertTrue(s.source().endsWith(", " + de.year()), s.source());
    }

    @Test
    void signal_egridZone_isDirect() {
        CarbonSignal s = table.timeline("US-TEX-ERCO").signal();
        assertEquals("direct", s.basis());
        assertTrue(s.source().startsWith("US EPA, eGRID2023") && s.source().endsWith(", 2023"), s.source());
    }

    @Test
    void signal_ngaZone_isDirect() {
        assertEquals("direct", table.timeline("au-nsw").signal().basis());
    }

    @Test
    void timeline_sameZoneTwice_sameSignal() {
        assertEquals(table.timeline("FR").signal(), table.timeline(" fr ").signal());
    }
}
