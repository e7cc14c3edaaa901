package dev.greenloop.app;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code greenloop report} is asked for: a period, a selection of stored runs, a functional unit, and the user's
 * inputs that the store does not hold (contractual instruments, embodied emissions). Immutable.
 *
 * <p>A run is selected when it started in {@code [from, to)}, ran on one of {@code nodes} (any node when empty), carries
 * every tag of {@code tags}, and has an outcome (a run still going is left out). A selected run counts whole, even
 * where it ends after {@code to}.
 *
 * @param from the period's start, inclusive
 * @param to the period's end, exclusive, after {@code from}
 * @param nodes the nodes to report on, by name; empty for every node
 * @param tags tags every selected run must carry, key to value; empty for no condition
 * @param unit the functional unit of the SCI score
 * @param instruments the contractual instruments and residual mixes for the market-based figure; may be empty
 * @param embodiedKg manufacturing emissions of each node's hardware, kgCO2eq, by node name; a node not named has none
 *     counted, and the report says so
 * @param lifeYears the expected life of the hardware over which embodied emissions are amortised, years, {@code > 0}
 * @param command the command line that asked for the report, recorded in it
 * @param hardware each node's components and their counts, for embodied emissions from {@code factors}; a node with an
 *     {@code embodiedKg} figure uses that instead
 * @param factors the manufacturing factors by component ({@link EmbodiedFactors})
 */
public record ReportRequest(Instant from, Instant to, List<String> nodes, Map<String, String> tags, FunctionalUnit unit,
        List<Instrument> instruments, Map<String, Double> embodiedKg, double lifeYears, String command,
        Map<String, Map<String, Double>> hardware, Map<String, EmbodiedFactors.Factor> factors) {

    /** A request without a hardware list: embodied emissions only from {@code embodiedKg}. */
    public ReportRequest(Instant from, Instant to, List<String> nodes, Map<String, String> tags, FunctionalUnit unit, List<Instrument> instruments,
            Map<String, Double> embodiedKg, double lifeYears, String command) {
        this(from, to, nodes, tags, unit, instruments, embodiedKg, lifeYears, command, Map.of(), Map.of());
    }

    /** The default hardware life, years: the 4 years that {@code compare} and Cloud Carbon Footprint amortise over. */
    public static final double DEFAULT_LIFE_YEARS = 4;

    /**
     * The functional unit R of SCI = (E × I + M) per R.
     */
    public enum FunctionalUnit {
        /** per query served: R is the sum of the selected runs' {@code queries} tags */
        QUERY,
        /** per scheduled job: R is the number of jobs whose measured run is selected */
        JOB,
        /** per measured run: R is the number of selected runs */
        RUN;

        /** @return the name users write: {@code query}, {@code job}, {@code run} */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * @param text as the user wrote it
         * @throws ConfigException naming the value and the accepted ones
         */
        public static FunctionalUnit parse(String text) {
            for (FunctionalUnit u : values()) {
                if (u.label().equalsIgnoreCase(text.strip())) {
                    return u;
                }
            }
            throw new ConfigException("--unit: '%s' is not a functional unit; use query, job or run".formatted(text));
        }
    }

    /**
     * Copies the collections.
     *
     * @throws ConfigException if {@code to} is not after {@code from}, the life is not a positive number, or an embodied
     *     figure is negative or not a number
     */
    public ReportRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(command, "command");
        if (!to.isAfter(from)) {
            throw new ConfigException("--from %s is not before --to %s; give a period that ends after it starts".formatted(from, to));
        }
        if (!(lifeYears > 0) || !Double.isFinite(lifeYears)) {
            throw new ConfigException("--life-years: %s is not a positive number of years; hardware is commonly amortised over 4".formatted(lifeYears));
        }
        for (var e : embodiedKg.entrySet()) {
            if (!(e.getValue() >= 0) || !Double.isFinite(e.getValue())) {
                throw new ConfigException("--embodied-kg %s=%s: give the node's manufacturing emissions as kgCO2eq >= 0, e.g. %s=1200"
                        .formatted(e.getKey(), e.getValue(), e.getKey()));
            }
        }
        nodes = List.copyOf(nodes);
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        instruments = List.copyOf(instruments);
        embodiedKg = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(embodiedKg));
        for (var node : hardware.entrySet()) {
            for (String component : node.getValue().keySet()) {
                if (!factors.containsKey(component)) {
                    throw new ConfigException("--hardware: node %s has component '%s', which the factors table lacks; use one of %s, or add a row for it with --embodied-factors"
                            .formatted(node.getKey(), component, String.join(", ", factors.keySet())));
                }
            }
        }
        Map<String, Map<String, Double>> hw = new LinkedHashMap<>();
        hardware.forEach((n, c) -> hw.put(n, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(c))));
        hardware = java.util.Collections.unmodifiableMap(hw);
        factors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(factors));
    }
}
