package dev.greenloop.app;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A contractual instrument (an energy attribute certificate, a supplier's tariff, a PPA) or a residual mix, as the
 * market-based method of the GHG Protocol's Scope 2 Guidance counts it: electricity of a zone over a period, at an
 * emission factor. Immutable.
 *
 * @param zone the grid zone it covers, upper case, such as {@code DE}
 * @param from the start of the period it covers, inclusive
 * @param to the end of that period, exclusive
 * @param megawattHours the electricity it covers, MWh; empty for a residual mix, which covers whatever no instrument does
 * @param gramsPerKWh its emission factor, gCO2eq/kWh
 * @param line the instruments file's line it came from, for messages
 */
public record Instrument(String zone, Instant from, Instant to, OptionalDouble megawattHours, double gramsPerKWh, int line) {

    /** @throws NullPointerException if an object is null */
    public Instrument {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(megawattHours, "megawattHours");
    }

    /** @return true if this is a residual mix rather than an instrument */
    public boolean residual() {
        return megawattHours.isEmpty();
    }

    /** @return true if it covers the zone at that instant */
    boolean covers(String z, Instant t) {
        return zone.equalsIgnoreCase(z) && !t.isBefore(from) && t.isBefore(to);
    }
}
