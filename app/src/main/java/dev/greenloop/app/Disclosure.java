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
 * @param variantsServed the traffic each served model variant answered in the period, and what it saved against fp32
 * @param training the selection's training runs, as the EU AI Act's Annex XI asks them documented
 * @param embodied how each node's manufacturing emissions (TE) were found, row by row
 */
public record Disclosure(ReportRequest request, String store, int runs, Energy energy, double facilityJoules, List<NodeEnergy> nodes,
        List<ComponentRow> components, Carbon carbon, List<ZoneCarbon> zones, List<Sci> sci, List<PerQuery> perQuery, List<Saving> savings,
        List<Source> sources, List<String> assumptions, List<Bucket> energyOverTime, List<VariantServed> variantsServed,
        List<TrainingRun> training, List<EmbodiedNode> embodied) {

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
        variantsServed = List.copyOf(variantsServed);
        training = List.copyOf(training);
        embodied = List.copyOf(embodied);
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
     * @param task the task it does, such as {@code text embedding}
     * @param stars 1 to 5, relative to the other rows of its task in the manner of AI Energy Score (5 the least energy);
     *     empty where it is the only row of its task
     */
    public record PerQuery(String model, String variant, int profiles, double wattHours, OptionalDouble grams, double min, double max,
            String provenance, String task, java.util.OptionalInt stars) {

        /** The task every lab profile does: the lab profiles text-embedding models. */
        public static final String TEXT_EMBEDDING = "text embedding";

        /** A row of the lab's task, not rated yet. */
        public PerQuery(String model, String variant, int profiles, double wattHours, OptionalDouble grams, double min, double max, String provenance) {
            this(model, variant, profiles, wattHours, grams, min, max, provenance, TEXT_EMBEDDING, java.util.OptionalInt.empty());
        }
    }

    /**
     * The traffic one model variant answered in the period, and the energy and carbon it saved against serving the same
     * traffic with the model's fp32.
     *
     * @param model the model
     * @param variant the variant
     * @param queries texts answered
     * @param wattHoursPerQuery the variant's energy per query in the lab profile compared, Wh
     * @param fp32WattHoursPerQuery fp32's in the same profile result, Wh
     * @param savedWattHours queries × (fp32 − variant), Wh; negative where the variant uses more
     * @param savedGrams the saving in gCO2eq; empty where no intensity is known
     * @param profileResult the lab result both figures come from
     * @param measuredWattHours the energy charged to the traffic as it was served, Wh
     */
    public record VariantServed(String model, String variant, long queries, double wattHoursPerQuery, double fp32WattHoursPerQuery,
            double savedWattHours, OptionalDouble savedGrams, long profileResult, double measuredWattHours) {
    }

    /**
     * A training run, with what the EU AI Act's Annex XI asks a provider of a general-purpose model to document.
     *
     * @param run the run's identifier
     * @param name the run's name or command
     * @param node its node
     * @param start its start
     * @param end its end
     * @param joules its energy (IT, before PUE), as {@code runs export} gives it
     * @param provenance the weakest provenance of its counted components
     * @param grams its location-based emissions, PUE included
     * @param flops its floating-point operations, from its {@code flops} tag; empty where unknown
     */
    public record TrainingRun(long run, String name, String node, Instant start, Instant end, double joules, String provenance, double grams,
            OptionalDouble flops) {

        /** @return the run's wall-clock time, hours */
        public double hours() {
            return java.time.Duration.between(start, end).toMillis() / 3.6e6;
        }
    }

    /**
     * How one node's manufacturing emissions (SCI's TE) were found.
     *
     * @param node the node
     * @param kg TE, kgCO2eq
     * @param how {@code --embodied-kg} or {@code components}
     * @param rows the components counted (empty for {@code --embodied-kg})
     */
    public record EmbodiedNode(String node, double kg, String how, List<EmbodiedRow> rows) {
        /** Copies the rows. */
        public EmbodiedNode {
            rows = List.copyOf(rows);
        }
    }

    /**
     * One component of a node's hardware and its manufacturing emissions.
     *
     * @param component the table's component, such as {@code ram-gb}
     * @param count how many of its units the node has
     * @param kgPerUnit the factor, kgCO2eq per unit
     * @param kg count × factor
     * @param source where the factor comes from
     * @param licence the licence of that source
     */
    public record EmbodiedRow(String component, double count, double kgPerUnit, double kg, String source, String licence) {
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
