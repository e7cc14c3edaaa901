package dev.greenloop.meter.rapl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.spi.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which domains discovery finds in fake powercap trees, how it names them and which it counts. */
class PowercapDiscoverTest {

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong();

    private RaplDiscovery discover() {
        return Powercap.discover(root, SysfsReader.FILES, clock::get);
    }

    /** name → partOf, in component order. */
    private static Map<String, String> partOf(EnergySource source) {
        Map<String, String> map = new LinkedHashMap<>();
        source.components().forEach(c -> map.put(c.name(), c.partOf()));
        return map;
    }

    private static Component component(EnergySource source, String name) {
        return source.components().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<Finding> withStatus(RaplDiscovery d, Finding.Status status) {
        return d.findings().stream().filter(f -> f.status() == status).toList();
    }

    @Test
    void discover_oneSocketWithCoreUncoreDram_countsPackageAndDramWithCoreUncoreAsBreakdown() {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 1_000)
                .zone("intel-rapl:0:0", "core", 2_000)
                .zone("intel-rapl:0:1", "uncore", 3_000)
                .zone("intel-rapl:0:2", "dram", 4_000);

        RaplDiscovery d = discover();

        EnergySource source = d.source().orElseThrow();
        assertEquals(Map.of("cpu-package-0", "", "core-0", "cpu-package-0", "uncore-0", "cpu-package-0", "dram-0", ""), partOf(source));
        assertEquals(List.of("cpu-package-0", "core-0", "uncore-0", "dram-0"), List.copyOf(partOf(source).keySet()));
        assertEquals(Scope.CPU_PACKAGE, component(source, "cpu-package-0").scope());
        assertEquals(Scope.CORE, component(source, "core-0").scope());
        assertEquals(Scope.UNCORE, component(source, "uncore-0").scope());
        assertEquals(Scope.DRAM, component(source, "dram-0").scope());
        assertTrue(source.components().stream().allMatch(c -> c.provenance() == Provenance.MEASURED));
        assertEquals("RAPL package-0 (intel-rapl:0, MSR)", component(source, "cpu-package-0").description());
        assertEquals("RAPL dram (intel-rapl:0:2, MSR)", component(source, "dram-0").description());
        assertTrue(d.countsDram());
        assertFalse(d.countsPsys());
        assertEquals(4, withStatus(d, Finding.Status.USED).size());
        assertEquals("rapl", source.id());
    }

    @Test
    void discover_twoSockets_countsBothPackagesAndBothDrams() {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 1)
                .zone("intel-rapl:0:0", "dram", 1)
                .zone("intel-rapl:1", "package-1", 1)
                .zone("intel-rapl:1:0", "dram", 1);

        EnergySource source = discover().source().orElseThrow();

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("cpu-package-0", "");
        expected.put("dram-0", "");
        expected.put("cpu-package-1", "");
        expected.put("dram-1", "");
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(partOf(source).entrySet()));
    }

    @Test
    void discover_psysPresent_countsPsysAloneAndPackagesDramAsPartOfIt() {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 1)
                .zone("intel-rapl:0:0", "core", 1)
                .zone("intel-rapl:0:1", "uncore", 1)
                .zone("intel-rapl:0:2", "dram", 1)
                .zone("intel-rapl:1", "psys", 1);

        RaplDiscovery d = discover();

        EnergySource source = d.source().orElseThrow();
        assertEquals(Map.of("cpu-package-0", "psys", "core-0", "cpu-package-0", "uncore-0", "cpu-package-0",
                "dram-0", "psys", "psys", ""), partOf(source));
        assertEquals(List.of("psys"), source.components().stream().filter(Component::counted).map(Component::name).toList());
        assertEquals(Scope.PSYS, component(source, "psys").scope());
        assertTrue(d.countsPsys());
        assertTrue(d.countsDram());
    }

    @Test
    void discover_twoPsys_namesThemByOrderAndPutsEachPackageInItsOwn() {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 1)
                .zone("intel-rapl:1", "package-1", 1)
                .zone("intel-rapl:2", "psys", 1)
                .zone("intel-rapl:3", "psys", 1);

        EnergySource source = discover().source().orElseThrow();

        assertEquals(Map.of("cpu-package-0", "psys-0", "cpu-package-1", "psys-1", "psys-0", "", "psys-1", ""), partOf(source));
    }

    @Test
    void discover_mmioDuplicatesMsrPackage_readsMsrOnceAndSkipsMmio() {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 1)
                .zone("intel-rapl:0:0", "core", 1)
                .zone("intel-rapl-mmio:0", "package-0", 1)
                .zone("intel-rapl-mmio:0:0", "core", 1);

        RaplDiscovery d = discover();

        EnergySource source = d.source().orElseThrow();
        assertEquals(Map.of("cpu-package-0", "", "core-0", "cpu-package-0"), partOf(source));
        assertEquals("RAPL package-0 (intel-rapl:0, MSR)", component(source, "cpu-package-0").description());
        List<Finding> skipped = withStatus(d, Finding.Status.SKIPPED);
        assertEquals(List.of("intel-rapl-mmio:0 (package-0)", "intel-rapl-mmio:0:0 (core)"), skipped.stream().map(Finding::subject).toList());
        assertTrue(skipped.getFirst().detail().contains("intel-rapl:0 (package-0)"), skipped.getFirst().detail());
    }

    @Test
    void discover_mmioOnly_readsMmio() {
        new FakePowercap(root).zone("intel-rapl-mmio:0", "package-0", 1);

        EnergySource source = discover().source().orElseThrow();

        assertEquals("RAPL package-0 (intel-rapl-mmio:0, MMIO)", component(source, "cpu-package-0").description());
        assertEquals("", component(source, "cpu-package-0").partOf());
    }

    @Test
    void discover_packageWithTwoDies_namesEachDieAndItsDram() {
        new FakePowercap(root).zone("intel-rapl:0", "package-0-die-0", 1)
                .zone("intel-rapl:0:0", "dram", 1)
                .zone("intel-rapl:1", "package-0-die-1", 1)
                .zone("intel-rapl:1:0", "dram", 1);

        EnergySource source = discover().source().orElseThrow();

        assertEquals(Map.of("cpu-package-0-die-0", "", "dram-0-die-0", "", "cpu-package-0-die-1", "", "dram-0-die-1", ""), partOf(source));
        assertEquals(Scope.CPU_PACKAGE, component(source, "cpu-package-0-die-1").scope());
    }

    @Test
    void discover_amdPackageAndCoreWithoutDram_doesNotCountDram() {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 1, 65_532_610_987L)
                .zone("intel-rapl:0:0", "core", 1, 65_532_610_987L);

        RaplDiscovery d = discover();

        assertEquals(Map.of("cpu-package-0", "", "core-0", "cpu-package-0"), partOf(d.source().orElseThrow()));
        assertFalse(d.countsDram());
        assertFalse(d.memoryCovered());
    }

    @Test
    void discover_noPowercapDirectory_reportsOneUnavailableFindingWithoutSource() {
        RaplDiscovery d = discover();

        assertTrue(d.source().isEmpty());
        assertEquals(1, d.findings().size());
        Finding f = d.findings().getFirst();
        assertEquals(Finding.Status.UNAVAILABLE, f.status());
        assertEquals(root.resolve("class/powercap").toString(), f.subject());
        assertTrue(f.detail().startsWith("no RAPL: ") && f.detail().contains("absent"), f.detail());
        assertTrue(f.fix().contains("intel_rapl_msr"), f.fix());
    }

    @Test
    void discover_powercapWithoutRaplZones_reportsNoZonesAndSkipsOtherControlType() throws Exception {
        Path dtpm = Files.createDirectories(root.resolve("devices/virtual/powercap/dtpm/dtpm:0"));
        Files.writeString(dtpm.resolve("name"), "soc\n");
        Files.createDirectories(root.resolve("class/powercap"));
        Files.createSymbolicLink(root.resolve("class/powercap/dtpm:0"), Path.of("../../devices/virtual/powercap/dtpm/dtpm:0"));

        RaplDiscovery d = discover();

        assertTrue(d.source().isEmpty());
        assertEquals(List.of("dtpm"), withStatus(d, Finding.Status.SKIPPED).stream().map(Finding::subject).toList());
        assertEquals(1, withStatus(d, Finding.Status.UNAVAILABLE).size());
        assertTrue(withStatus(d, Finding.Status.UNAVAILABLE).getFirst().detail().contains("no intel-rapl"));
    }

    @Test
    void discover_onlyDevicesTreeMounted_findsZonesByWalking() throws Exception {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 1).zone("intel-rapl:0:0", "dram", 1);
        deleteTree(root.resolve("class"));

        EnergySource source = discover().source().orElseThrow();

        assertEquals(Map.of("cpu-package-0", "", "dram-0", ""), partOf(source));
    }

    @Test
    void discover_danglingClassLink_reportsItAndReadsTheRest() throws Exception {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 1);
        Files.createSymbolicLink(root.resolve("class/powercap/intel-rapl-mmio:0"),
                Path.of("../../devices/pci0000:00/0000:00:04.0/powercap/intel-rapl-mmio/intel-rapl-mmio:0"));

        RaplDiscovery d = discover();

        assertEquals(Map.of("cpu-package-0", ""), partOf(d.source().orElseThrow()));
        Finding f = withStatus(d, Finding.Status.UNAVAILABLE).getFirst();
        assertEquals("intel-rapl-mmio:0", f.subject());
        assertTrue(f.detail().contains("leads nowhere"), f.detail());
    }

    @Test
    void discover_unknownDomainName_skipsIt() {
        new FakePowercap(root).zone("intel-rapl:0", "package-0", 1).zone("intel-rapl:0:0", "gpu-slice", 1);

        RaplDiscovery d = discover();

        assertEquals(Map.of("cpu-package-0", ""), partOf(d.source().orElseThrow()));
        assertEquals(List.of("intel-rapl:0:0 (gpu-slice)"), withStatus(d, Finding.Status.SKIPPED).stream().map(Finding::subject).toList());
    }

    @Test
    void discover_zoneIndicesBeyondNine_ordersNumerically() {
        FakePowercap fake = new FakePowercap(root);
        for (int i = 0; i < 12; i++) {
            fake.zone("intel-rapl:" + Integer.toHexString(i), "package-" + i, 1);
        }

        EnergySource source = discover().source().orElseThrow();

        assertEquals("cpu-package-11", source.components().getLast().name());
        assertEquals("cpu-package-2", source.components().get(2).name());
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
