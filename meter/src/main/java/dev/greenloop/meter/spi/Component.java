package dev.greenloop.meter.spi;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import java.util.Objects;

/**
 * One part of a node whose energy a source reports, such as {@code cpu-package-0}. Immutable.
 *
 * @param name unique within the node: {@code cpu-package-0}, {@code dram-0}, {@code psys},
 *     {@code core-0}, {@code cpu}, {@code memory}, later {@code gpu-0}
 * @param scope what the figure covers; {@link Scope#isBreakdown() breakdown} scopes are never summed
 * @param provenance where the figure comes from
 * @param description a human line: the hardware path or the model, such as
 *     {@code "RAPL package-0 (intel-rapl:0)"} or {@code "utilisation × TDP curve, AMD EPYC 7B13"}
 * @param partOf the name of the component whose energy already includes this one ({@code core-0}
 *     is part of {@code cpu-package-0}, a package is part of {@code psys}), or empty when this
 *     component is counted in the node total
 */
public record Component(String name, Scope scope, Provenance provenance, String description, String partOf) {

    /** @throws NullPointerException if any part is null */
    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(partOf, "partOf");
    }

    /** A component counted in the node total (part of nothing else). */
    public Component(String name, Scope scope, Provenance provenance, String description) {
        this(name, scope, provenance, description, "");
    }

    /** @return true if this component's energy is added into the node total; false for a breakdown */
    public boolean counted() {
        return partOf.isEmpty();
    }
}
