package dev.greenloop.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A node of the fleet as the store knows it.
 *
 * @param name the node's name
 * @param zone its grid zone
 * @param pue its site's PUE
 * @param hardware its hardware summary
 * @param lastSeen the end of its latest sample, empty before any
 * @param components the latest sample of each of its components, in name order
 */
public record FleetNode(String name, String zone, double pue, String hardware, Optional<Instant> lastSeen,
        List<ComponentTotal> components) {
}
