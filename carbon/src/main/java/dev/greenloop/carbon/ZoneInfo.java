package dev.greenloop.carbon;

import java.util.Objects;

/**
 * One grid zone of a yearly table and its value. Immutable.
 *
 * @param code the zone code, upper case, such as {@code DE} or {@code US-CAL-CISO}
 * @param name a human-readable name, such as {@code Germany}
 * @param gramsPerKWh the yearly mean intensity in gCO2eq/kWh, finite and at least zero
 * @param year the year the value describes
 * @param source who published the value and in which dataset, such as
 *     {@code "Ember, Yearly Electricity Data (2025 release), as republished by Our World in Data, ..."}
 */
public record ZoneInfo(String code, String name, double gramsPerKWh, int year, String source) {

    /**
     * @throws NullPointerException if {@code code}, {@code name} or {@code source} is null
     * @throws IllegalArgumentException if {@code code} or {@code name} is blank, or {@code gramsPerKWh} is negative,
     *     NaN or infinite
     */
    public ZoneInfo {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        if (code.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("zone code and name must not be blank, were '%s' and '%s'".formatted(code, name));
        }
        if (!Double.isFinite(gramsPerKWh) || gramsPerKWh < 0) {
            throw new IllegalArgumentException("zone %s: intensity must be a finite gCO2eq/kWh >= 0, was %s".formatted(code, gramsPerKWh));
        }
    }
}
