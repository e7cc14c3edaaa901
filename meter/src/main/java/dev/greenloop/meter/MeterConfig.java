package dev.greenloop.meter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the meter looks and how often it samples. Immutable.
 *
 * @param sysfsRoot where {@code /sys} is; {@code $GREENLOOP_SYSFS_ROOT}, default {@code /sys}
 * @param procfsRoot where {@code /proc} is; {@code $GREENLOOP_PROCFS_ROOT}, default {@code /proc}
 * @param interval the sampling interval; the sampler may read more often when a counter's range needs it
 * @param environment the variables the meter reads besides the roots: {@code GREENLOOP_NVML_LIBRARY}
 *     (the NVML library, default {@code libnvidia-ml.so.1}) and {@code CUDA_VISIBLE_DEVICES} (the GPUs
 *     the measured command may use)
 */
public record MeterConfig(Path sysfsRoot, Path procfsRoot, Duration interval, Map<String, String> environment) {

    /** The default sampling interval: one second. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    /** The shortest interval accepted. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    /** @throws IllegalArgumentException if the interval is shorter than {@link #MIN_INTERVAL} */
    public MeterConfig {
        Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        Objects.requireNonNull(procfsRoot, "procfsRoot");
        Objects.requireNonNull(interval, "interval");
        environment = Map.copyOf(environment);
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("sampling interval must be at least 10ms, was " + interval.toMillis() + "ms");
        }
    }

    /** A configuration without environment variables: NVML from its default library name. */
    public MeterConfig(Path sysfsRoot, Path procfsRoot, Duration interval) {
        this(sysfsRoot, procfsRoot, interval, Map.of());
    }

    /** @return the configuration from the process environment, with the default interval */
    public static MeterConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * @param env environment variables ({@code GREENLOOP_SYSFS_ROOT}, {@code GREENLOOP_PROCFS_ROOT})
     * @return the configuration they give, with the default interval
     */
    public static MeterConfig fromEnvironment(Map<String, String> env) {
        String sys = env.getOrDefault("GREENLOOP_SYSFS_ROOT", "/sys");
        String proc = env.getOrDefault("GREENLOOP_PROCFS_ROOT", "/proc");
        Map<String, String> kept = new java.util.HashMap<>();
        for (String key : new String[] {"GREENLOOP_NVML_LIBRARY", "CUDA_VISIBLE_DEVICES"}) {
            String value = env.get(key);
            if (value != null) {
                kept.put(key, value);
            }
        }
        return new MeterConfig(Path.of(sys.isBlank() ? "/sys" : sys), Path.of(proc.isBlank() ? "/proc" : proc), DEFAULT_INTERVAL, kept);
    }

    /** @return this configuration with another sampling interval */
    public MeterConfig withInterval(Duration newInterval) {
        return new MeterConfig(sysfsRoot, procfsRoot, newInterval, environment);
    }
}
