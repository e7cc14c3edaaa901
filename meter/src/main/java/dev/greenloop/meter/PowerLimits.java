package dev.greenloop.meter;

import dev.greenloop.meter.spi.PowerLimit;
import dev.greenloop.meter.spi.PowerLimitException;
import dev.greenloop.meter.spi.PowerLimitException.Reason;
import dev.greenloop.meter.nvml.NvmlLimits;
import dev.greenloop.meter.rapl.RaplLimits;
import dev.greenloop.meter.spi.Finding;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The power limits of this node that can be read and set: the constraints of the RAPL zones (through powercap under
 * {@link MeterConfig#sysfsRoot()}) and the NVIDIA GPUs' power management limits (through NVML, the library named by
 * {@code GREENLOOP_NVML_LIBRARY} in {@link MeterConfig#environment()}). Every {@link #set} answers a
 * {@link LimitChange} that {@link #rollback(LimitChange)} undoes. Not thread-safe; close it to release NVML.
 *
 * <p>Setting needs root (or, for RAPL, a udev rule giving write access); see docs/limits.md.
 */
public final class PowerLimits implements AutoCloseable {

    private final Path sysfsRoot;
    private final Optional<NvmlLimits> gpus;
    private final Clock clock;
    /** What opening NVML found; kept. */
    private final List<Finding> openFindings = new ArrayList<>();
    /** What the latest {@link #list()} found; replaced by each. */
    private List<Finding> listFindings = List.of();

    private PowerLimits(MeterConfig config, Clock clock) {
        this.sysfsRoot = config.sysfsRoot();
        this.clock = clock;
        this.gpus = NvmlLimits.open(config.environment(), openFindings);
    }

    /**
     * Opens the limits of this node. Never fails for missing hardware: what cannot be used becomes a {@link #findings()
     * finding}.
     *
     * @throws NullPointerException if {@code config} is null
     */
    public static PowerLimits open(MeterConfig config) {
        return open(config, Clock.systemUTC());
    }

    /** As {@link #open(MeterConfig)}, stamping changes with {@code clock}. */
    public static PowerLimits open(MeterConfig config, Clock clock) {
        return new PowerLimits(Objects.requireNonNull(config, "config"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Reads every limit now: RAPL zones first (zone, then constraint order), then GPUs by index.
     *
     * @return the limits; empty on a node with neither (see {@link #findings()})
     */
    public List<PowerLimit> list() {
        List<Finding> found = new ArrayList<>();
        List<PowerLimit> limits = new ArrayList<>(RaplLimits.list(sysfsRoot, found));
        gpus.ifPresent(g -> limits.addAll(g.list(found)));
        listFindings = List.copyOf(found);
        return List.copyOf(limits);
    }

    /**
     * @return why some limits could not be listed or set: what opening found, then what the latest {@link #list()}
     *     found; empty when all went well
     */
    public List<Finding> findings() {
        List<Finding> all = new ArrayList<>(openFindings);
        all.addAll(listFindings);
        return List.copyOf(all);
    }

    /**
     * Finds one limit and checks a new value against its range, changing nothing (a dry run).
     *
     * @param component such as {@code cpu-package-0} or {@code gpu-0}
     * @param constraint such as {@code long_term}; empty for the component's first constraint
     *     ({@code long_term} on RAPL, {@code power_limit} on a GPU)
     * @param microwatts the new limit
     * @return the limit as it is now
     * @throws PowerLimitException {@link Reason#UNKNOWN_LIMIT} naming the component or constraint and those there are;
     *     {@link Reason#OUT_OF_RANGE} naming the value and the range; {@link Reason#UNAVAILABLE} if it cannot be set
     */
    public PowerLimit check(String component, Optional<String> constraint, long microwatts) throws PowerLimitException {
        PowerLimit limit = find(component, constraint);
        boolean above = limit.maxMicrowatts().isPresent() && microwatts > limit.maxMicrowatts().getAsLong();
        if (microwatts < limit.minMicrowatts() || above) {
            throw new PowerLimitException(Reason.OUT_OF_RANGE, "%s of %s: %s is outside the accepted range %s".formatted(
                    limit.constraint(), limit.component(), PowerLimit.watts(microwatts), limit.range()), null);
        }
        if (!limit.settable()) {
            throw new PowerLimitException(Reason.UNAVAILABLE,
                    "%s of %s cannot be set here: %s".formatted(limit.constraint(), component, findings()), null);
        }
        return limit;
    }

    /**
     * Sets a limit after {@link #check checking} it, reading the value before so that the change can be rolled back.
     * NVML takes whole milliwatts: a GPU's limit is rounded down to one, and the change says what was written.
     *
     * @return the change
     * @throws PowerLimitException as {@link #check} does, and {@link Reason#PERMISSION} (naming the file or GPU and the
     *     fix) or {@link Reason#FAILED} when the write fails
     */
    public LimitChange set(String component, Optional<String> constraint, long microwatts) throws PowerLimitException {
        PowerLimit limit = check(component, constraint, microwatts);
        long written = limit.isGpu() ? microwatts / 1000 * 1000 : microwatts;
        long before = current(limit);
        write(limit, written);
        return new LimitChange(limit.component(), limit.constraint(), limit.target(), before, written, clock.instant());
    }

    /**
     * Restores the value a change found, whatever the limit is now.
     *
     * @return the change this makes (its {@code before} is the value now, its {@code after} the restored one)
     * @throws PowerLimitException as {@link #set} does
     */
    public LimitChange rollback(LimitChange change) throws PowerLimitException {
        return set(change.component(), Optional.of(change.constraint()), change.beforeMicrowatts());
    }

    private PowerLimit find(String component, Optional<String> constraint) throws PowerLimitException {
        List<PowerLimit> all = list();
        List<PowerLimit> of = all.stream().filter(l -> l.component().equals(component)).toList();
        if (of.isEmpty()) {
            throw new PowerLimitException(Reason.UNKNOWN_LIMIT, "no power limit for component '%s' on this node; there are: %s"
                    .formatted(component, all.stream().map(PowerLimit::component).distinct().toList()), null);
        }
        if (constraint.isEmpty()) {
            return of.getFirst();
        }
        return of.stream().filter(l -> l.constraint().equals(constraint.get())).findFirst()
                .orElseThrow(() -> new PowerLimitException(Reason.UNKNOWN_LIMIT, "%s has no constraint '%s'; it has: %s"
                        .formatted(component, constraint.get(), of.stream().map(PowerLimit::constraint).toList()), null));
    }

    private long current(PowerLimit limit) throws PowerLimitException {
        return limit.isGpu() ? gpus.orElseThrow().current(limit.component()) : RaplLimits.read(Path.of(limit.target()));
    }

    private void write(PowerLimit limit, long microwatts) throws PowerLimitException {
        if (limit.isGpu()) {
            gpus.orElseThrow().set(limit.component(), microwatts);
        } else {
            RaplLimits.write(Path.of(limit.target()), microwatts);
        }
    }

    /** Shuts NVML down if it was opened. */
    @Override
    public void close() {
        gpus.ifPresent(NvmlLimits::close);
    }
}
