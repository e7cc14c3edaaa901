package dev.greenloop.app;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A report's content: the energy and carbon of a selection of stored runs over a period, with every figure's method
 * and source. Immutable; built by {@link Reporting}. Energy in joules, emissions in grams of CO2eq.
 *
 * @param request what was asked
 * @param store where the runs were read from
 * @param runs how many runs were selected
 * @param energy the selection's energy (IT energy, before PUE), split by provenance
 * @param facilityJoules the energy with each node's PUE applied: Σ run energy × run PUE
 * @param nodes the energy of each node, by name
 * @param components the energy of each node's counted components
 * @param carbon the three carbon figures
 * @param zones location- and market-based carbon of each zone
 * @param sci the SCI score per functional unit
 * @param perQuery energy and carbon per query of the profiled model variants
 * @param savings the savings realised, by kind
 * @param sources the data sources, with versions
 * @param assumptions what the figures assume, and what they leave out
 * @param energyOverTime the selection's energy by scope in buckets of time (by run start)
 */
public record Disclosure(ReportRequest request, String store, int runs, Energy energy, double facilityJoules, List<NodeEnergy> nodes,
        List<ComponentRow> components, Carbon carbon, List<ZoneCarbon> zones, List<Sci> sci, List<PerQuery> perQuery, List<Saving> savings,
        List<Source> sources, List<String> assumptions, List<Bucket> energyOverTime) {

    /** Copies the lists. */
    public Disclosure {
        nodes = List.copyOf(nodes);
        components = List.copyOf(components);
        zones = List.copyOf(zones);
        sci = List.copyOf(sci);
        perQuery = List.copyOf(perQuery);
        savings = List.copyOf(savings);
        sources = List.copyOf(sources);
        assumptions = List.copyOf(assumptions);
        energyOverTime = List.copyOf(energyOverTime);
    }

    /** @return the energy-weighted mean PUE of the selection; 1 when it used no energy */
    public double pue() {
        return energy.totalJoules() > 0 ? facilityJoules / energy.totalJoules() : 1;
    }

    /**
     * Energy, split by where each component's figure comes from.
     *
     * @param totalJoules the sum of the runs' totals (counted components), as {@code runs export} writes them
     * @param measuredJoules from hardware energy counters
     * @param derivedJoules integrated from measured power
     * @param modelledJoules a power model's estimate
     * @param minJoules the lower bound (the total, with modelled components at their lower bound)
     * @param maxJoules the upper bound
     */
    public record Energy(double totalJoules, double measuredJoules, double derivedJoules, double modelledJoules, double minJoules,
            double maxJoules) {
    }

    /**
     * One node's share.
     *
     * @param node its name
     * @param zone the zone its runs were accounted in (the last run's, when they differ)
     * @param pue its energy-weighted PUE over the selection
     * @param runs its selected runs
     * @param energy its energy
     * @param locationBasedGrams its location-based emissions, PUE included
     * @param embodiedGrams its embodied emissions, empty when no manufacturing figure was given for it
     */
    public record NodeEnergy(String node, String zone, double pue, int runs, Energy energy, double locationBasedGrams,
            OptionalDouble embodiedGrams) {
    }

    /**
     * One counted component of a node, summed over the selected runs.
     *
     * @param node the node
     * @param component its name, such as {@code cpu-package-0}
     * @param scope its scope's label
     * @param provenance its provenance's label (the weakest over the runs)
     * @param joules its energy
     * @param minJoules the lower bound
     * @param maxJoules the upper bound
     */
    public record ComponentRow(String node, String component, String scope, String provenance, double joules, double minJoules,
            double maxJoules) {
    }

    /**
     * The three carbon figures, GHG Protocol scope 2 side by side, and embodied (SCI's M).
     *
     * @param locationBasedGrams Σ the runs' stored emissions: energy × hourly intensity of its zone × PUE
     * @param marketBasedGrams energy × PUE at the instruments' factors, residual mix (or, where none is given, the
     *     location-based intensity) for the rest
     * @param embodiedGrams Σ over nodes with a manufacturing figure: TE × TiR / EL × RR / ToR
     */
    public record Carbon(double locationBasedGrams, double marketBasedGrams, double embodiedGrams) {
    }

    /**
     * One zone's carbon.
     *
     * @param zone the zone
     * @param facilityKWh its energy with PUE
     * @param locationBasedGrams location-based emissions
     * @param marketBasedGrams market-based emissions
     * @param instrumentKWh of {@code facilityKWh}, what instruments covered
     * @param residualKWh what a residual mix covered
     * @param gridAverageKWh what neither covered, counted at the location-based intensity
     */
    public record ZoneCarbon(String zone, double facilityKWh, double locationBasedGrams, double marketBasedGrams, double instrumentKWh,
            double residualKWh, double gridAverageKWh) {
    }

    /**
     * An SCI score: (E × I + M) per R.
     *
     * @param functionalUnit R's name, such as {@code run} or {@code 1000 queries}
     * @param units how many R the selection holds
     * @param gramsPerUnit the score, gCO2eq per R; empty when there are no units
     * @param method how R was counted
     */
    public record Sci(String functionalUnit, double units, OptionalDouble gramsPerUnit, String method) {
    }

    /**
     * A model variant's energy and carbon per query, from the lab profiles measured in the period.
     *
     * @param model the model
     * @param variant the variant, such as {@code int8}
     * @param profiles how many profiles it has
     * @param wattHours mean energy per query, Wh
     * @param grams carbon per query at the selection's mean location-based intensity (PUE included); empty when the
     *     selection used no energy
     * @param min the least energy per query over the profiles, Wh
     * @param max the most energy per query over the profiles, Wh
     * @param provenance the weakest provenance of its profiles
     */
    public record PerQuery(String model, String variant, int profiles, double wattHours, OptionalDouble grams, double min, double max,
            String provenance) {
    }

    /**
     * A saving realised.
     *
     * @param kind {@code scheduling} or {@code automation}
     * @param grams gCO2eq saved
     * @param items how many jobs or actions it sums
     * @param method how it was computed
     */
    public record Saving(String kind, double grams, int items, String method) {
    }

    /**
     * A data source.
     *
     * @param name what it is
     * @param version its version, year or fingerprint
     * @param usedFor which figures rest on it
     */
    public record Source(String name, String version, String usedFor) {
    }

    /**
     * The energy of the runs that started in one bucket of time, by scope.
     *
     * @param start the bucket's start
     * @param end its end
     * @param joulesByScope scope label to joules, in a stable order
     */
    public record Bucket(Instant start, Instant end, java.util.Map<String, Double> joulesByScope) {
        /** Copies the map, keeping its order. */
        public Bucket {
            joulesByScope = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(joulesByScope));
        }
    }
}
