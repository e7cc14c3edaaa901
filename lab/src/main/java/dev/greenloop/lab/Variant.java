package dev.greenloop.lab;

import java.util.Locale;

/**
 * One variant of a model, by the name used in {@code --variant} and in profiles: {@code fp32},
 * {@code int8}, {@code int8-pc}, {@code int4}, {@code lowrank-R} (R a rank ratio in (0, 1), such as
 * {@code lowrank-0.5}), {@code pruned-P} (P a percentage from 1 to 99, such as {@code pruned-30})
 * or {@code static}.
 *
 * @param kind the technique
 * @param parameter R for low-rank, P for pruned, 0 otherwise
 */
public record Variant(Kind kind, double parameter) {

    /** The techniques, in the order {@code lab models} lists them. */
    public enum Kind {
        /** The model as published, 32-bit floats. */
        FP32("fp32", true),
        /** The int8 model the publisher ships next to fp32 (the {@code -q} artifact). */
        INT8("int8", true),
        /** The lab's own per-channel dynamic int8 quantization of the weight MatMuls. */
        INT8_PC("int8-pc", true),
        /** Block-wise 4-bit weights. */
        INT4("int4", true),
        /** SVD factorisation of the weight matrices at rank ratio R. */
        LOWRANK("lowrank-R", true),
        /** Structured pruning of attention heads and FFN neurons, P % removed. */
        PRUNED("pruned-P", true),
        /** A static-embedding student distilled from the model. */
        STATIC("static", true);

        private final String pattern;
        private final boolean built;

        Kind(String pattern, boolean built) {
            this.pattern = pattern;
            this.built = built;
        }

        /** How the name is written, with R or P standing for the parameter. */
        public String pattern() {
            return pattern;
        }

        /** Whether this version of Greenloop can run the variant: all of them now (built and distilled ones through {@link VariantBuilder}). */
        public boolean built() {
            return built;
        }
    }

    /** The published fp32 model. */
    public static final Variant FP32 = new Variant(Kind.FP32, 0);
    /** The published int8 model. */
    public static final Variant INT8 = new Variant(Kind.INT8, 0);

    /**
     * @throws IllegalArgumentException if the parameter is out of range for the kind
     */
    public Variant {
        switch (kind) {
            case LOWRANK -> {
                if (!(parameter > 0 && parameter < 1)) {
                    throw new IllegalArgumentException("lowrank rank ratio %s is not between 0 and 1 (exclusive)".formatted(parameter));
                }
            }
            case PRUNED -> {
                if (!(parameter >= 1 && parameter <= 99 && parameter == Math.rint(parameter))) {
                    throw new IllegalArgumentException("pruned percentage %s is not a whole number from 1 to 99".formatted(parameter));
                }
            }
            default -> {
                if (parameter != 0) {
                    throw new IllegalArgumentException("variant %s takes no parameter, got %s".formatted(kind.pattern, parameter));
                }
            }
        }
    }

    /**
     * Parses a variant name.
     *
     * @param name such as {@code fp32}, {@code int8}, {@code lowrank-0.5}, {@code pruned-30}
     * @return the variant, built or not (see {@link #built()})
     * @throws IllegalArgumentException naming the value and the accepted forms if it is none of them
     */
    public static Variant parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (n.equals(k.pattern)) {
                return new Variant(k, 0);
            }
        }
        try {
            if (n.startsWith("lowrank-")) {
                return new Variant(Kind.LOWRANK, Double.parseDouble(n.substring("lowrank-".length())));
            }
            if (n.startsWith("pruned-")) {
                return new Variant(Kind.PRUNED, Integer.parseInt(n.substring("pruned-".length())));
            }
        } catch (NumberFormatException e) {
            // falls through to the message listing the accepted forms
        }
        throw new IllegalArgumentException("unknown variant '%s'; one of fp32, int8, int8-pc, int4, lowrank-R (0 < R < 1), pruned-P (1..99), static"
                .formatted(name));
    }

    /** Whether this version of Greenloop can run it: every variant now ({@link VariantBuilder} builds the lab's own on first use). */
    public boolean built() {
        return kind.built;
    }

    /** The variant's name as {@link #parse} reads it. */
    public String name() {
        return switch (kind) {
            case LOWRANK -> "lowrank-" + stripZeros(parameter);
            case PRUNED -> "pruned-" + (int) parameter;
            default -> kind.pattern;
        };
    }

    private static String stripZeros(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return name();
    }
}
