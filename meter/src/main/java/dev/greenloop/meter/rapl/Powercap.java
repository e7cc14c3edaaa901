package dev.greenloop.meter.rapl;

import dev.greenloop.core.Scope;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.spi.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * RAPL energy counters (Intel, and AMD through the same {@code intel-rapl} control type) read
 * through the Linux powercap framework (kernel Documentation/power/powercap/powercap.rst).
 *
 * <p><b>What is read.</b> Every zone and subzone of the {@code intel-rapl} and
 * {@code intel-rapl-mmio} control types under {@code class/powercap} (symbolic links, resolved) and
 * {@code devices/virtual/powercap}: its {@code name}, {@code max_energy_range_uj} and
 * {@code energy_uj}. A domain exposed through both MSR and MMIO (same name, under the same
 * package's name for a subzone) is read once, through MSR; the MMIO twin is reported SKIPPED.
 *
 * <p><b>What is counted.</b> psys alone where it is readable (packages and DRAM are then part of
 * it); otherwise every package ({@code package-N}, or {@code package-N-die-M}) and every DRAM
 * domain. Core and uncore are always a breakdown of their package. All components are
 * {@code MEASURED}.
 *
 * <p><b>Counter wraps.</b> {@code energy_uj} wraps to 0 after {@code max_energy_range_uj}. The
 * source adds one range when a counter went back, and decides how many further whole ranges passed
 * unseen from the elapsed wall time: never more than the domain's plausible peak power could spend
 * (500 W for a package, psys, core or uncore; 150 W for DRAM), and otherwise the number nearest to
 * the energy at the domain's mean power over the previous interval (half the peak before there is
 * one). {@link EnergySource#maxReadInterval()} is the smallest {@code range / peak} over the
 * domains read, halved; a reader that keeps to it never needs the inference. See docs/rapl.md.
 *
 * <p><b>Permissions.</b> Since Linux 5.10 (CVE-2020-8694, "PLATYPUS") {@code energy_uj} is
 * readable by root only. Readability is decided by reading; a zone that cannot be read becomes an
 * {@code UNAVAILABLE} finding with the fix.
 */
public final class Powercap {

    private Powercap() {
    }

    /**
     * Discovers the RAPL domains of this node and opens a source that reads them.
     *
     * @param sysfsRoot where {@code /sys} is ({@code /sys}, or the host's {@code /sys} mounted in a container)
     * @return the source, present iff at least one counted domain's {@code energy_uj} could be read,
     *     and a finding for each domain looked at, or one saying RAPL is absent. Never throws for
     *     missing or unreadable files: those become findings
     * @throws NullPointerException if {@code sysfsRoot} is null
     */
    public static RaplDiscovery discover(Path sysfsRoot) {
        return discover(sysfsRoot, SysfsReader.FILES, System::nanoTime);
    }

    /** {@link #discover(Path)} with the file reader and the monotonic clock (nanoseconds) given; for tests. */
    static RaplDiscovery discover(Path sysfsRoot, SysfsReader reader, LongSupplier nanoClock) {
        Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(nanoClock, "nanoClock");
        Path classDir = sysfsRoot.resolve("class").resolve("powercap");
        ZoneScanner.Scan scan = ZoneScanner.scan(sysfsRoot);
        if (!scan.present()) {
            return new RaplDiscovery(Optional.empty(), false, false, List.of(RaplFindings.absent(classDir)));
        }
        List<Finding> findings = new ArrayList<>(scan.findings());
        if (scan.zones().isEmpty() && findings.stream().noneMatch(f -> f.status() == Finding.Status.UNAVAILABLE)) {
            findings.add(RaplFindings.noZones(classDir));
        }
        List<ZoneProbe> probes = ZoneProber.probe(scan.zones(), reader, nanoClock, findings);
        List<Domain> domains = DomainPlanner.plan(probes, findings);
        if (domains.isEmpty()) {
            return new RaplDiscovery(Optional.empty(), false, false, findings);
        }
        boolean dram = domains.stream().anyMatch(d -> d.component().scope() == Scope.DRAM);
        boolean psys = domains.stream().anyMatch(d -> d.component().scope() == Scope.PSYS);
        return new RaplDiscovery(Optional.of(new RaplSource(domains, reader, nanoClock)), dram, psys, findings);
    }
}
