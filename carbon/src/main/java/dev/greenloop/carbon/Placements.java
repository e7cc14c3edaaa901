package dev.greenloop.carbon;

import dev.greenloop.carbon.placement.Coefficients;
import dev.greenloop.core.CarbonAccounting;
import dev.greenloop.core.Energy;
import dev.greenloop.core.EnergySlice;
import dev.greenloop.core.IntensityTimeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Energy, carbon and latency of a measured workload in other placements: on this node (measured), on cloud instance
 * types in regions (modelled with Cloud Carbon Footprint's coefficients), and on an edge device. Every estimate is a
 * {@link Range} and names its sources; {@link #rank(List)} orders them by carbon. The coefficient tables are CSV
 * resources of this module, each row with its source (see {@code docs/compare.md}). Stateless and thread-safe.
 */
public final class Placements {

    private static final double HOURS_PER_YEAR = 365.25 * 24;
    private static final double JOULES_PER_KWH = 3.6e6;

    private final Coefficients tables;
    private final IntensityProvider intensities;

    private Placements(Coefficients tables, IntensityProvider intensities) {
        this.tables = tables;
        this.intensities = intensities;
    }

    /**
     * @param intensities where grid intensities come from: the built-in {@link ZoneTable}, a trace, a live provider
     * @return placements with the built-in coefficient tables
     * @throws NullPointerException if {@code intensities} is null
     */
    public static Placements of(IntensityProvider intensities) {
        return new Placements(Coefficients.builtIn(), java.util.Objects.requireNonNull(intensities, "intensities"));
    }

    /**
     * The node that measured the workload.
     *
     * @param node its name
     * @param zone its grid zone
     * @param pue its site's PUE
     * @param pueOrigin where the PUE comes from, in words, such as {@code assumed (pass --pue)}
     * @param embodiedKg its manufacturing emissions, kgCO2eq, where known
     * @param years its hardware life
     */
    public record OnPremises(String node, String zone, double pue, String pueOrigin, OptionalDouble embodiedKg, double years) {
        /** @throws IllegalArgumentException if the PUE is below 1 or the years not positive, naming the value */
        public OnPremises {
            checkPue(pue);
            checkYears(years);
        }
    }

    /**
     * An edge or on-device placement.
     *
     * @param name what it is, such as {@code edge (raspberry-pi)}
     * @param energyJoules its energy for the workload
     * @param measured whether measured there (a stored profile) or modelled from a power and a latency
     * @param latencyMs its latency
     * @param zone the grid zone it draws power from
     * @param embodiedKg its manufacturing emissions, kgCO2eq, where known
     * @param years its hardware life
     * @param source where its figures come from
     */
    public record Edge(String name, Range energyJoules, boolean measured, Range latencyMs, String zone, OptionalDouble embodiedKg,
            double years, String source) {
        /** @throws IllegalArgumentException if the years are not positive, naming the value */
        public Edge {
            checkYears(years);
        }

        /**
         * An edge device modelled from its power draw while working.
         *
         * @param watts its power while working, W
         * @param latencyMs its latency for one unit of work, ms
         * @param units how many units of work (queries) the workload is
         */
        public static Edge ofPower(double watts, double latencyMs, double units, String zone, OptionalDouble embodiedKg, double years) {
            if (!(watts > 0) || !Double.isFinite(watts)) {
                throw new IllegalArgumentException("edge power must be a number of watts > 0, was " + watts);
            }
            if (!(latencyMs > 0) || !Double.isFinite(latencyMs)) {
                throw new IllegalArgumentException("edge latency must be a number of milliseconds > 0, was " + latencyMs);
            }
            double joules = watts * latencyMs / 1000 * units;
            return new Edge("edge", Range.of(joules), false, Range.of(latencyMs), zone, embodiedKg, years,
                    "edge: %s W x %s ms per unit, given by the user".formatted(watts, latencyMs));
        }
    }

    /**
     * The workload where it was measured.
     *
     * @throws UnknownZoneException if the intensity provider does not know the node's zone
     */
    public PlacementEstimate onPremises(Workload w, OnPremises node) {
        Intensity i = intensity(node.zone(), w);
        Range kwh = w.energyJoules().times(1 / JOULES_PER_KWH);
        List<String> sources = new ArrayList<>(List.of("energy: " + (w.measured() ? "measured on " : "modelled on ") + node.node(), i.source(),
                "PUE %s: %s".formatted(node.pue(), node.pueOrigin())));
        List<String> notes = new ArrayList<>();
        Range embodied = Range.of(0);
        if (node.embodiedKg().isPresent()) {
            embodied = Range.of(node.embodiedKg().getAsDouble() * 1000 * w.wallSeconds() / 3600 / (node.years() * HOURS_PER_YEAR));
            sources.add("embodied: %s kgCO2eq over %s years, given by the user".formatted(node.embodiedKg().getAsDouble(), node.years()));
        } else {
            notes.add("embodied not counted: pass --embodied-kg");
        }
        notes.add("payloads stay on the local network: no network energy counted");
        return new PlacementEstimate("on-premises (" + node.node() + ")", "on-premises", w.measured() ? "measured" : "modelled", node.zone(),
                i.gramsPerKWh(), node.pue(), kwh, kwh.times(i.gramsPerKWh() * node.pue()), embodied, Range.of(0), Range.of(0), w.latencyMs(),
                sources, notes);
    }

    /**
     * The workload on a cloud instance type in a region, modelled after Cloud Carbon Footprint: watts per vCPU
     * between the microarchitecture's min and max (at the workload's utilisation where known), plus memory at
     * 0..0.392 W/GB, times the provider's PUE; embodied emissions of the host shared by vCPU and amortised over
     * 4 years; the payloads' network energy at 0.001..0.06 kWh/GB.
     *
     * @param spec {@code provider:type@region}, such as {@code aws:m5.xlarge@eu-north-1}
     * @param rttMs the network round trip between the users and the region, added to the latency (0 when not known)
     * @throws UnknownPlacementException if the spec is malformed or names an unknown provider, type or region, naming
     *     it and the known ones
     * @throws UnknownZoneException if the intensity provider does not know the region's zone
     */
    public PlacementEstimate cloud(Workload w, String spec, double rttMs) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        int colon = s.indexOf(':');
        int at = s.indexOf('@');
        if (colon <= 0 || at <= colon + 1 || at == s.length() - 1) {
            throw new UnknownPlacementException("cloud placement '%s' is not provider:type@region; write e.g. aws:m5.xlarge@eu-north-1".formatted(spec));
        }
        String provider = s.substring(0, colon);
        Coefficients.Provider p = tables.providers.get(provider);
        if (p == null) {
            throw new UnknownPlacementException("cloud provider '%s' in '%s' is not known; use one of %s".formatted(provider, spec, tables.providers.keySet()));
        }
        Coefficients.Instance type = tables.instances.get(Coefficients.key(provider, s.substring(colon + 1, at)));
        if (type == null) {
            throw new UnknownPlacementException("instance type '%s' in '%s' is not in the table; known: %s".formatted(s.substring(colon + 1, at), spec,
                    known(tables.instances.keySet())));
        }
        Coefficients.Region region = tables.regions.get(Coefficients.key(provider, s.substring(at + 1)));
        if (region == null) {
            throw new UnknownPlacementException("region '%s' in '%s' is not in the table; known: %s".formatted(s.substring(at + 1), spec,
                    known(tables.regions.keySet())));
        }
        if (!(rttMs >= 0) || !Double.isFinite(rttMs)) {
            throw new IllegalArgumentException("round trip must be a number of milliseconds >= 0, was " + rttMs);
        }
        double minW = 0;
        double maxW = 0;
        for (String a : type.microarchitectures()) {
            minW += tables.microarchitectures.get(a).minWatts();
            maxW += tables.microarchitectures.get(a).maxWatts();
        }
        minW /= type.microarchitectures().size();
        maxW /= type.microarchitectures().size();
        Range wattsPerVcpu = w.utilisation().isPresent()
                ? Range.of(minW + w.utilisation().getAsDouble() * (maxW - minW))
                : new Range(minW, maxW);
        double vcpuHours = w.cpuSeconds().isPresent() ? w.cpuSeconds().getAsDouble() / 3600 : type.vcpus() * w.wallSeconds() / 3600;
        double instanceHours = vcpuHours / type.vcpus();
        Range kwh = wattsPerVcpu.times(vcpuHours / 1000).plus(new Range(0, type.memoryGb() * Coefficients.MEMORY_WATTS_PER_GB * instanceHours / 1000));
        Intensity i = intensity(region.zone(), w);
        Range embodied = Range.of(type.embodiedKgHost() * 1000 * vcpuHours / (type.hostVcpus() * Coefficients.CLOUD_LIFE_YEARS * HOURS_PER_YEAR));
        Range networkKWh = new Range(tables.networkLowKWhPerGb, tables.networkHighKWhPerGb).times(w.payloadBytes() / 1e9);
        List<String> sources = List.of(
                "watts per vCPU %.3f..%.3f (%s): %s".formatted(minW, maxW, String.join(", ", type.microarchitectures()),
                        tables.microarchitectures.get(type.microarchitectures().getFirst()).source()),
                Coefficients.MEMORY_SOURCE,
                "PUE %s: %s".formatted(p.pue(), p.source()),
                "region %s -> zone %s: %s".formatted(region.region(), region.zone(), region.source()),
                i.source(),
                "embodied %s kgCO2eq per host of %d vCPUs over %s years: %s".formatted(type.embodiedKgHost(), type.hostVcpus(),
                        Coefficients.CLOUD_LIFE_YEARS, type.source()),
                "network %s..%s kWh/GB: %s; %s".formatted(tables.networkLowKWhPerGb, tables.networkHighKWhPerGb, tables.networkLowSource,
                        tables.networkHighSource));
        List<String> notes = new ArrayList<>();
        notes.add(w.utilisation().isPresent() ? "power at the measured utilisation %.0f %%".formatted(100 * w.utilisation().getAsDouble())
                : "utilisation not known: full min..max watts");
        notes.add(w.cpuSeconds().isPresent() ? "vCPU-hours from the profile's CPU seconds" : "the instance's every vCPU for the run's wall time");
        notes.add("same speed as the measuring node assumed");
        if (rttMs == 0) {
            notes.add("latency excludes the network round trip: pass --rtt-ms");
        }
        return new PlacementEstimate("%s:%s@%s".formatted(p.name(), type.type(), region.region()), "cloud", "modelled", region.zone(),
                i.gramsPerKWh(), p.pue(), kwh, kwh.times(i.gramsPerKWh() * p.pue()), embodied, networkKWh, networkKWh.times(i.gramsPerKWh()),
                new Range(w.latencyMs().low() + rttMs, w.latencyMs().high() + rttMs), sources, notes);
    }

    /**
     * The workload on an edge device; the payloads are born there, so no network energy is counted.
     *
     * @throws UnknownZoneException if the intensity provider does not know the device's zone
     */
    public PlacementEstimate edge(Workload w, Edge edge) {
        Intensity i = intensity(edge.zone(), w);
        Range kwh = edge.energyJoules().times(1 / JOULES_PER_KWH);
        List<String> sources = new ArrayList<>(List.of(edge.source(), i.source(), "PUE 1: a device, no data-centre overhead"));
        List<String> notes = new ArrayList<>(List.of("payloads are processed where they are made: no network energy counted"));
        Range embodied = Range.of(0);
        if (edge.embodiedKg().isPresent()) {
            // The device is reserved for the workload's wall time on this node: a lower bound on its own busy time.
            embodied = Range.of(edge.embodiedKg().getAsDouble() * 1000 * w.wallSeconds() / 3600 / (edge.years() * HOURS_PER_YEAR));
            sources.add("embodied: %s kgCO2eq over %s years, given by the user".formatted(edge.embodiedKg().getAsDouble(), edge.years()));
        } else {
            notes.add("embodied not counted: pass --edge-embodied-kg");
        }
        return new PlacementEstimate(edge.name(), "edge", edge.measured() ? "measured" : "modelled", edge.zone(), i.gramsPerKWh(), 1, kwh,
                kwh.times(i.gramsPerKWh()), embodied, Range.of(0), Range.of(0), edge.latencyMs(), sources, notes);
    }

    /**
     * @return the estimates ordered by total carbon, lowest first: by the midpoint of the range, then its upper bound,
     *     then name; a new immutable list
     */
    public static List<PlacementEstimate> rank(List<PlacementEstimate> estimates) {
        List<PlacementEstimate> ranked = new ArrayList<>(estimates);
        ranked.sort(Comparator.comparingDouble((PlacementEstimate e) -> e.totalGrams().mid())
                .thenComparingDouble(e -> e.totalGrams().high()).thenComparing(PlacementEstimate::name));
        return List.copyOf(ranked);
    }

    /** @return the instance types the tables hold, as {@code provider:type} */
    public List<String> instanceTypes() {
        return List.copyOf(tables.instances.keySet());
    }

    /** @return the regions the tables hold, as {@code provider:region} */
    public List<String> regions() {
        return List.copyOf(tables.regions.keySet());
    }

    private record Intensity(double gramsPerKWh, String source) {
    }

    /** The energy-weighted mean intensity of the zone over the workload's interval (hour by hour where the timeline has hours). */
    private Intensity intensity(String zone, Workload w) {
        IntensityTimeline timeline = intensities.timeline(zone);
        double grams = CarbonAccounting.account(List.of(new EnergySlice(w.interval(), Energy.ofJoules(JOULES_PER_KWH))), timeline, 1)
                .emissions().grams();
        return new Intensity(grams, "intensity %.1f gCO2eq/kWh of %s (%s): %s".formatted(grams, zone, timeline.signal().label(), timeline.signal().source()));
    }

    private static String known(java.util.Set<String> keys) {
        return String.join(", ", keys);
    }

    private static void checkPue(double pue) {
        if (!(pue >= 1) || !Double.isFinite(pue)) {
            throw new IllegalArgumentException("PUE must be a number >= 1, was " + pue);
        }
    }

    private static void checkYears(double years) {
        if (!(years > 0) || !Double.isFinite(years)) {
            throw new IllegalArgumentException("hardware life must be a number of years > 0, was " + years);
        }
    }
}
