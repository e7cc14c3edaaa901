package dev.greenloop.store;

import java.util.List;

/**
 * What the database adds up over a {@link RunSelection} ({@link Store#sumRuns}): a few rows per node, component, zone
 * and bucket of time, whatever the number of runs. Energy in joules, emissions in grams of CO2eq. Immutable.
 *
 * @param components the counted components (empty {@code part_of}) summed per node, component, scope and provenance,
 *     in that order
 * @param buckets the counted components' energy summed per bucket of run start and scope, in that order
 * @param zones the runs' totals summed per carbon zone (a run's accounted zone, else its node's), in zone order
 * @param sources the distinct intensity sources and signals the runs were accounted with, in that order
 */
public record RunSums(List<ComponentSum> components, List<BucketSum> buckets, List<ZoneSum> zones, List<Source> sources) {

    /** Copies the lists. */
    public RunSums {
        components = List.copyOf(components);
        buckets = List.copyOf(buckets);
        zones = List.copyOf(zones);
        sources = List.copyOf(sources);
    }

    /**
     * One counted component of a node, summed over the selected runs that had it with one provenance.
     *
     * @param node the node's name
     * @param component the component's name, such as {@code cpu-package-0}
     * @param scope its scope's label
     * @param provenance its provenance's label
     * @param runs how many selected runs had it with that provenance
     * @param joules Σ its energy
     * @param minJoules Σ its lower bound
     * @param maxJoules Σ its upper bound
     */
    public record ComponentSum(String node, String component, String scope, String provenance, long runs, double joules, double minJoules,
            double maxJoules) {
    }

    /**
     * The counted components of one scope, summed over the selected runs that started in one bucket.
     *
     * @param bucket the bucket's index: (run start − origin) / width, rounded down
     * @param scope the scope's label
     * @param joules Σ their energy
     */
    public record BucketSum(long bucket, String scope, double joules) {
    }

    /**
     * The selected runs accounted in one zone.
     *
     * @param zone the zone
     * @param runs how many
     * @param joules Σ their total energy (IT, before PUE)
     * @param facilityJoules Σ their total energy × the PUE each was accounted with
     * @param grams Σ their stored location-based emissions
     */
    public record ZoneSum(String zone, long runs, double joules, double facilityJoules, double grams) {
    }

    /**
     * An intensity source that runs were accounted with.
     *
     * @param source its name, as {@code measure} stored it
     * @param signal its signal, such as {@code average-lifecycle-hourly}
     */
    public record Source(String source, String signal) {
    }
}
