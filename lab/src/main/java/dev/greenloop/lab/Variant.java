package dev.greenloop.lab;

import dev.greenloop.onnx.TransformFamily;
import dev.greenloop.onnx.Transforms;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One variant of a model, by the name used in {@code --variant} and in profiles: {@code fp32},
 * {@code int8}, {@code int8-pc}, {@code int4}, {@code lowrank-R} (R a rank ratio in (0, 1), such as
 * {@code lowrank-0.5}), {@code pruned-P} (P a percentage from 1 to 99, such as {@code pruned-30}),
 * {@code static} or {@code cascade}.
 *
 * <p>The variants built by a graph transform are not listed here: they are the onnx module's
 * registry ({@link Transforms#families()}), read once, so that a new one is a transform and one
 * registration line there (see {@code docs/extending.md}).
 *
 * @param kind the technique
 * @param parameter R for low-rank, P for pruned, 0 otherwise
 */
public record Variant(Kind kind, double parameter) {

    /**
     * A technique: published ({@code fp32}, {@code int8}), built by a transform of the onnx registry,
     * distilled ({@code static}) or a router between two of them ({@code cascade}). One instance per technique, so {@code ==} compares them.
     */
    public static final class Kind {

        /** The model as published, 32-bit floats. */
        public static final Kind FP32 = new Kind("fp32", "the model as published, 32-bit floats", null);
        /** The int8 model the publisher ships next to fp32 (the {@code -q} artifact). */
        public static final Kind INT8 = new Kind("int8", "the int8 model the publisher ships next to fp32", null);
        /** A static-embedding student distilled from the model. */
        public static final Kind STATIC = new Kind("static", "a static-embedding student distilled from the model", null);
        /** A TF-IDF bag-of-words baseline fitted on the texts profiled; no model (only {@code lab profile} runs it). */
        public static final Kind TFIDF = new Kind("tfidf", "a TF-IDF bag-of-words baseline fitted on the profiled texts, no model", null);
        /** A router: the static student where a calibrated confidence says its answer is safe, fp32 otherwise. */
        public static final Kind CASCADE = new Kind("cascade", "the static student where a calibrated confidence says it is safe, fp32 otherwise", null);

        /** Published first, then the onnx registry's in its order, then static and cascade: the order {@code lab models} lists them. */
        private static final List<Kind> ALL = all();

        private final String pattern;
        private final String description;
        private final TransformFamily family;

        private Kind(String pattern, String description, TransformFamily family) {
            this.pattern = pattern;
            this.description = description;
            this.family = family;
        }

        private static List<Kind> all() {
            List<Kind> kinds = new ArrayList<>(List.of(FP32, INT8));
            for (TransformFamily f : Transforms.families()) {
                kinds.add(new Kind(f.pattern(), f.description(), f));
            }
            kinds.add(STATIC);
            kinds.add(TFIDF);
            kinds.add(CASCADE);
            return List.copyOf(kinds);
        }

        /** Every technique, in the order {@code lab models} lists them; immutable. */
        public static List<Kind> values() {
            return ALL;
        }

        /** How the name is written, with R or P standing for the parameter. */
        public String pattern() {
            return pattern;
        }

        /** The technique in a few words. */
        public String description() {
            return description;
        }

        /** The transform family that builds it from fp32; empty for published and distilled variants. */
        public Optional<TransformFamily> family() {
            return Optional.ofNullable(family);
        }

        /** Whether this version of Greenloop can run the variant: all of them now (built and distilled ones through {@link VariantBuilder}). */
        public boolean built() {
            return true;
        }

        private String usage() {
            return family == null ? pattern : family.usage();
        }

        @Override
        public String toString() {
            return pattern;
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
        if (kind.family != null) {
            kind.family.checkParameter(parameter);
        } else if (parameter != 0) {
            throw new IllegalArgumentException("variant %s takes no parameter, got %s".formatted(kind.pattern, parameter));
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
        for (Kind k : Kind.ALL) {
            if (k.family == null || !k.family.parameterised()) {
                if (n.equals(k.pattern)) {
                    return new Variant(k, 0);
                }
            } else if (n.startsWith(k.family.prefix())) {
                try {
                    return new Variant(k, k.family.parseParameter(n.substring(k.family.prefix().length())));
                } catch (NumberFormatException e) {
                    // falls through to the message listing the accepted forms
                }
            }
        }
        throw new IllegalArgumentException("unknown variant '%s'; one of %s".formatted(name,
                String.join(", ", Kind.ALL.stream().map(Kind::usage).toList())));
    }

    /** Whether this version of Greenloop can run it: every variant now ({@link VariantBuilder} builds the lab's own on first use). */
    public boolean built() {
        return kind.built();
    }

    /** The variant's name as {@link #parse} reads it. */
    public String name() {
        return kind.family != null ? kind.family.name(parameter) : kind.pattern;
    }

    @Override
    public String toString() {
        return name();
    }
}
