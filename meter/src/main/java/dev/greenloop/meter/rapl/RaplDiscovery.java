package dev.greenloop.meter.rapl;

import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.spi.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Powercap#discover(java.nio.file.Path)} found. Immutable.
 *
 * <p>Memory is covered by RAPL when {@code countsDram || countsPsys}; otherwise a caller that
 * counts packages adds a modelled memory component ({@link #memoryCovered()}).
 *
 * @param source the open RAPL source, present iff at least one counted domain's {@code energy_uj}
 *     could be read; close it when done
 * @param countsDram true if the source reads at least one {@code dram} domain, counted in the node
 *     total or, where psys is counted, as a part of psys
 * @param countsPsys true if the source counts the platform ({@code psys}) domain, which then stands
 *     for the packages and DRAM it contains
 * @param findings one per domain looked at (used, skipped or unavailable, why, and the fix), or one
 *     saying RAPL is absent; never empty
 */
public record RaplDiscovery(Optional<EnergySource> source, boolean countsDram, boolean countsPsys, List<Finding> findings) {

    /**
     * Copies the findings.
     *
     * @throws NullPointerException if any part is null
     */
    public RaplDiscovery {
        Objects.requireNonNull(source, "source");
        findings = List.copyOf(findings);
    }

    /**
     * Whether RAPL covers the node's memory.
     *
     * @return {@code countsDram || countsPsys}
     */
    public boolean memoryCovered() {
        return countsDram || countsPsys;
    }
}
