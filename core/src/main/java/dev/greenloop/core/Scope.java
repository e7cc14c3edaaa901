package dev.greenloop.core;

/**
 * What part of a node an energy figure covers. Scopes overlap ({@code psys} ⊇ {@code cpu-package}
 * ⊇ {@code core}); the meter never sums overlapping scopes, and {@link #isBreakdown()} scopes are
 * shown only as a breakdown of their package.
 */
public enum Scope {
    /** A CPU package (socket, or one die of it): RAPL {@code package-N}. */
    CPU_PACKAGE("cpu-package", false),
    /** DRAM attached to a package: RAPL {@code dram}. */
    DRAM("dram", false),
    /** The platform (SoC, package and more): RAPL {@code psys}. */
    PSYS("psys", false),
    /** All CPUs of the node, from a power model. */
    CPU("cpu", false),
    /** All memory of the node, from a power model. */
    MEMORY("memory", false),
    /** One GPU. */
    GPU("gpu", false),
    /** The cores of a package (RAPL {@code core}, PP0): part of {@link #CPU_PACKAGE}. */
    CORE("core", true),
    /** The uncore or integrated GPU of a package (RAPL {@code uncore}, PP1): part of {@link #CPU_PACKAGE}. */
    UNCORE("uncore", true),
    /** A whole system, as a wall meter sees it. */
    SYSTEM("system", false);

    private final String label;
    private final boolean breakdown;

    Scope(String label, boolean breakdown) {
        this.label = label;
        this.breakdown = breakdown;
    }

    /** @return the name used in JSON, CSV and the store, such as {@code cpu-package} */
    public String label() {
        return label;
    }

    /** @return true if this scope is contained in another counted scope and is never added to a total */
    public boolean isBreakdown() {
        return breakdown;
    }

    /**
     * @param label a label as {@link #label()} writes it
     * @return the scope with that label
     * @throws IllegalArgumentException naming the label if no scope has it
     */
    public static Scope fromLabel(String label) {
        for (Scope s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + label + "'");
    }
}
