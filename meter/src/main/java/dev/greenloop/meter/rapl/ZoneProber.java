package dev.greenloop.meter.rapl;

import dev.greenloop.meter.spi.Finding;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Reads each zone's {@code name}, {@code max_energy_range_uj} and {@code energy_uj} once, drops
 * MMIO duplicates of MSR domains, and keeps the zones whose counter could actually be read. Every
 * zone dropped becomes a finding; none throws.
 */
final class ZoneProber {

    private final SysfsReader reader;
    private final LongSupplier nanoClock;
    private final List<Finding> findings;
    private final List<String> rootOnly = new ArrayList<>();

    private ZoneProber(SysfsReader reader, LongSupplier nanoClock, List<Finding> findings) {
        this.reader = reader;
        this.nanoClock = nanoClock;
        this.findings = findings;
    }

    /**
     * @param zones RAPL zones in {@link ZoneDir#ORDER}
     * @param findings where to add what was dropped and why
     * @return the readable zones, in the order given
     */
    static List<ZoneProbe> probe(List<ZoneDir> zones, SysfsReader reader, LongSupplier nanoClock, List<Finding> findings) {
        ZoneProber prober = new ZoneProber(reader, nanoClock, findings);
        Map<String, String> names = prober.readNames(zones);
        Map<String, ZoneDir> msrByIdentity = new HashMap<>();
        for (ZoneDir zone : zones) {
            if (zone.controlType().equals(ZoneDir.MSR) && names.containsKey(zone.id())) {
                msrByIdentity.putIfAbsent(identity(zone, names), zone);
            }
        }
        List<ZoneProbe> probes = new ArrayList<>();
        for (ZoneDir zone : zones) {
            String name = names.get(zone.id());
            if (name == null) {
                continue;
            }
            ZoneDir twin = msrByIdentity.get(identity(zone, names));
            if (zone.controlType().equals(ZoneDir.MMIO) && twin != null) {
                findings.add(RaplFindings.skipped(ZoneProbe.subject(zone, name),
                        "the same domain as %s, read through MSR; counted once, from MSR"
                                .formatted(ZoneProbe.subject(twin, name))));
                continue;
            }
            prober.probe(zone, name, names.getOrDefault(zone.parentId(), "")).ifPresent(probes::add);
        }
        if (!prober.rootOnly.isEmpty()) {
            findings.add(RaplFindings.rootOnly(prober.rootOnly));
        }
        return List.copyOf(probes);
    }

    /** A domain's identity across control types: its name, under its parent's name for a subzone. */
    private static String identity(ZoneDir zone, Map<String, String> names) {
        String name = names.get(zone.id());
        return zone.isSubzone() ? names.getOrDefault(zone.parentId(), zone.parentId()) + "/" + name : name;
    }

    private Map<String, String> readNames(List<ZoneDir> zones) {
        Map<String, String> names = new LinkedHashMap<>();
        for (ZoneDir zone : zones) {
            try {
                names.put(zone.id(), reader.read(zone.dir().resolve("name")).strip());
            } catch (IOException e) {
                findings.add(RaplFindings.unavailable(zone.id(), "cannot read its name file: " + e));
            }
        }
        return names;
    }

    private Optional<ZoneProbe> probe(ZoneDir zone, String name, String parentName) {
        String subject = ZoneProbe.subject(zone, name);
        Optional<DomainKind> kind = DomainKind.of(name);
        if (kind.isEmpty()) {
            findings.add(RaplFindings.skipped(subject, "unknown RAPL domain name '%s'; not read".formatted(name)));
            return Optional.empty();
        }
        long rangeUj;
        try {
            rangeUj = reader.readLong(zone.dir().resolve("max_energy_range_uj"));
        } catch (IOException e) {
            findings.add(RaplFindings.unavailable(subject, "cannot read max_energy_range_uj, so cannot handle counter wraps: " + e));
            return Optional.empty();
        }
        if (rangeUj == 0) {
            findings.add(RaplFindings.unavailable(subject, "max_energy_range_uj is 0, so counter wraps cannot be handled"));
            return Optional.empty();
        }
        try {
            long rawUj = reader.readLong(ZoneProbe.energyFile(zone));
            return Optional.of(new ZoneProbe(zone, name, parentName, kind.get(), rangeUj, rawUj, nanoClock.getAsLong()));
        } catch (AccessDeniedException e) {
            rootOnly.add(subject);
        } catch (IOException e) {
            findings.add(RaplFindings.unavailable(subject, "cannot read energy_uj: " + e));
        }
        return Optional.empty();
    }
}
