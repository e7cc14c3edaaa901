package dev.greenloop.meter.rapl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.Finding;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What discovery says when {@code energy_uj} cannot be read. The tests run as root, who reads a
 * mode-000 file, so unreadability is made either in the file system in a way root cannot get round
 * (a directory where the file should be) or by a reader that refuses as the kernel refuses a
 * non-root user: with EACCES, which Java reports as {@link AccessDeniedException}.
 */
class PowercapPermissionTest {

    @TempDir
    Path root;

    /** A reader that refuses every {@code energy_uj} listed, as the kernel refuses a non-root user. */
    private static SysfsReader refusing(Set<Path> refused) {
        return file -> {
            if (refused.contains(file)) {
                throw new AccessDeniedException(file.toString());
            }
            return SysfsReader.FILES.read(file);
        };
    }

    private static Finding only(List<Finding> findings, Finding.Status status) {
        List<Finding> matching = findings.stream().filter(f -> f.status() == status).toList();
        assertEquals(1, matching.size(), findings.toString());
        return matching.getFirst();
    }

    @Test
    void discover_energyRootOnly_noSourceAndOneFindingNamingTheCveAndFixes() {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 1).zone("intel-rapl:0:0", "dram", 1);
        Set<Path> refused = Set.of(fake.dirOf("intel-rapl:0").resolve("energy_uj"), fake.dirOf("intel-rapl:0:0").resolve("energy_uj"));

        RaplDiscovery d = Powercap.discover(root, refusing(refused), () -> 0L);

        assertTrue(d.source().isEmpty());
        assertFalse(d.countsDram());
        Finding f = only(d.findings(), Finding.Status.UNAVAILABLE);
        assertEquals("intel-rapl:0 (package-0), intel-rapl:0:0 (dram)", f.subject());
        assertEquals("energy_uj is readable by root only (Linux ≥ 5.10 restricts it after CVE-2020-8694)", f.detail());
        assertTrue(f.fix().startsWith("run as root"), f.fix());
        assertTrue(f.fix().contains("chmod a+r /sys/class/powercap/intel-rapl:*/energy_uj"), f.fix());
        assertTrue(f.fix().contains("SUBSYSTEM==\"powercap\""), f.fix());
        assertTrue(f.fix().contains("GREENLOOP_SYSFS_ROOT"), f.fix());
        assertTrue(d.findings().stream().noneMatch(x -> x.status() == Finding.Status.USED));
    }

    @Test
    void discover_psysRootOnlyButPackageReadable_countsThePackage() {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 1).zone("intel-rapl:1", "psys", 1);

        RaplDiscovery d = Powercap.discover(root, refusing(Set.of(fake.dirOf("intel-rapl:1").resolve("energy_uj"))), () -> 0L);

        assertEquals(List.of("cpu-package-0"), d.source().orElseThrow().components().stream().filter(Component::counted).map(Component::name).toList());
        assertFalse(d.countsPsys());
        assertEquals("intel-rapl:1 (psys)", only(d.findings(), Finding.Status.UNAVAILABLE).subject());
    }

    @Test
    void discover_energyFileIsADirectory_reportsItUnavailableWithTheError() throws IOException {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 1).zone("intel-rapl:0:0", "dram", 1);
        Path energy = fake.dirOf("intel-rapl:0:0").resolve("energy_uj");
        Files.delete(energy);
        Files.createDirectory(energy);

        RaplDiscovery d = Powercap.discover(root);

        assertEquals(List.of("cpu-package-0"), d.source().orElseThrow().components().stream().map(Component::name).toList());
        assertFalse(d.countsDram());
        Finding f = only(d.findings(), Finding.Status.UNAVAILABLE);
        assertEquals("intel-rapl:0:0 (dram)", f.subject());
        assertTrue(f.detail().startsWith("cannot read energy_uj: "), f.detail());
    }

    @Test
    void discover_energyFileDanglingLink_reportsItUnavailable() throws IOException {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 1);
        Path energy = fake.dirOf("intel-rapl:0").resolve("energy_uj");
        Files.delete(energy);
        Files.createSymbolicLink(energy, Path.of("nowhere"));

        RaplDiscovery d = Powercap.discover(root);

        assertTrue(d.source().isEmpty());
        assertEquals("intel-rapl:0 (package-0)", only(d.findings(), Finding.Status.UNAVAILABLE).subject());
    }

    @Test
    void discover_maxRangeUnreadable_reportsWrapsCannotBeHandled() throws IOException {
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 1);
        Files.writeString(fake.dirOf("intel-rapl:0").resolve("max_energy_range_uj"), "garbage\n");

        RaplDiscovery d = Powercap.discover(root);

        assertTrue(d.source().isEmpty());
        assertTrue(only(d.findings(), Finding.Status.UNAVAILABLE).detail().contains("max_energy_range_uj"));
    }

    /** The real kernel case, for a build that does not run as root. */
    @Test
    void discover_energyMode0400AsNonRoot_reportsRootOnly() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads a mode-000 file; covered by the refusing reader");
        FakePowercap fake = new FakePowercap(root).zone("intel-rapl:0", "package-0", 1);
        Files.setPosixFilePermissions(fake.dirOf("intel-rapl:0").resolve("energy_uj"), PosixFilePermissions.fromString("---------"));

        RaplDiscovery d = Powercap.discover(root);

        assertTrue(d.source().isEmpty());
        assertEquals(RaplFindings.ROOT_ONLY_DETAIL, only(d.findings(), Finding.Status.UNAVAILABLE).detail());
    }
}
