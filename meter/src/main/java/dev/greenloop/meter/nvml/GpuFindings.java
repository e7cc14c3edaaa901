package dev.greenloop.meter.nvml;

import dev.greenloop.meter.spi.GpuInfo;
import dev.greenloop.core.Power;
import dev.greenloop.meter.spi.Finding;
import dev.greenloop.meter.spi.Finding.Status;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code sources} line for one GPU: what it is, how it is measured, and which capabilities work. */
final class GpuFindings {

    private GpuFindings() {}

    static Finding of(GpuProbe p) {
        GpuInfo g = p.info();
        String subject = "gpu-%d (%s, %s)".formatted(g.index(), g.name(), g.uuid());
        String caps = g.capabilities().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        String facts = "driver %s, power %s, power limit %s; %s".formatted(
                g.driverVersion(), shown(g.power()), shown(g.powerLimit()), caps);
        if (p.failure().isPresent()) {
            NvmlException e = p.failure().get();
            return new Finding("nvml", Status.UNAVAILABLE, subject, "NVML gives no handle: " + e.getMessage(),
                    Fixes.forCode(e.code()));
        }
        if (p.measured()) {
            return new Finding("nvml", Status.USED, subject, "measured from the energy counter; " + facts, "");
        }
        if (p.measurable()) {
            return new Finding("nvml", Status.USED, subject,
                    "derived from power samples (no energy counter: " + why(g.capabilities(), GpuProbe.ENERGY) + "); " + facts,
                    "");
        }
        return new Finding("nvml", Status.UNAVAILABLE, subject,
                "reports neither energy nor power; " + facts, fix(g.capabilities()));
    }

    private static String shown(Optional<Power> power) {
        return power.map(Power::toString).orElse("unknown");
    }

    private static String why(Map<String, String> caps, String capability) {
        return caps.getOrDefault(capability, "no").replaceFirst("^no: ", "");
    }

    private static String fix(Map<String, String> caps) {
        String reason = why(caps, GpuProbe.POWER);
        for (NvmlReturn code : NvmlReturn.values()) {
            if (code.name().equals(reason)) {
                return Fixes.forCode(code);
            }
        }
        return "";
    }
}
