package dev.greenloop.meter.spi;

import dev.greenloop.core.Power;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What discovery learnt about one NVIDIA GPU, for {@code greenloop sources}. Immutable.
 *
 * @param index NVML's index of the GPU (PCI bus order), as in the component name {@code gpu-<index>}
 * @param name the model, such as {@code NVIDIA H100 80GB HBM3}; {@code "unknown"} if NVML would not say
 * @param uuid the GPU's UUID, such as {@code GPU-5fd3...}; {@code "unknown"} if NVML would not say
 * @param driverVersion the driver version, such as {@code 550.54.15}; {@code "unknown"} if NVML would not say
 * @param power the power reading at discovery, if the GPU reports power
 * @param powerLimit the power limit the driver enforces, if the GPU reports it
 * @param capabilities each capability ({@code energy-counter}, {@code power}, {@code power-limit},
 *     {@code process-list}, {@code utilization}) mapped to {@code "yes"} or {@code "no: <why>"}, such
 *     as {@code "no: NOT_SUPPORTED"} or {@code "no: symbol missing"}; in that order, unmodifiable
 */
public record GpuInfo(int index, String name, String uuid, String driverVersion, Optional<Power> power,
        Optional<Power> powerLimit, Map<String, String> capabilities) {

    /**
     * @throws NullPointerException if any part is null
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public GpuInfo {
        if (index < 0) {
            throw new IllegalArgumentException("GPU index must be >= 0, was " + index);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(driverVersion, "driverVersion");
        Objects.requireNonNull(power, "power");
        Objects.requireNonNull(powerLimit, "powerLimit");
        capabilities = Collections.unmodifiableMap(new LinkedHashMap<>(capabilities));
    }

    /** @return true if {@code capability} is present and works */
    public boolean has(String capability) {
        return "yes".equals(capabilities.get(capability));
    }
}
