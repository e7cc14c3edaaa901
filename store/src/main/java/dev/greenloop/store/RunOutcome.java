package dev.greenloop.store;

import dev.greenloop.core.Energy;
import dev.greenloop.core.Provenance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a run ended and what it used. Immutable.
 *
 * @param endedAt when measurement stopped, UTC
 * @param exitCode the command's exit code (0 for in-process tracking that ended normally, 1 when it threw)
 * @param components every component, counted and breakdown; the counted ones add up to the total
 * @param carbon the run's emissions
 */
public record RunOutcome(Instant endedAt, int exitCode, List<RunComponent> components, RunCarbon carbon) {

    /** The exit code of a run whose command's end was not seen (an interrupted run, or a run still going): -1. */
    public static final int UNKNOWN_EXIT_CODE = -1;

    /** Copies the list. */
    public RunOutcome {
        components = List.copyOf(components);
    }

    /** @return the node's energy: the sum of the counted components */
    public Energy total() {
        return sum(RunComponent::energy);
    }

    /** @return the lower bound of the node's energy (equal to {@link #total()} unless something is modelled) */
    public Energy totalMin() {
        return sum(RunComponent::min);
    }

    /** @return the upper bound of the node's energy (equal to {@link #total()} unless something is modelled) */
    public Energy totalMax() {
        return sum(RunComponent::max);
    }

    /** @return the energy attributed to the measured process tree */
    public Energy processEnergy() {
        return sum(RunComponent::processEnergy);
    }

    /**
     * @return the node's idle energy over the run (counted components), attributed to no process; empty when
     *     a counted component's split is not known (a run read back from the store)
     */
    public Optional<Energy> idleEnergy() {
        double joules = 0;
        for (RunComponent c : components) {
            if (c.counted()) {
                if (c.idle().isEmpty()) {
                    return Optional.empty();
                }
                joules += c.idle().get().energy().joules();
            }
        }
        return Optional.of(Energy.ofJoules(joules));
    }

    /** @return the weakest provenance among the counted components; measured when there are none */
    public Provenance provenance() {
        Provenance p = Provenance.MEASURED;
        for (RunComponent c : components) {
            if (c.counted()) {
                p = p.weakest(c.provenance());
            }
        }
        return p;
    }

    private Energy sum(Function<RunComponent, Energy> part) {
        double joules = 0;
        for (RunComponent c : components) {
            if (c.counted()) {
                joules += part.apply(c).joules();
            }
        }
        return Energy.ofJoules(joules);
    }
}
