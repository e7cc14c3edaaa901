package dev.greenloop.meter;

/**
 * How a component's energy was split into idle power (what the component draws when the node does nothing,
 * never attributed to a process) and dynamic power (the rest, attributed by CPU time). See docs/attribution.md.
 */
public enum IdleRule {

    /**
     * A power model's constant term is idle: the CPU curve at zero load, all of the modelled memory power. The
     * idle part comes from the model.
     */
    MODEL_CONSTANT("model-constant", "model"),

    /**
     * Kepler's rule for energy counters: in each interval the dynamic part is the interval's energy × the node's
     * CPU utilisation (busy / (busy + idle) CPU time from {@code /proc/stat}), the rest is idle. The idle part
     * comes from the measured energy and the measured utilisation.
     */
    CPU_USAGE_RATIO("cpu-usage-ratio", "measurement"),

    /**
     * A GPU's power when the meter opened it (for a measured command: before the command started) is idle, × time,
     * at most the energy of each interval. Kepler takes the lowest power it has observed; one command's run may
     * never show an idle GPU, so the reading before it is used instead. From the measurement.
     */
    BASELINE_POWER("baseline-power", "measurement"),

    /**
     * Not split: all of the component's energy counts as dynamic (a GPU that reports no power reading; see
     * docs/attribution.md).
     */
    NOT_SPLIT("not-split", "none");

    private final String label;
    private final String idleFrom;

    IdleRule(String label, String idleFrom) {
        this.label = label;
        this.idleFrom = idleFrom;
    }

    /** @return the rule's name in reports: {@code model-constant}, {@code cpu-usage-ratio}, {@code not-split} */
    public String label() {
        return label;
    }

    /** @return where the idle part comes from: {@code model}, {@code measurement} or {@code none} */
    public String idleFrom() {
        return idleFrom;
    }
}
