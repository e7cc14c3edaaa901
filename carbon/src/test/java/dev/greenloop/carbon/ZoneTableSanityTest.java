package dev.greenloop.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Checks every row of the shipped table, so that a bad edit to zones.csv fails the build. */
class ZoneTableSanityTest {

    private final List<ZoneInfo> zones = ZoneTable.builtIn().zones();

    @Test
    void zones_builtIn_atLeast150() {
        assertTrue(zones.size() >= 150, "only " + zones.size() + " zones");
    }

    @Test
    void zones_everyRow_positiveBelow1500SinceYear2019WithSource() {
        for (ZoneInfo z : zones) {
            assertTrue(z.gramsPerKWh() > 0 && z.gramsPerKWh() < 1500, z::toString);
            assertTrue(z.year() >= 2019 && z.year() <= 2030, z::toString);
            assertTrue(!z.source().isBlank(), z::toString);
            assertTrue(!z.name().isBlank(), z::toString);
        }
    }

    @Test
    void zones_codes_uniqueAndWellFormed() {
        Set<String> seen = new HashSet<>();
        for (ZoneInfo z : zones) {
            assertTrue(seen.add(z.code()), "duplicate " + z.code());
            assertTrue(z.code().equals("WORLD") || isZoneCode(z.code()), "malformed code " + z.code());
        }
    }

    @Test
    void zones_world_presentAsGlobalFallback() {
        ZoneInfo world = ZoneTable.builtIn().find("WORLD").orElseThrow();
        assertTrue(world.gramsPerKWh() > 300 && world.gramsPerKWh() < 600, world::toString);
    }

    @Test
    void zones_majorGrids_present() {
        for (String code : List.of("DE", "FR", "GB", "US", "CN", "IN", "JP", "BR", "AU", "CA", "US-CAL-CISO", "US-TEX-ERCO", "AU-NSW")) {
            assertTrue(ZoneTable.builtIn().find(code).isPresent(), code);
        }
    }

    @Test
    void zones_wellKnownOrdering_holds() {
        // Hydro and nuclear grids are far cleaner than coal grids in every published source.
        assertTrue(value("NO") < value("DE") && value("FR") < value("PL") && value("SE") < value("IN"));
        assertEquals("Germany", ZoneTable.builtIn().find("DE").orElseThrow().name());
    }

    private static double value(String code) {
        return ZoneTable.builtIn().find(code).orElseThrow().gramsPerKWh();
    }

    private static boolean isZoneCode(String code) {
        String[] parts = code.split("-", -1);
        if (parts[0].length() != 2) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || !part.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
