package dev.greenloop.cli.lab;

import dev.greenloop.app.ServingPolicy;
import dev.greenloop.app.ServingProfile;
import dev.greenloop.app.ZoneIntensities;
import dev.greenloop.cli.UsageException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --carbon-aware} and its rule, shared by {@code greenloop serve} and {@code greenloop server --model}. */
public final class CarbonAwareOptions {

    @Option(names = "--carbon-aware", description = {"While the grid is dirty, answer requests that name only the model with the cheapest variant",
        "(stored energy per query) that keeps --quality-floor; otherwise with the best-quality one. Needs --zone's intensity."})
    boolean carbonAware;

    @Option(names = "--quality-floor", paramLabel = "X", description = "With --carbon-aware: the lowest quality a variant may have (0 to 1), by --quality-by.")
    Double qualityFloor;

    @Option(names = "--quality-by", paramLabel = "cosine|knn", defaultValue = "cosine",
            description = "The stored quality figure the floor applies to: cosine (mean cosine to fp32; default) or knn (kNN accuracy).")
    String qualityBy;

    @Option(names = "--dirty-above", paramLabel = "G", description = "With --carbon-aware: the grid is dirty above G gCO2e/kWh.")
    Double dirtyAbove;

    @Option(names = "--worst-hours", paramLabel = "N", description = "With --carbon-aware: the grid is dirty in the day's N worst hours (UTC) by the forecast or trace.")
    Integer worstHours;

    /** @return whether carbon-aware serving is asked for */
    public boolean enabled() {
        return carbonAware;
    }

    /**
     * Checks the flags before anything loads.
     *
     * @param zone the zone whose intensity serving uses; null if none
     * @param zoneFlag how the command names that flag, for messages
     * @throws UsageException naming the flag that is missing or out of range
     */
    void check(String zone, String zoneFlag) {
        if (!carbonAware) {
            if (qualityFloor != null || dirtyAbove != null || worstHours != null) {
                throw new UsageException("--quality-floor, --dirty-above and --worst-hours apply with --carbon-aware: add it, or leave them out");
            }
            return;
        }
        if (qualityFloor == null) {
            throw new UsageException("--carbon-aware needs --quality-floor X: the lowest %s a variant may have, such as 0.99".formatted(measure().label()));
        }
        if ((dirtyAbove == null) == (worstHours == null)) {
            throw new UsageException("--carbon-aware: give when the grid is dirty, either --dirty-above G (gCO2e/kWh) or --worst-hours N");
        }
        dirty();
        measure();
        if (zone == null) {
            throw new UsageException("--carbon-aware needs the grid's intensity: give %s Z with --trace FILE or --provider P".formatted(zoneFlag));
        }
    }

    private ServingPolicy.Measure measure() {
        try {
            return ServingPolicy.Measure.parse(qualityBy);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private ServingPolicy.Dirty dirty() {
        try {
            return dirtyAbove != null ? new ServingPolicy.Above(dirtyAbove) : new ServingPolicy.WorstHours(worstHours);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * The policy over the stored profiles; empty without {@code --carbon-aware}.
     *
     * @throws UsageException naming a variant without a stored profile, or a floor no variant keeps, with the fix
     */
    Optional<ServingPolicy> policy(String model, List<String> variants, Map<String, ServingProfile> profiles, ZoneIntensities intensities, String zone,
            Clock clock) {
        if (!carbonAware) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ServingPolicy(model, variants, profiles, measure(), qualityFloor, dirty(), ServingPolicy.Grid.of(intensities, zone),
                    clock));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
