package dev.greenloop.core;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns energy into emissions in time: emissions = Σ over intervals (energy in the interval ×
 * intensity of that interval) × PUE.
 *
 * <p>Each slice's energy is assumed spread evenly over the slice, and is cut at every clock-hour
 * boundary and every boundary between intensity points, so a time-varying intensity applies to
 * exactly the energy used while it held. The result is reported per UTC clock hour.
 */
public final class CarbonAccounting {

    private CarbonAccounting() {
    }

    /**
     * Accounts the emissions of {@code slices}.
     *
     * @param slices energy use, in any order; empty gives a zero account
     * @param timeline the intensity of the zone where the energy was used
     * @param pue power usage effectiveness, at least 1
     * @return the account, hour by hour
     * @throws IllegalArgumentException if {@code pue} is below 1 or not finite
     * @throws java.util.NoSuchElementException if the timeline has no value for some slice
     */
    public static CarbonAccount account(List<EnergySlice> slices, IntensityTimeline timeline, double pue) {
        if (!Double.isFinite(pue) || pue < 1) {
            throw new IllegalArgumentException("PUE must be a number >= 1 (facility energy / IT energy), was " + pue);
        }
        Map<Instant, double[]> byHour = new TreeMap<>(); // hour -> {joules, gram-joules/kWh-weighted grams}
        double totalJoules = 0;
        for (EnergySlice slice : slices) {
            double joules = slice.energy().joules();
            totalJoules += joules;
            Interval whole = slice.interval();
            if (whole.isEmpty()) {
                addPiece(byHour, whole.start(), joules, timeline.at(whole.start()).intensity());
                continue;
            }
            double seconds = whole.seconds();
            Instant cursor = whole.start();
            while (cursor.isBefore(whole.end())) {
                IntensityPoint point = timeline.at(cursor);
                Instant nextHour = cursor.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
                Instant cut = min(whole.end(), min(nextHour, point.interval().end()));
                if (!cut.isAfter(cursor)) {
                    throw new IllegalStateException("intensity point " + point + " does not cover " + cursor);
                }
                double share = new Interval(cursor, cut).seconds() / seconds;
                addPiece(byHour, cursor, joules * share, point.intensity());
                cursor = cut;
            }
        }
        List<HourlyCarbon> hours = new ArrayList<>(byHour.size());
        double grams = 0;
        for (var e : byHour.entrySet()) {
            double j = e.getValue()[0];
            double g = e.getValue()[1];
            double meanIntensity = j > 0 ? g / Energy.ofJoules(j).kilowattHours() : e.getValue()[2];
            grams += g * pue;
            hours.add(new HourlyCarbon(e.getKey(), Energy.ofJoules(j), CarbonIntensity.ofGramsPerKWh(meanIntensity),
                    Emissions.ofGrams(g * pue)));
        }
        return new CarbonAccount(Emissions.ofGrams(grams), Energy.ofJoules(totalJoules), pue, timeline.signal(), hours);
    }

    private static void addPiece(Map<Instant, double[]> byHour, Instant at, double joules, CarbonIntensity intensity) {
        double[] acc = byHour.computeIfAbsent(at.truncatedTo(ChronoUnit.HOURS), h -> new double[] {0, 0, intensity.gramsPerKWh()});
        acc[0] += joules;
        acc[1] += intensity.emissionsOf(Energy.ofJoules(joules)).grams();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
