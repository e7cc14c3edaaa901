package dev.greenloop.meter.rapl;

import dev.greenloop.core.Provenance;
import dev.greenloop.meter.spi.Component;
import dev.greenloop.meter.spi.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Names the readable domains and decides which are counted, so that every joule is counted once.
 *
 * <p>Where psys is readable it alone is counted: packages and DRAM are parts of it. Otherwise
 * every package and every DRAM domain is counted. Core and uncore are always a breakdown of their
 * package. Names: {@code cpu-package-0}, {@code cpu-package-0-die-1}, {@code dram-0},
 * {@code core-0}, {@code uncore-0} (a subzone takes its package's suffix), {@code psys}, or
 * {@code psys-0}, {@code psys-1}... in zone order when there are several; then package {@code N}
 * is part of {@code psys-N} if there is one, else of the first.
 */
final class DomainPlanner {

    private final Map<ZoneProbe, String> psysNames = new LinkedHashMap<>();
    private final Set<String> packageNames = new HashSet<>();

    private DomainPlanner(List<ZoneProbe> probes) {
        List<ZoneProbe> psys = probes.stream().filter(p -> p.kind() == DomainKind.PSYS).toList();
        for (int i = 0; i < psys.size(); i++) {
            psysNames.put(psys.get(i), psys.size() == 1 ? "psys" : "psys-" + i);
        }
        probes.stream().filter(p -> p.kind() == DomainKind.PACKAGE).forEach(p -> packageNames.add(name(p)));
    }

    /**
     * @param probes the readable zones, in zone order
     * @param findings where to add one finding per zone: used, or skipped and why
     * @return the domains to read, in zone order
     */
    static List<Domain> plan(List<ZoneProbe> probes, List<Finding> findings) {
        DomainPlanner planner = new DomainPlanner(probes);
        Set<String> taken = new HashSet<>();
        List<Domain> domains = new ArrayList<>();
        for (ZoneProbe probe : probes) {
            String name = planner.name(probe);
            Optional<String> partOf = planner.partOf(probe);
            if (partOf.isEmpty()) {
                findings.add(RaplFindings.skipped(probe.subject(), ("its package (%s) is not read, and %s alone would "
                        + "undercount it; not read").formatted(probe.parentName(), probe.name())));
            } else if (!taken.add(name)) {
                findings.add(RaplFindings.skipped(probe.subject(),
                        "another zone already reports %s; read once".formatted(name)));
            } else {
                String description = "RAPL %s (%s, %s)".formatted(probe.name(), probe.zone().id(), probe.zone().access());
                Component component = new Component(name, probe.kind().scope(), Provenance.MEASURED, description, partOf.get());
                findings.add(RaplFindings.used(probe.subject(), partOf.get().isEmpty()
                        ? "read as %s, counted in the node total".formatted(name)
                        : "read as %s, part of %s: a breakdown, not added to the total".formatted(name, partOf.get())));
                domains.add(new Domain(component, probe));
            }
        }
        return List.copyOf(domains);
    }

    private String name(ZoneProbe probe) {
        return switch (probe.kind()) {
            case PACKAGE -> "cpu-package-" + DomainKind.packageSuffix(probe.name()).orElseThrow();
            case PSYS -> psysNames.get(probe);
            case DRAM, CORE, UNCORE -> probe.kind().scope().label() + "-" + DomainKind.packageSuffix(probe.parentName())
                    .orElse(String.valueOf(probe.zone().indices().getFirst()));
        };
    }

    /** @return "" for counted, the containing component's name, or empty if the container is not read */
    private Optional<String> partOf(ZoneProbe probe) {
        return switch (probe.kind()) {
            case PSYS -> Optional.of("");
            case PACKAGE -> Optional.of(psysFor(DomainKind.packageIndex(probe.name())));
            case DRAM -> Optional.of(psysFor(DomainKind.packageIndex(probe.parentName())));
            case CORE, UNCORE -> DomainKind.packageSuffix(probe.parentName())
                    .map(s -> "cpu-package-" + s)
                    .filter(packageNames::contains)
                    .or(() -> psysNames.isEmpty() ? Optional.empty() : Optional.of(psysFor(-1)));
        };
    }

    /** @return the psys that contains package {@code packageIndex}; "" (counted) when there is no psys */
    private String psysFor(int packageIndex) {
        if (psysNames.isEmpty()) {
            return "";
        }
        String own = "psys-" + packageIndex;
        return psysNames.containsValue(own) ? own : psysNames.values().iterator().next();
    }
}
