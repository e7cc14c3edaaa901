package dev.greenloop.app;

import dev.greenloop.core.Scope;
import java.util.Collection;
import java.util.Optional;

/**
 * Which of a node's components add up to its total when only their scopes are known, as for a fleet node whose agent
 * pushes samples without the meter's {@code partOf}: the rule that {@code /metrics} exports by, so that a sum never
 * counts one joule twice (psys ⊇ package ⊇ core, DESIGN.md principle 2).
 *
 * <ul>
 *   <li>a {@link Scope#isBreakdown() breakdown} scope ({@code core}, {@code uncore}) is within {@code cpu-package};
 *   <li>where the node has a {@code system} component (a wall meter), every other scope is within {@code system};
 *   <li>where it has {@code psys}, the CPU and memory scopes ({@code cpu-package}, {@code dram}, {@code cpu},
 *       {@code memory}) are within {@code psys}, as the meter counts psys alone where it is readable;
 *   <li>everything else ({@code gpu} included) is counted.
 * </ul>
 */
public final class Overlaps {

    private Overlaps() {
    }

    /**
     * @param scope a component's scope
     * @param nodeScopes the scopes of all the node's components (the component's own included)
     * @return the scope that already contains this component's energy, or empty when it is counted in the node total
     */
    public static Optional<Scope> within(Scope scope, Collection<Scope> nodeScopes) {
        if (scope.isBreakdown()) {
            return Optional.of(Scope.CPU_PACKAGE);
        }
        if (scope != Scope.SYSTEM && nodeScopes.contains(Scope.SYSTEM)) {
            return Optional.of(Scope.SYSTEM);
        }
        boolean partOfPlatform = switch (scope) {
            case CPU_PACKAGE, DRAM, CPU, MEMORY -> true;
            default -> false;
        };
        if (partOfPlatform && nodeScopes.contains(Scope.PSYS)) {
            return Optional.of(Scope.PSYS);
        }
        return Optional.empty();
    }
}
