package dev.greenloop.core;

import java.util.Objects;

/**
 * What a carbon-intensity figure means: which zone, which kind of signal, over what time, and
 * from whom. Immutable.
 *
 * @param zone the grid zone code, such as {@code DE} or {@code US-CAL-CISO}
 * @param kind {@code average} (all generation in the zone) or {@code marginal} (the plant that
 *     answers an extra load)
 * @param basis {@code lifecycle} (construction, fuel supply and combustion) or {@code direct}
 *     (combustion only)
 * @param resolution {@code yearly} (a yearly mean, the fallback), {@code actual} (a measured
 *     time series) or {@code forecast}
 * @param source who published the figures and for which year or period, such as
 *     {@code "Ember, Yearly Electricity Data, 2023"}
 */
public record CarbonSignal(String zone, String kind, String basis, String resolution, String source) {

    /** @throws NullPointerException if any part is null */
    public CarbonSignal {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(source, "source");
    }

    /** @return a compact label such as {@code average-lifecycle-yearly} */
    public String label() {
        return kind + "-" + basis + "-" + resolution;
    }
}
