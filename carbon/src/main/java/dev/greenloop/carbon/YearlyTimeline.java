package dev.greenloop.carbon;

import dev.greenloop.core.CarbonIntensity;
import dev.greenloop.core.CarbonSignal;
import dev.greenloop.core.IntensityPoint;
import dev.greenloop.core.IntensityTimeline;
import dev.greenloop.core.Interval;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.NoSuchElementException;

/**
 * The timeline of a yearly table row: for any instant, one point covering the UTC calendar year that contains it,
 * carrying the row's value. The table holds one year per zone, so every year answers that value; the signal's
 * source names the year it describes. Immutable.
 */
final class YearlyTimeline implements IntensityTimeline {

    private final CarbonIntensity intensity;
    private final CarbonSignal signal;

    YearlyTimeline(Zone zone) {
        ZoneInfo info = zone.info();
        this.intensity = CarbonIntensity.ofGramsPerKWh(info.gramsPerKWh());
        this.signal = new CarbonSignal(info.code(), "average", zone.basis(), "yearly", info.source() + ", " + info.year());
    }

    /**
     * @return the point for {@code [Jan 1 of the instant's UTC year, Jan 1 of the next year)}
     * @throws NoSuchElementException if the instant's year or the next one lies outside {@link LocalDate}'s range
     */
    @Override
    public IntensityPoint at(Instant instant) {
        try {
            int year = instant.atOffset(ZoneOffset.UTC).getYear();
            Instant start = LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant end = LocalDate.of(year + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
            return new IntensityPoint(new Interval(start, end), intensity);
        } catch (DateTimeException e) {
            NoSuchElementException failure = new NoSuchElementException(
                    "zone %s: no yearly value for %s, which is outside the supported calendar".formatted(signal.zone(), instant));
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public CarbonSignal signal() {
        return signal;
    }

    @Override
    public String toString() {
        return "YearlyTimeline[" + signal.zone() + " " + intensity + ", " + signal.source() + "]";
    }
}
