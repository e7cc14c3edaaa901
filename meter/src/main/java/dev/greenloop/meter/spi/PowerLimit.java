package dev.greenloop.meter.spi;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One power limit of this node that Greenloop can read and may be able to set: a constraint of a powercap RAPL zone
 * ({@code constraint_K_*} files, kernel Documentation/power/powercap/powercap.rst) or an NVIDIA GPU's power management
 * limit (NVML). Values are in microwatts, exact for both (powercap speaks microwatts, NVML milliwatts). Immutable.
 *
 * @param component the component it caps, named as the meter names it: {@code cpu-package-0}, {@code core-0},
 *     {@code dram-0}, {@code psys-0}, {@code gpu-0}
 * @param constraint the constraint's name: powercap's {@code constraint_K_name} ({@code long_term},
 *     {@code short_term}, {@code peak_power}...); {@code power_limit} for a GPU
 * @param target what is written to set it: the {@code constraint_K_power_limit_uw} file, or {@code gpu N (UUID)}
 * @param currentMicrowatts the limit now
 * @param minMicrowatts the lowest value accepted: 0 for powercap, NVML's minimum for a GPU
 * @param maxMicrowatts the highest value accepted: {@code constraint_K_max_power_uw} or NVML's maximum; empty when
 *     the hardware states none (any value from the minimum up is then passed on, and the kernel may clamp it)
 * @param defaultMicrowatts the GPU's default limit ({@code nvmlDeviceGetPowerManagementDefaultLimit}); empty for powercap
 * @param enforcedMicrowatts the limit the GPU driver enforces after every limiter
 *     ({@code nvmlDeviceGetEnforcedPowerLimit}); empty for powercap
 * @param timeWindowMicros the powercap averaging window {@code constraint_K_time_window_us}; empty for a GPU
 * @param enabled powercap's zone {@code enabled} file ({@code true} where it is absent); {@code true} for a GPU
 * @param settable whether Greenloop has a way to set it (a GPU whose NVML lacks
 *     {@code nvmlDeviceSetPowerManagementLimit} is listed but not settable); not a promise of permission
 */
public record PowerLimit(String component, String constraint, String target, long currentMicrowatts, long minMicrowatts,
        OptionalLong maxMicrowatts, OptionalLong defaultMicrowatts, OptionalLong enforcedMicrowatts,
        OptionalLong timeWindowMicros, boolean enabled, boolean settable) {

    /** @throws NullPointerException if any part is null */
    public PowerLimit {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(constraint, "constraint");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(maxMicrowatts, "maxMicrowatts");
        Objects.requireNonNull(defaultMicrowatts, "defaultMicrowatts");
        Objects.requireNonNull(enforcedMicrowatts, "enforcedMicrowatts");
        Objects.requireNonNull(timeWindowMicros, "timeWindowMicros");
    }

    /** @return true for a GPU limit set through NVML */
    public boolean isGpu() {
        return component.startsWith("gpu-");
    }

    /** @return the accepted range, for messages: {@code [0 W, 125 W]} or {@code [0 W, no maximum]} */
    public String range() {
        return "[%s, %s]".formatted(watts(minMicrowatts), maxMicrowatts.isPresent() ? watts(maxMicrowatts.getAsLong()) : "no maximum");
    }

    /** @return microwatts as watts for people: {@code 125 W}, {@code 12.5 W} */
    public static String watts(long microwatts) {
        return java.math.BigDecimal.valueOf(microwatts, 6).stripTrailingZeros().toPlainString() + " W";
    }
}
