package dev.greenloop.meter.model;

import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.meter.spi.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link PowerModels#open} found: the modelled source, if any component could be modelled, and
 * a finding for each component considered. Immutable.
 *
 * @param source the open source with id {@code model}; close it when done
 * @param findings for {@code cpu-model} and {@code memory-model}: used, skipped or unavailable, and why
 */
public record ModelDiscovery(Optional<EnergySource> source, List<Finding> findings) {

    /** Copies the findings. */
    public ModelDiscovery {
        Objects.requireNonNull(source, "source");
        findings = List.copyOf(findings);
    }
}
