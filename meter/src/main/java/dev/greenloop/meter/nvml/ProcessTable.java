package dev.greenloop.meter.nvml;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.util.Arrays;

/**
 * A reusable native array of {@code nvmlProcessInfo_t} for {@code nvmlDeviceGetComputeRunningProcesses_v3},
 * and the decoded pids and memory figures of the last call. Used by one thread at a time.
 *
 * <p>The layout is {@code nvmlProcessInfo_t} (alias {@code nvmlProcessInfo_v2_t}) from NVIDIA's
 * {@code nvml.h}: {@code unsigned int pid; unsigned long long usedGpuMemory; unsigned int
 * gpuInstanceId; unsigned int computeInstanceId;} — under the C ABI of 64-bit Linux that is pid at
 * 0, 4 bytes of padding, usedGpuMemory at 8, the two instance ids at 16 and 20: 24 bytes, aligned 8.
 */
final class ProcessTable {

    /** {@code nvmlProcessInfo_t}, with its padding spelled out. */
    static final StructLayout PROCESS_INFO = MemoryLayout.structLayout(
            JAVA_INT.withName("pid"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("usedGpuMemory"),
            JAVA_INT.withName("gpuInstanceId"),
            JAVA_INT.withName("computeInstanceId"));

    /** NVML's {@code NVML_VALUE_NOT_AVAILABLE} in an {@code unsigned long long} field: all ones. */
    static final long VALUE_NOT_AVAILABLE = -1L;

    private static final long PID = PROCESS_INFO.byteOffset(PathElement.groupElement("pid"));
    private static final long USED_MEMORY = PROCESS_INFO.byteOffset(PathElement.groupElement("usedGpuMemory"));

    private final Arena arena;
    final MemorySegment count;
    MemorySegment infos;
    private int capacity;
    private long[] pids;
    private long[] usedMemoryBytes;

    ProcessTable(Arena arena, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("process table capacity must be at least 1, was " + capacity);
        }
        this.arena = arena;
        this.count = arena.allocate(JAVA_INT);
        this.capacity = capacity;
        this.infos = arena.allocate(PROCESS_INFO, capacity);
        this.pids = new long[capacity];
        this.usedMemoryBytes = new long[capacity];
    }

    /** @return how many entries the native array holds */
    int capacity() {
        return capacity;
    }

    /** Replaces the native array with a larger one; the old one is freed with the arena. Rare: processes only grow so far. */
    void grow(int newCapacity) {
        if (newCapacity > capacity) {
            capacity = newCapacity;
            infos = arena.allocate(PROCESS_INFO, newCapacity);
            pids = Arrays.copyOf(pids, newCapacity);
            usedMemoryBytes = Arrays.copyOf(usedMemoryBytes, newCapacity);
        }
    }

    /** Copies {@code n} native entries into {@link #pid(int)} and {@link #usedMemoryBytes(int)}. */
    void decode(int n) {
        for (int i = 0; i < n; i++) {
            long base = i * PROCESS_INFO.byteSize();
            pids[i] = Integer.toUnsignedLong(infos.get(JAVA_INT, base + PID));
            usedMemoryBytes[i] = infos.get(JAVA_LONG, base + USED_MEMORY);
        }
    }

    /** @return the pid of entry {@code i} of the last call */
    long pid(int i) {
        return pids[i];
    }

    /** @return the GPU memory of entry {@code i} in bytes, or {@link #VALUE_NOT_AVAILABLE} */
    long usedMemoryBytes(int i) {
        return usedMemoryBytes[i];
    }
}
