package dev.greenloop.store;

import dev.greenloop.core.Provenance;
import dev.greenloop.core.Scope;

/**
 * A component's energy over a period: the samples inside it, and the share of those that straddle its ends in
 * proportion to their overlap.
 *
 * @param name the component's name
 * @param scope what it covers
 * @param provenance the least certain provenance of its samples in the period (modelled &gt; derived &gt; measured)
 * @param joules its energy in the period
 */
public record ComponentEnergy(String name, Scope scope, Provenance provenance, double joules) {
}
