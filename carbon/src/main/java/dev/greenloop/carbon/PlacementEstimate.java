package dev.greenloop.carbon;

import java.util.List;
import java.util.Objects;

/**
 * Energy, carbon and latency of a workload in one placement, as ranges. Immutable.
 *
 * @param name the placement, such as {@code on-premises (node-1)}, {@code aws:m5.xlarge@eu-north-1}, {@code edge}
 * @param kind {@code on-premises}, {@code cloud} or {@code edge}
 * @param provenance {@code measured} or {@code modelled}: how the energy was obtained
 * @param zone the grid zone whose intensity applies
 * @param gramsPerKWh the intensity applied: the energy-weighted mean of the zone's timeline over the workload's interval
 * @param pue the PUE applied
 * @param energyKWh the IT energy of the compute, kWh, PUE not included
 * @param operationalGrams intensity x energy x PUE, gCO2eq
 * @param embodiedGrams the hardware's manufacturing emissions amortised over its life, gCO2eq
 * @param networkKWh the energy of moving the payloads, kWh
 * @param networkGrams intensity x network energy, gCO2eq
 * @param latencyMs latency, milliseconds
 * @param sources every coefficient's source, one line each
 * @param notes what is assumed or left out
 */
public record PlacementEstimate(String name, String kind, String provenance, String zone, double gramsPerKWh, double pue, Range energyKWh,
        Range operationalGrams, Range embodiedGrams, Range networkKWh, Range networkGrams, Range latencyMs, List<String> sources,
        List<String> notes) {

    /** Copies the lists. @throws NullPointerException if an object is null */
    public PlacementEstimate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(energyKWh, "energyKWh");
        Objects.requireNonNull(operationalGrams, "operationalGrams");
        Objects.requireNonNull(embodiedGrams, "embodiedGrams");
        Objects.requireNonNull(networkKWh, "networkKWh");
        Objects.requireNonNull(networkGrams, "networkGrams");
        Objects.requireNonNull(latencyMs, "latencyMs");
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
    }

    /** @return operational + embodied + network emissions, gCO2eq */
    public Range totalGrams() {
        return operationalGrams.plus(embodiedGrams).plus(networkGrams);
    }
}
