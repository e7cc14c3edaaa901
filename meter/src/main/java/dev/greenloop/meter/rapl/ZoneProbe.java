package dev.greenloop.meter.rapl;

import java.nio.file.Path;

/**
 * A RAPL zone whose counter could be read once: what it is and the reading taken when discovered,
 * which becomes the baseline of the source.
 *
 * @param zone where it is
 * @param name its {@code name} file, such as {@code package-0} or {@code dram}
 * @param parentName the {@code name} of the zone that contains it; empty for a top-level zone
 * @param kind what the name denotes
 * @param rangeUj its {@code max_energy_range_uj}, greater than zero
 * @param rawUj its {@code energy_uj} when probed
 * @param atNanos the clock when probed
 */
record ZoneProbe(ZoneDir zone, String name, String parentName, DomainKind kind, long rangeUj, long rawUj, long atNanos) {

    /** @return how findings name the zone: {@code intel-rapl:0 (package-0)} */
    String subject() {
        return subject(zone, name);
    }

    static String subject(ZoneDir zone, String name) {
        return "%s (%s)".formatted(zone.id(), name);
    }

    static Path energyFile(ZoneDir zone) {
        return zone.dir().resolve("energy_uj");
    }
}
