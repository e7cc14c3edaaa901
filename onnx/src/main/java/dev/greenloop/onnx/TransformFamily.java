package dev.greenloop.onnx;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One variant technique by name, registered once in {@link Transforms#families()}: the name the lab
 * offers it under ({@link #pattern()}, such as {@code int4} or {@code lowrank-R}), the transform a
 * variant of that name builds, and the other names of the technique this module reads
 * ({@code int4-zp}, {@code pruned-ffn-P}...). The lab's variants and {@link Transforms#parse} both read
 * this one registry, so a new variant is a new {@link Transform} with its family and one line in
 * {@link Transforms}' list (see {@code docs/extending.md}).
 */
public interface TransformFamily {

    /** The lab's name of the variant, {@code R} or {@code P} standing for a parameter: {@code int8-pc}, {@code lowrank-R}, {@code pruned-P}. */
    String pattern();

    /** The technique in a few words, for listings. */
    String description();

    /**
     * The transform of the lab's variant with this parameter (0 when the family takes none).
     *
     * @throws IllegalArgumentException naming the parameter if it is out of range ({@link #checkParameter})
     */
    Transform transform(double parameter);

    /** Whether the variant's name carries a parameter ({@link #pattern()} ends in {@code -R} or {@code -P}). */
    default boolean parameterised() {
        return pattern().endsWith("-R") || pattern().endsWith("-P");
    }

    /** What comes before the parameter in a name: {@code lowrank-} for {@code lowrank-R}; the whole pattern when it takes none. */
    default String prefix() {
        return parameterised() ? pattern().substring(0, pattern().length() - 1) : pattern();
    }

    /**
     * Reads the parameter of a lab variant's name, the text after {@link #prefix()}.
     *
     * @throws NumberFormatException if it is not a number of the family's kind
     */
    default double parseParameter(String text) {
        return Double.parseDouble(text);
    }

    /**
     * Checks the parameter of a lab variant (0 for a family without one).
     *
     * @throws IllegalArgumentException naming the value if it is out of range
     */
    default void checkParameter(double parameter) {
        if (!parameterised() && parameter != 0) {
            throw new IllegalArgumentException("variant %s takes no parameter, got %s".formatted(pattern(), parameter));
        }
    }

    /** The lab variant's name with this parameter: {@code lowrank-0.5}, {@code int4}. */
    default String name(double parameter) {
        return parameterised() ? prefix() + BigDecimal.valueOf(parameter).stripTrailingZeros().toPlainString() : pattern();
    }

    /** The pattern with its range, for messages: {@code lowrank-R (0 < R < 1)}. */
    default String usage() {
        return pattern();
    }

    /** Every name form {@link #parse} reads, for messages: {@code int4}, {@code int4-zp}, {@code int4-bN}. */
    default List<String> forms() {
        return List.of(pattern());
    }

    /**
     * The transform a name of this family stands for, with the looser ranges and extra forms of {@link Transforms#parse}.
     *
     * @return empty if the name is not of this family
     * @throws IllegalArgumentException if it is, but its parameter is out of range
     * @throws NumberFormatException if it is, but its parameter is not a number
     */
    default Optional<Transform> parse(String name) {
        if (!parameterised()) {
            return name.equals(pattern()) ? Optional.of(transform(0)) : Optional.empty();
        }
        return name.startsWith(prefix()) ? Optional.of(transform(parseParameter(name.substring(prefix().length())))) : Optional.empty();
    }

    /** A family of one name without a parameter, such as {@code int8-pc}. */
    static TransformFamily of(String name, String description, Supplier<Transform> transform) {
        return new TransformFamily() {
            @Override
            public String pattern() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Transform transform(double parameter) {
                checkParameter(parameter);
                return transform.get();
            }
        };
    }
}
