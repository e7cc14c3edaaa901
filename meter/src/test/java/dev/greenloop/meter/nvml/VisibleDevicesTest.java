package dev.greenloop.meter.nvml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VisibleDevicesTest {

    private static final List<String> UUIDS = List.of("GPU-aa11", "GPU-aa22", "GPU-bb33");

    @Test
    void visible_unset_everyGpu() {
        assertArrayEquals(new boolean[] {true, true, true}, VisibleDevices.visible(null, UUIDS));
    }

    @Test
    void visible_empty_noGpu() {
        assertArrayEquals(new boolean[] {false, false, false}, VisibleDevices.visible("", UUIDS));
    }

    @Test
    void visible_indicesAndUuidsMixed_thoseNamed() {
        assertArrayEquals(new boolean[] {false, true, true}, VisibleDevices.visible(" 2 ,GPU-aa22", UUIDS));
    }

    @Test
    void visible_invalidEntry_listEndsThere() {
        assertArrayEquals(new boolean[] {true, false, false}, VisibleDevices.visible("0,7,1", UUIDS));
        assertArrayEquals(new boolean[] {false, false, true}, VisibleDevices.visible("2,-1,0", UUIDS));
    }

    @Test
    void visible_ambiguousUuidPrefix_namesNoGpu() {
        assertArrayEquals(new boolean[] {false, false, true}, VisibleDevices.visible("GPU-bb,GPU-aa", UUIDS));
    }

    @Test
    void visible_migInstance_everyGpuCannotTell() {
        assertArrayEquals(new boolean[] {true, true, true}, VisibleDevices.visible("MIG-5f0e", UUIDS));
    }
}
