package dev.greenloop.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZoneTableLookupTest {

    private final ZoneTable table = ZoneTable.builtIn();

    @ParameterizedTest
    @ValueSource(strings = {"DE", "de", "De", "  de ", "\tDE\n"})
    void find_anyCaseAndBlanks_returnsGermany(String code) {
        ZoneInfo de = table.find(code).orElseThrow();
        assertEquals("DE", de.code());
        assertEquals("Germany", de.name());
    }

    @Test
    void find_lowerCaseSubNationalCode_returnsZone() {
        assertEquals("US-CAL-CISO", table.find("us-cal-ciso").orElseThrow().code());
    }

    @Test
    void find_unknownCode_isEmpty() {
        assertEquals(Optional.empty(), table.find("XX-NOPE"));
        assertEquals(Optional.empty(), table.find(""));
    }

    @Test
    void find_null_throwsNullPointer() {
        assertThrows(NullPointerException.class, () -> table.find(null));
    }

    @Test
    void builtIn_calledTwice_returnsSameInstance() {
        assertSame(ZoneTable.builtIn(), ZoneTable.builtIn());
    }

    @Test
    void zones_returned_isImmutableAndSortedByCode() {
        var zones = table.zones();
        assertThrows(UnsupportedOperationException.class, () -> zones.remove(0));
        for (int i = 1; i < zones.size(); i++) {
            assertTrue(zones.get(i - 1).code().compareTo(zones.get(i).code()) < 0, zones.get(i).code());
        }
    }

    @Test
    void load_builtInResource_takesFewMilliseconds() {
        // Warm the classes once, then time a fresh parse of the resource, as the CLI's cold start does once.
        ZoneTable.load(ZoneTable.RESOURCE);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            ZoneTable.load(ZoneTable.RESOURCE);
            best = Math.min(best, System.nanoTime() - start);
        }
        double millis = best / 1e6;
        System.out.printf("built-in zone table: best parse of 5 took %.2f ms%n", millis);
        assertTrue(millis < 10, "parsing the built-in table took %.2f ms, budget is 10 ms".formatted(millis));
    }

    @Test
    void zoneForCountry_isoCodeInAnyCase_returnsCountryZone() {
        assertEquals(Optional.of("DE"), ZoneTable.zoneForCountry("de"));
        assertEquals(Optional.of("US"), ZoneTable.zoneForCountry("US"));
    }

    @Test
    void zoneForCountry_ukAlias_returnsGreatBritain() {
        assertEquals(Optional.of("GB"), ZoneTable.zoneForCountry("UK"));
    }

    @Test
    void zoneForCountry_unknownOrNotTwoLetters_isEmpty() {
        assertEquals(Optional.empty(), ZoneTable.zoneForCountry("ZZ"));
        assertEquals(Optional.empty(), ZoneTable.zoneForCountry(""));
        assertEquals(Optional.empty(), ZoneTable.zoneForCountry("DEU"));
    }
}
