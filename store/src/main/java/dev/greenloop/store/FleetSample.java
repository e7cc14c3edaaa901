package dev.greenloop.store;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import java.time.Instant;
import java.util.Objects;

/**
 * One interval of one component of a fleet node, as an agent pushes it: the energy used in the interval that ends at
 * {@code time} and lasts {@code seconds}, and its mean power.
 *
 * @param id the agent's id for this sample, unique per node: a sample whose id is already stored is skipped, so a
 *     replay never counts twice
 * @param time the end of the interval (UTC)
 * @param seconds the interval's length, &gt; 0
 * @param component the component's name, such as {@code cpu-package-0}
 * @param scope what the component covers
 * @param provenance how the energy was obtained
 * @param joules the energy in the interval, &ge; 0
 * @param watts the mean power in the interval, &ge; 0
 */
public record FleetSample(String id, Instant time, double seconds, String component, Scope scope, Provenance provenance,
        double joules, double watts) {

    public FleetSample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** @return the start of the interval */
    public Instant start() {
        return time.minusNanos(Math.round(seconds * 1e9));
    }
}
