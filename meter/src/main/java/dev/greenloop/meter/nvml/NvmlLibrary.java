package dev.greenloop.meter.nvml;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.EnumMap;
import java.util.Map;

/**
 * The NVML functions Greenloop calls, bound with the Foreign Function &amp; Memory API. Each symbol is
 * looked up on its own, so a library that lacks one (an old driver, a stand-in) still serves the
 * others; {@link #has(Fn)} says which are there.
 *
 * <p>Signatures follow NVIDIA's NVML API reference ({@code nvml.h}): every function answers an
 * {@code nvmlReturn_t} (a C {@code int}), {@code nvmlDevice_t} is an opaque pointer, {@code unsigned
 * int} and {@code unsigned long long} outputs are read as Java {@code int} and {@code long} and
 * widened without sign. NVML is thread-safe; the native buffers a call writes into are the caller's
 * ({@link Scratch}, {@link ProcessTable}), so two threads never share one.
 *
 * <p>The library and every buffer live in one shared arena, closed by {@link #close()}: the caller
 * must stop all threads that call in before closing.
 */
final class NvmlLibrary implements AutoCloseable {

    /** Room for the longest string NVML returns here (name 96, UUID 96, driver version 80, with NUL). */
    static final int TEXT_BYTES = 128;

    /** The bound functions. */
    enum Fn {
        INIT("nvmlInit_v2", FunctionDescriptor.of(JAVA_INT)),
        SHUTDOWN("nvmlShutdown", FunctionDescriptor.of(JAVA_INT)),
        ERROR_STRING("nvmlErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT)),
        DRIVER_VERSION("nvmlSystemGetDriverVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
        DEVICE_COUNT("nvmlDeviceGetCount_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
        HANDLE_BY_INDEX("nvmlDeviceGetHandleByIndex_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS)),
        NAME("nvmlDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)),
        UUID("nvmlDeviceGetUUID", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT)),
        TOTAL_ENERGY("nvmlDeviceGetTotalEnergyConsumption", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
        POWER_USAGE("nvmlDeviceGetPowerUsage", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
        ENFORCED_POWER_LIMIT("nvmlDeviceGetEnforcedPowerLimit", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
        UTILIZATION("nvmlDeviceGetUtilizationRates", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
        COMPUTE_PROCESSES("nvmlDeviceGetComputeRunningProcesses_v3",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS)),
        // The power-limit calls (NVML API reference, https://docs.nvidia.com/deploy/nvml-api/, "Device Queries" and
        // "Device Commands"; all in milliwatts):
        // nvmlReturn_t nvmlDeviceGetPowerManagementLimit(nvmlDevice_t device, unsigned int *limit)
        POWER_LIMIT("nvmlDeviceGetPowerManagementLimit", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
        // nvmlReturn_t nvmlDeviceGetPowerManagementDefaultLimit(nvmlDevice_t device, unsigned int *defaultLimit)
        DEFAULT_POWER_LIMIT("nvmlDeviceGetPowerManagementDefaultLimit", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
        // nvmlReturn_t nvmlDeviceGetPowerManagementLimitConstraints(nvmlDevice_t device, unsigned int *minLimit,
        //     unsigned int *maxLimit)
        POWER_LIMIT_CONSTRAINTS("nvmlDeviceGetPowerManagementLimitConstraints",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS)),
        // nvmlReturn_t nvmlDeviceSetPowerManagementLimit(nvmlDevice_t device, unsigned int limit); root only
        SET_POWER_LIMIT("nvmlDeviceSetPowerManagementLimit", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

        private final String symbol;
        private final FunctionDescriptor descriptor;

        Fn(String symbol, FunctionDescriptor descriptor) {
            this.symbol = symbol;
            this.descriptor = descriptor;
        }

        /** @return the C name */
        String symbol() {
            return symbol;
        }
    }

    /** Per-thread native out-parameters: one 8-byte word and one text buffer. */
    static final class Scratch {
        final MemorySegment word;
        final MemorySegment text;

        private Scratch(Arena arena) {
            this.word = arena.allocate(JAVA_LONG);
            this.text = arena.allocate(TEXT_BYTES);
        }
    }

    private final Arena arena;
    private final Map<Fn, MethodHandle> handles;
    private boolean initialised;

    private NvmlLibrary(Arena arena, Map<Fn, MethodHandle> handles) {
        this.arena = arena;
        this.handles = handles;
    }

    /**
     * Loads a library: a plain name such as {@code libnvidia-ml.so.1} goes through the dynamic
     * loader's search path; a name with a slash loads that file.
     *
     * @throws IllegalArgumentException if the library cannot be loaded
     */
    static NvmlLibrary load(String library) {
        Arena arena = Arena.ofShared();
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(library, arena);
            Linker linker = Linker.nativeLinker();
            Map<Fn, MethodHandle> handles = new EnumMap<>(Fn.class);
            for (Fn fn : Fn.values()) {
                lookup.find(fn.symbol).ifPresent(address -> handles.put(fn, linker.downcallHandle(address, fn.descriptor)));
            }
            return new NvmlLibrary(arena, handles);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** @return whether the library exports {@code fn} */
    boolean has(Fn fn) {
        return handles.containsKey(fn);
    }

    /** @return fresh out-parameters for one thread, freed by {@link #close()} */
    Scratch scratch() {
        return new Scratch(arena);
    }

    /** @return a process table with room for {@code capacity} entries to start with, freed by {@link #close()} */
    ProcessTable processTable(int capacity) {
        return new ProcessTable(arena, capacity);
    }

    /** @return {@code nvmlInit_v2}'s raw return code */
    int init() {
        int rc = call0(Fn.INIT);
        initialised |= rc == NvmlReturn.SUCCESS.code();
        return rc;
    }

    /** Calls {@code nvmlShutdown} if {@link #init()} succeeded and it has not been called since; else nothing. */
    void shutdown() {
        if (initialised) {
            initialised = false;
            call0(Fn.SHUTDOWN);
        }
    }

    /** @return NVML's text for a return code, or the code's name if the library has no {@code nvmlErrorString} */
    String errorString(int code) {
        MethodHandle h = handles.get(Fn.ERROR_STRING);
        if (h == null) {
            return NvmlReturn.of(code).name();
        }
        try {
            MemorySegment text = (MemorySegment) h.invokeExact(code);
            return text.equals(MemorySegment.NULL) ? NvmlReturn.of(code).name() : text.reinterpret(TEXT_BYTES * 4).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** @return {@code nvmlSystemGetDriverVersion} */
    String driverVersion(Scratch s) throws NvmlException {
        check(Fn.DRIVER_VERSION, callTextOnly(Fn.DRIVER_VERSION, s.text));
        return s.text.getString(0);
    }

    /** @return {@code nvmlDeviceGetCount_v2} */
    int deviceCount(Scratch s) throws NvmlException {
        check(Fn.DEVICE_COUNT, call1(Fn.DEVICE_COUNT, s.word));
        return s.word.get(JAVA_INT, 0);
    }

    /** @return the opaque {@code nvmlDevice_t} of GPU {@code index} */
    MemorySegment handle(int index, Scratch s) throws NvmlException {
        check(Fn.HANDLE_BY_INDEX, callIndex(Fn.HANDLE_BY_INDEX, index, s.word));
        return s.word.get(ADDRESS, 0);
    }

    /** @return {@code nvmlDeviceGetName} */
    String name(MemorySegment device, Scratch s) throws NvmlException {
        check(Fn.NAME, callText(Fn.NAME, device, s.text));
        return s.text.getString(0);
    }

    /** @return {@code nvmlDeviceGetUUID} */
    String uuid(MemorySegment device, Scratch s) throws NvmlException {
        check(Fn.UUID, callText(Fn.UUID, device, s.text));
        return s.text.getString(0);
    }

    /** @return {@code nvmlDeviceGetTotalEnergyConsumption}: millijoules since the driver was last loaded */
    long totalEnergyMillijoules(MemorySegment device, Scratch s) throws NvmlException {
        check(Fn.TOTAL_ENERGY, call2(Fn.TOTAL_ENERGY, device, s.word));
        return s.word.get(JAVA_LONG, 0);
    }

    /** @return {@code nvmlDeviceGetPowerUsage} in milliwatts */
    long powerMilliwatts(MemorySegment device, Scratch s) throws NvmlException {
        return unsignedInt(Fn.POWER_USAGE, device, s);
    }

    /** @return {@code nvmlDeviceGetEnforcedPowerLimit} in milliwatts */
    long enforcedPowerLimitMilliwatts(MemorySegment device, Scratch s) throws NvmlException {
        return unsignedInt(Fn.ENFORCED_POWER_LIMIT, device, s);
    }

    /** @return {@code nvmlDeviceGetPowerManagementLimit} in milliwatts */
    long powerLimitMilliwatts(MemorySegment device, Scratch s) throws NvmlException {
        return unsignedInt(Fn.POWER_LIMIT, device, s);
    }

    /** @return {@code nvmlDeviceGetPowerManagementDefaultLimit} in milliwatts */
    long defaultPowerLimitMilliwatts(MemorySegment device, Scratch s) throws NvmlException {
        return unsignedInt(Fn.DEFAULT_POWER_LIMIT, device, s);
    }

    /**
     * @return {@code nvmlDeviceGetPowerManagementLimitConstraints}: {@code [min, max]} in milliwatts, the two
     *     {@code unsigned int}s written into the two halves of the 8-byte scratch word
     */
    long[] powerLimitConstraintsMilliwatts(MemorySegment device, Scratch s) throws NvmlException {
        check(Fn.POWER_LIMIT_CONSTRAINTS, call3(Fn.POWER_LIMIT_CONSTRAINTS, device, s.word.asSlice(0, 4), s.word.asSlice(4, 4)));
        return new long[] {Integer.toUnsignedLong(s.word.get(JAVA_INT, 0)), Integer.toUnsignedLong(s.word.get(JAVA_INT, 4))};
    }

    /** Calls {@code nvmlDeviceSetPowerManagementLimit}; {@code milliwatts} is an {@code unsigned int}. */
    void setPowerLimitMilliwatts(MemorySegment device, long milliwatts) throws NvmlException {
        int rc;
        try {
            rc = (int) handle(Fn.SET_POWER_LIMIT).invokeExact(device, (int) milliwatts);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        check(Fn.SET_POWER_LIMIT, rc);
    }

    /**
     * @return the {@code gpu} field of {@code nvmlDeviceGetUtilizationRates}: percent of the last
     *     sample period in which a kernel ran ({@code nvmlUtilization_t} is two {@code unsigned int}s,
     *     {@code gpu} then {@code memory}, which fit the 8-byte scratch word)
     */
    int utilizationPercent(MemorySegment device, Scratch s) throws NvmlException {
        check(Fn.UTILIZATION, call2(Fn.UTILIZATION, device, s.word));
        return s.word.get(JAVA_INT, 0);
    }

    /**
     * Lists the processes with a compute context on a GPU into {@code table}
     * ({@code nvmlDeviceGetComputeRunningProcesses_v3}). NVML answers {@code INSUFFICIENT_SIZE} with
     * the count it needs when the table is too small; the table then grows (with slack, since
     * processes come and go between calls) and the call is retried, a few times at most.
     *
     * @return the number of entries now in {@code table}
     */
    int computeProcesses(MemorySegment device, ProcessTable table) throws NvmlException {
        int rc = 0;
        for (int attempt = 0; attempt < 4; attempt++) {
            table.count.set(JAVA_INT, 0, table.capacity());
            rc = call3(Fn.COMPUTE_PROCESSES, device, table.count, table.infos);
            int count = table.count.get(JAVA_INT, 0);
            if (rc == NvmlReturn.SUCCESS.code()) {
                table.decode(count);
                return count;
            }
            if (rc != NvmlReturn.INSUFFICIENT_SIZE.code()) {
                break;
            }
            table.grow(Math.max(count, table.capacity()) * 2);
        }
        throw new NvmlException(Fn.COMPUTE_PROCESSES.symbol, rc, errorString(rc));
    }

    /** Shuts NVML down if it is initialised, then unloads the library and frees every buffer. Idempotent. */
    @Override
    public void close() {
        shutdown();
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    /** Calls a {@code (nvmlDevice_t, unsigned int *)} function; answers the {@code unsigned int}, widened without sign. */
    private long unsignedInt(Fn fn, MemorySegment device, Scratch s) throws NvmlException {
        check(fn, call2(fn, device, s.word));
        return Integer.toUnsignedLong(s.word.get(JAVA_INT, 0));
    }

    private void check(Fn fn, int rc) throws NvmlException {
        if (rc != 0) {
            throw new NvmlException(fn.symbol, rc, errorString(rc));
        }
    }

    // One exact-typed call per C shape: invokeExact neither boxes nor allocates on the hot path.

    private int call0(Fn fn) {
        try {
            return (int) handle(fn).invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private int call1(Fn fn, MemorySegment out) {
        try {
            return (int) handle(fn).invokeExact(out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private int callIndex(Fn fn, int index, MemorySegment out) {
        try {
            return (int) handle(fn).invokeExact(index, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private int callTextOnly(Fn fn, MemorySegment text) {
        try {
            return (int) handle(fn).invokeExact(text, (int) text.byteSize());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private int callText(Fn fn, MemorySegment device, MemorySegment text) {
        try {
            return (int) handle(fn).invokeExact(device, text, (int) text.byteSize());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private int call2(Fn fn, MemorySegment device, MemorySegment out) {
        try {
            return (int) handle(fn).invokeExact(device, out);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private int call3(Fn fn, MemorySegment device, MemorySegment count, MemorySegment infos) {
        try {
            return (int) handle(fn).invokeExact(device, count, infos);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private MethodHandle handle(Fn fn) {
        MethodHandle h = handles.get(fn);
        if (h == null) {
            // callers check has(fn) first; reaching here is a bug in this package
            throw new IllegalStateException("NVML library lacks " + fn.symbol + "; check has() before calling");
        }
        return h;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("unexpected checked exception from a native call", t);
    }
}
