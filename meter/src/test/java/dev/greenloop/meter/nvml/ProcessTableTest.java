package dev.greenloop.meter.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemoryLayout.PathElement;
import org.junit.jupiter.api.Test;

class ProcessTableTest {

    @Test
    void processInfoLayout_matchesNvmlHOn64BitLinux() {
        var l = ProcessTable.PROCESS_INFO;
        assertEquals(24, l.byteSize());
        assertEquals(8, l.byteAlignment());
        assertEquals(0, l.byteOffset(PathElement.groupElement("pid")));
        assertEquals(8, l.byteOffset(PathElement.groupElement("usedGpuMemory")));
        assertEquals(16, l.byteOffset(PathElement.groupElement("gpuInstanceId")));
        assertEquals(20, l.byteOffset(PathElement.groupElement("computeInstanceId")));
    }
}
