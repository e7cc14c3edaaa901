package dev.greenloop.lab;

/**
 * A letter for a variant's energy per query, <b>relative</b> to the fp32 reference's energy per
 * query on the same texts, machine and meter: the ratio r = variant's joules per query ÷ fp32's.
 *
 * <table>
 *   <caption>The rule (upper bounds inclusive)</caption>
 *   <tr><th>label</th><th>r</th><th>reads as</th></tr>
 *   <tr><td>A</td><td>≤ 0.2</td><td>at least 5× less energy than fp32</td></tr>
 *   <tr><td>B</td><td>≤ 0.4</td><td>at least 2.5× less</td></tr>
 *   <tr><td>C</td><td>≤ 0.6</td><td></td></tr>
 *   <tr><td>D</td><td>≤ 0.8</td><td></td></tr>
 *   <tr><td>E</td><td>≤ 1.0</td><td>no worse than fp32 (fp32 itself, at the same settings)</td></tr>
 *   <tr><td>F</td><td>≤ 1.5</td><td>up to 50 % more</td></tr>
 *   <tr><td>G</td><td>&gt; 1.5</td><td></td></tr>
 * </table>
 *
 * <p>Inspired by the AI Energy Score's relative star rating (Hugging Face and partners, 2025), which
 * rates models of one task against the others measured on the same hardware. Here the yardstick is
 * one model, the published fp32, so a letter compares variants of one model on one machine and
 * says nothing across machines, models or data sets; equal steps of 0.2 make each letter mean the
 * same saving. The letter follows the energy figure's provenance: from modelled energy it is a
 * modelled letter.
 */
public enum EnergyLabel {
    /** r ≤ 0.2. */
    A(0.2),
    /** r ≤ 0.4. */
    B(0.4),
    /** r ≤ 0.6. */
    C(0.6),
    /** r ≤ 0.8. */
    D(0.8),
    /** r ≤ 1.0. */
    E(1.0),
    /** r ≤ 1.5. */
    F(1.5),
    /** r &gt; 1.5. */
    G(Double.POSITIVE_INFINITY);

    /** The rule in one line, as results print and write it ({@code energyLabelRule} in their JSON). */
    public static final String RULE = "relative to the fp32 reference's joules per query: A <= 0.2x, B <= 0.4x, C <= 0.6x, D <= 0.8x, E <= 1.0x, F <= 1.5x, G above";

    private final double maxRatio;

    EnergyLabel(double maxRatio) {
        this.maxRatio = maxRatio;
    }

    /** The largest ratio to the reference that still gets this label (infinite for G). */
    public double maxRatio() {
        return maxRatio;
    }

    /**
     * The label of a variant.
     *
     * @param joulesPerQuery the variant's energy per query, at least 0
     * @param referenceJoulesPerQuery fp32's energy per query on the same texts and machine, above 0
     * @return the label of the ratio
     * @throws IllegalArgumentException naming the value if the variant's energy is negative or not a
     *     number, or the reference's is not above 0
     */
    public static EnergyLabel of(double joulesPerQuery, double referenceJoulesPerQuery) {
        if (!(joulesPerQuery >= 0)) {
            throw new IllegalArgumentException("energy per query %s J is not a non-negative number".formatted(joulesPerQuery));
        }
        if (!(referenceJoulesPerQuery > 0) || Double.isInfinite(referenceJoulesPerQuery)) {
            throw new IllegalArgumentException("reference energy per query %s J is not above 0: no label can be relative to it".formatted(referenceJoulesPerQuery));
        }
        for (EnergyLabel l : values()) {
            // Compare products, not the ratio: 0.2 × ref is exactly what a variant at 0.2× measures.
            if (joulesPerQuery <= l.maxRatio * referenceJoulesPerQuery) {
                return l;
            }
        }
        return G;
    }
}
