package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.greenloop.core.Scope;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OverlapsTest {

    @Test
    void within_raplWithoutPsys_packagesAndDramCounted_coreWithinPackage() {
        List<Scope> node = List.of(Scope.CPU_PACKAGE, Scope.DRAM, Scope.CORE, Scope.UNCORE, Scope.GPU);
        assertEquals(Optional.empty(), Overlaps.within(Scope.CPU_PACKAGE, node));
        assertEquals(Optional.empty(), Overlaps.within(Scope.DRAM, node));
        assertEquals(Optional.empty(), Overlaps.within(Scope.GPU, node));
        assertEquals(Optional.of(Scope.CPU_PACKAGE), Overlaps.within(Scope.CORE, node));
        assertEquals(Optional.of(Scope.CPU_PACKAGE), Overlaps.within(Scope.UNCORE, node));
    }

    @Test
    void within_psys_packageAndDramWithinPsys_gpuStillCounted() {
        List<Scope> node = List.of(Scope.PSYS, Scope.CPU_PACKAGE, Scope.DRAM, Scope.CORE, Scope.GPU);
        assertEquals(Optional.empty(), Overlaps.within(Scope.PSYS, node));
        assertEquals(Optional.of(Scope.PSYS), Overlaps.within(Scope.CPU_PACKAGE, node));
        assertEquals(Optional.of(Scope.PSYS), Overlaps.within(Scope.DRAM, node));
        assertEquals(Optional.of(Scope.CPU_PACKAGE), Overlaps.within(Scope.CORE, node));
        assertEquals(Optional.empty(), Overlaps.within(Scope.GPU, node));
    }

    @Test
    void within_system_everythingElseWithinSystem() {
        List<Scope> node = List.of(Scope.SYSTEM, Scope.PSYS, Scope.GPU);
        assertEquals(Optional.empty(), Overlaps.within(Scope.SYSTEM, node));
        assertEquals(Optional.of(Scope.SYSTEM), Overlaps.within(Scope.PSYS, node));
        assertEquals(Optional.of(Scope.SYSTEM), Overlaps.within(Scope.GPU, node));
    }

    @Test
    void within_modelledCpuAndMemory_counted() {
        List<Scope> node = List.of(Scope.CPU, Scope.MEMORY);
        assertEquals(Optional.empty(), Overlaps.within(Scope.CPU, node));
        assertEquals(Optional.empty(), Overlaps.within(Scope.MEMORY, node));
    }

    /** The API's node totals (the store's rule) and /metrics (this rule) must count the same components, for every node. */
    @Test
    void within_everySetOfScopes_agreesWithTheFleetStoresCountingRule() {
        Scope[] all = Scope.values();
        for (int mask = 1; mask < 1 << all.length; mask++) {
            List<Scope> node = new java.util.ArrayList<>();
            for (int i = 0; i < all.length; i++) {
                if ((mask & 1 << i) != 0) {
                    node.add(all[i]);
                }
            }
            for (Scope s : node) {
                assertEquals(dev.greenloop.store.FleetStore.counted(s, node), Overlaps.within(s, node).isEmpty(), s + " on a node with " + node);
            }
        }
    }
}
