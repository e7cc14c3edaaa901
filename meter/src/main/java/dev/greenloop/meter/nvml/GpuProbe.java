package dev.greenloop.meter.nvml;

import dev.greenloop.meter.spi.GpuInfo;
import dev.greenloop.core.Power;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What one GPU can do, found by calling each NVML function once: the {@link GpuInfo} for
 * {@code sources}, and the handle and mode the source needs.
 *
 * @param info what {@code sources} shows
 * @param handle the GPU's {@code nvmlDevice_t}, or {@link MemorySegment#NULL} if NVML gave none
 * @param failure why NVML gave no handle, or empty
 */
record GpuProbe(GpuInfo info, MemorySegment handle, Optional<NvmlException> failure) {

    static final String ENERGY = "energy-counter";
    static final String POWER = "power";
    static final String LIMIT = "power-limit";
    static final String PROCESSES = "process-list";
    static final String UTILIZATION = "utilization";

    /** A call that may fail, for probing. */
    @FunctionalInterface
    private interface Call<T> {
        T call() throws NvmlException;
    }

    /** Probes GPU {@code index}. Never throws for an NVML failure: it becomes a capability's "no: ...". */
    static GpuProbe of(NvmlLibrary lib, NvmlLibrary.Scratch s, int index, String driverVersion) {
        MemorySegment handle;
        try {
            handle = lib.handle(index, s);
        } catch (NvmlException e) {
            Map<String, String> caps = new LinkedHashMap<>();
            for (String c : new String[] {ENERGY, POWER, LIMIT, PROCESSES, UTILIZATION}) {
                caps.put(c, "no: " + e.code());
            }
            GpuInfo info = new GpuInfo(index, "unknown", "unknown", driverVersion, Optional.empty(), Optional.empty(), caps);
            return new GpuProbe(info, MemorySegment.NULL, Optional.of(e));
        }
        Map<String, String> caps = new LinkedHashMap<>();
        String name = probe(lib, NvmlLibrary.Fn.NAME, () -> lib.name(handle, s), null).orElse("unknown");
        String uuid = probe(lib, NvmlLibrary.Fn.UUID, () -> lib.uuid(handle, s), null).orElse("unknown");
        probe(lib, NvmlLibrary.Fn.TOTAL_ENERGY, () -> lib.totalEnergyMillijoules(handle, s), caps, ENERGY);
        Optional<Power> power = probe(lib, NvmlLibrary.Fn.POWER_USAGE, () -> lib.powerMilliwatts(handle, s), caps, POWER)
                .map(Power::ofMilliwatts);
        Optional<Power> limit = probe(lib, NvmlLibrary.Fn.ENFORCED_POWER_LIMIT,
                () -> lib.enforcedPowerLimitMilliwatts(handle, s), caps, LIMIT).map(Power::ofMilliwatts);
        ProcessTable table = lib.processTable(16);
        probe(lib, NvmlLibrary.Fn.COMPUTE_PROCESSES, () -> lib.computeProcesses(handle, table), caps, PROCESSES);
        probe(lib, NvmlLibrary.Fn.UTILIZATION, () -> lib.utilizationPercent(handle, s), caps, UTILIZATION);
        GpuInfo info = new GpuInfo(index, name, uuid, driverVersion, power, limit, caps);
        return new GpuProbe(info, handle, Optional.empty());
    }

    private static <T> Optional<T> probe(NvmlLibrary lib, NvmlLibrary.Fn fn, Call<T> call, Map<String, String> caps) {
        return probe(lib, fn, call, caps, null);
    }

    private static <T> Optional<T> probe(NvmlLibrary lib, NvmlLibrary.Fn fn, Call<T> call, Map<String, String> caps,
            String capability) {
        String verdict;
        Optional<T> value = Optional.empty();
        if (!lib.has(fn)) {
            verdict = "no: symbol missing";
        } else {
            try {
                value = Optional.of(call.call());
                verdict = "yes";
            } catch (NvmlException e) {
                verdict = "no: " + e.code();
            }
        }
        if (capability != null) {
            caps.put(capability, verdict);
        }
        return value;
    }

    /** @return true if the GPU's energy can be read from its counter */
    boolean measured() {
        return info.has(ENERGY);
    }

    /** @return true if the GPU's energy can be read at all: from its counter, or from power */
    boolean measurable() {
        return failure.isEmpty() && (info.has(ENERGY) || info.has(POWER));
    }
}
