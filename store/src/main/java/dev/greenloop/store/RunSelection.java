package dev.greenloop.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which stored runs a report reads: those that <em>started</em> in {@code [from, to)}, on one of {@code nodes} (any node
 * when empty), tagged with every one of {@code tags}, and that have an outcome (finished, or interrupted: then what
 * their stored samples add up to). A run still going is not selected.
 *
 * @param from the period's start, inclusive
 * @param to the period's end, exclusive; after {@code from}
 * @param nodes node names; empty for every node
 * @param tags tag key to value, all of which must match; empty for any tags
 */
public record RunSelection(Instant from, Instant to, Set<String> nodes, Map<String, String> tags) {

    /**
     * Copies the collections.
     *
     * @throws IllegalArgumentException if {@code to} is not after {@code from}
     */
    public RunSelection {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a selection's end %s must be after its start %s".formatted(to, from));
        }
        nodes = java.util.Collections.unmodifiableSet(new TreeSet<>(nodes));
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }
}
