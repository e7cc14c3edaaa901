package dev.greenloop.meter.nvml;

import dev.greenloop.meter.spi.PowerLimit;
import dev.greenloop.meter.spi.PowerLimitException;
import dev.greenloop.meter.spi.PowerLimitException.Reason;
import dev.greenloop.meter.spi.Finding;
import dev.greenloop.meter.spi.Finding.Status;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The power management limits of the NVIDIA GPUs, read and set through NVML (milliwatts there, microwatts here).
 * A library without the limit calls (an old driver, a stand-in) leaves the GPUs unlisted or unsettable, with a
 * finding that says so; it never fails. NVML stays initialised until {@link #close()}.
 */
public final class NvmlLimits implements AutoCloseable {

    /** The name GPU limits carry, NVML having one limit per GPU. */
    public static final String CONSTRAINT = "power_limit";

    private static final String SOURCE = "nvml";

    private final NvmlLibrary lib;
    private final NvmlLibrary.Scratch scratch;
    private final Map<String, MemorySegment> devices;
    private final Map<String, String> targets;

    private NvmlLimits(NvmlLibrary lib, Map<String, MemorySegment> devices, Map<String, String> targets) {
        this.lib = lib;
        this.scratch = lib.scratch();
        this.devices = devices;
        this.targets = targets;
    }

    /**
     * Loads and initialises NVML (the library as {@link NvmlGpus#discover(Map)} chooses it from {@code env}) and
     * finds the GPUs. Never throws: what cannot be used becomes a finding.
     *
     * @param findings receives why GPU limits cannot be listed or set, if so
     * @return the open GPUs, or empty when NVML cannot be used or lists none
     */
    public static Optional<NvmlLimits> open(Map<String, String> env, List<Finding> findings) {
        String configured = env.get("GREENLOOP_NVML_LIBRARY");
        String library = configured == null || configured.isBlank() ? NvmlGpus.DEFAULT_LIBRARY : configured.strip();
        if (!NvmlLimits.class.getModule().isNativeAccessEnabled()) {
            findings.add(new Finding(SOURCE, Status.UNAVAILABLE, library, "native access is not enabled, so NVML cannot be called",
                    "run Java with --enable-native-access=ALL-UNNAMED (the greenloop launcher does)"));
            return Optional.empty();
        }
        NvmlLibrary lib;
        try {
            lib = NvmlLibrary.load(library);
        } catch (IllegalArgumentException e) {
            findings.add(new Finding(SOURCE, Status.UNAVAILABLE, library, "no NVML library " + library + ": GPU limits are not listed",
                    "install the NVIDIA driver, or set GREENLOOP_NVML_LIBRARY to libnvidia-ml.so.1's path"));
            return Optional.empty();
        }
        try {
            return start(lib, library, findings);
        } catch (NvmlException | RuntimeException e) {
            lib.close();
            findings.add(new Finding(SOURCE, Status.UNAVAILABLE, library, "NVML could not be used: " + e.getMessage(),
                    e instanceof NvmlException n ? Fixes.forCode(n.code()) : ""));
            return Optional.empty();
        }
    }

    private static Optional<NvmlLimits> start(NvmlLibrary lib, String library, List<Finding> findings) throws NvmlException {
        for (NvmlLibrary.Fn fn : List.of(NvmlLibrary.Fn.INIT, NvmlLibrary.Fn.SHUTDOWN, NvmlLibrary.Fn.DEVICE_COUNT,
                NvmlLibrary.Fn.HANDLE_BY_INDEX, NvmlLibrary.Fn.POWER_LIMIT)) {
            if (!lib.has(fn)) {
                lib.close();
                findings.add(new Finding(SOURCE, Status.UNAVAILABLE, library,
                        "the library has no %s: GPU power limits cannot be read (an old driver, or not NVML)".formatted(fn.symbol()),
                        "update the NVIDIA driver"));
                return Optional.empty();
            }
        }
        int rc = lib.init();
        if (rc != NvmlReturn.SUCCESS.code()) {
            NvmlReturn code = NvmlReturn.of(rc);
            findings.add(new Finding(SOURCE, Status.UNAVAILABLE, library,
                    "nvmlInit_v2 failed: %s (%s)".formatted(code, lib.errorString(rc)), Fixes.forInit(code)));
            lib.close();
            return Optional.empty();
        }
        NvmlLibrary.Scratch s = lib.scratch();
        int count = lib.deviceCount(s);
        Map<String, MemorySegment> devices = new LinkedHashMap<>();
        Map<String, String> targets = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            MemorySegment device = lib.handle(i, s);
            String uuid = lib.has(NvmlLibrary.Fn.UUID) ? lib.uuid(device, s) : "unknown";
            devices.put("gpu-" + i, device);
            targets.put("gpu-" + i, "gpu %d (%s)".formatted(i, uuid));
        }
        if (!lib.has(NvmlLibrary.Fn.SET_POWER_LIMIT) && count > 0) {
            findings.add(new Finding(SOURCE, Status.UNAVAILABLE, library,
                    "the library has no nvmlDeviceSetPowerManagementLimit: GPU limit control is unavailable (limits are shown only)",
                    "update the NVIDIA driver"));
        }
        return Optional.of(new NvmlLimits(lib, devices, targets));
    }

    /**
     * Reads every GPU's limit, default, range and enforced limit. A GPU whose limit cannot be read (not supported,
     * lost) is left out with a finding; the optional values a GPU does not report are left empty.
     */
    public List<PowerLimit> list(List<Finding> findings) {
        List<PowerLimit> limits = new ArrayList<>();
        for (var e : devices.entrySet()) {
            MemorySegment device = e.getValue();
            try {
                long current = lib.powerLimitMilliwatts(device, scratch) * 1000;
                long[] range = lib.has(NvmlLibrary.Fn.POWER_LIMIT_CONSTRAINTS)
                        ? optional(() -> lib.powerLimitConstraintsMilliwatts(device, scratch)) : null;
                limits.add(new PowerLimit(e.getKey(), CONSTRAINT, targets.get(e.getKey()), current,
                        range == null ? 0 : range[0] * 1000, range == null ? OptionalLong.empty() : OptionalLong.of(range[1] * 1000),
                        optionalWatts(NvmlLibrary.Fn.DEFAULT_POWER_LIMIT, () -> lib.defaultPowerLimitMilliwatts(device, scratch)),
                        optionalWatts(NvmlLibrary.Fn.ENFORCED_POWER_LIMIT, () -> lib.enforcedPowerLimitMilliwatts(device, scratch)),
                        OptionalLong.empty(), true, lib.has(NvmlLibrary.Fn.SET_POWER_LIMIT)));
            } catch (NvmlException x) {
                findings.add(new Finding(SOURCE, Status.UNAVAILABLE, targets.get(e.getKey()),
                        "cannot read its power limit: " + x.getMessage(), Fixes.forCode(x.code())));
            }
        }
        return List.copyOf(limits);
    }

    /**
     * @return a GPU's power management limit now, in microwatts
     * @throws PowerLimitException if the GPU is unknown or does not answer
     */
    public long current(String component) throws PowerLimitException {
        MemorySegment device = device(component);
        try {
            return lib.powerLimitMilliwatts(device, scratch) * 1000;
        } catch (NvmlException e) {
            throw failure(component, e);
        }
    }

    /**
     * Sets a GPU's power management limit. NVML takes milliwatts: {@code microwatts} is rounded down to one.
     *
     * @throws PowerLimitException {@link Reason#PERMISSION} for {@code NVML_ERROR_NO_PERMISSION}, naming the GPU and the
     *     fix; {@link Reason#UNAVAILABLE} without {@code nvmlDeviceSetPowerManagementLimit}; {@link Reason#FAILED} else
     */
    public void set(String component, long microwatts) throws PowerLimitException {
        MemorySegment device = device(component);
        if (!lib.has(NvmlLibrary.Fn.SET_POWER_LIMIT)) {
            throw new PowerLimitException(Reason.UNAVAILABLE, "%s: this NVML has no nvmlDeviceSetPowerManagementLimit; update the NVIDIA driver"
                    .formatted(targets.get(component)), null);
        }
        try {
            lib.setPowerLimitMilliwatts(device, microwatts / 1000);
        } catch (NvmlException e) {
            throw failure(component, e);
        }
    }

    private PowerLimitException failure(String component, NvmlException e) {
        if (e.code() == NvmlReturn.NO_PERMISSION) {
            return new PowerLimitException(Reason.PERMISSION, "permission denied to set the power limit of %s (%s): run as root"
                    .formatted(targets.get(component), e.getMessage()) + " (nvidia-smi -pl needs root too); see docs/limits.md", e);
        }
        return new PowerLimitException(Reason.FAILED, "%s: %s".formatted(targets.get(component), e.getMessage()), e);
    }

    private MemorySegment device(String component) throws PowerLimitException {
        MemorySegment device = devices.get(component);
        if (device == null) {
            throw new PowerLimitException(Reason.UNKNOWN_LIMIT, "no GPU %s; NVML lists %s".formatted(component, devices.keySet()), null);
        }
        return device;
    }

    @FunctionalInterface
    private interface Call<T> {
        T get() throws NvmlException;
    }

    /** @return the value, or null where the GPU does not support the call: it only fills in an optional column */
    private static <T> T optional(Call<T> call) {
        try {
            return call.get();
        } catch (NvmlException e) {
            return null;
        }
    }

    private OptionalLong optionalWatts(NvmlLibrary.Fn fn, Call<Long> call) {
        Long mw = lib.has(fn) ? optional(call) : null;
        return mw == null ? OptionalLong.empty() : OptionalLong.of(mw * 1000);
    }

    /** Shuts NVML down and unloads it. */
    @Override
    public void close() {
        lib.close();
    }
}
