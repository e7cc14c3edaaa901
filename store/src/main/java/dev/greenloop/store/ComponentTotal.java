package dev.greenloop.store;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;
import java.time.Instant;

/**
 * Everything a node's component has used since its first sample, and its latest power: what {@code /metrics} exports
 * as counters and gauges.
 *
 * @param node the node's name
 * @param component the component's name
 * @param scope what it covers
 * @param provenance how its latest sample was obtained
 * @param joules its energy over all stored samples
 * @param watts the mean power of its latest sample
 * @param lastTime the end of its latest sample
 */
public record ComponentTotal(String node, String component, Scope scope, Provenance provenance, double joules, double watts,
        Instant lastTime) {
}
