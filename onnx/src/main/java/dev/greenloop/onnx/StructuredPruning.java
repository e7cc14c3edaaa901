package dev.greenloop.onnx;

import java.util.List;
import java.util.Optional;

/**
 * The registry entry of structured pruning ({@link FfnPruning} then {@link HeadPruning}): {@code pruned-P} in the
 * lab (P a whole percentage from 1 to 99), and {@code pruned-P}, {@code pruned-ffn-P}, {@code pruned-heads-P}
 * (0 &lt;= P &lt; 100) for {@link Transforms#parse}.
 */
final class StructuredPruning {

    private StructuredPruning() {
    }

    static final TransformFamily FAMILY = new TransformFamily() {
        @Override
        public String pattern() {
            return "pruned-P";
        }

        @Override
        public String description() {
            return "structured pruning of attention heads and FFN neurons, P % removed";
        }

        @Override
        public Transform transform(double parameter) {
            return Transforms.pruned(parameter);
        }

        @Override
        public double parseParameter(String text) {
            return Integer.parseInt(text);
        }

        @Override
        public void checkParameter(double parameter) {
            if (!(parameter >= 1 && parameter <= 99 && parameter == Math.rint(parameter))) {
                throw new IllegalArgumentException("pruned percentage %s is not a whole number from 1 to 99".formatted(parameter));
            }
        }

        @Override
        public String name(double parameter) {
            return "pruned-" + (int) parameter;
        }

        @Override
        public String usage() {
            return "pruned-P (1..99)";
        }

        @Override
        public List<String> forms() {
            return List.of("pruned-P", "pruned-ffn-P", "pruned-heads-P (0 <= P < 100)");
        }

        @Override
        public Optional<Transform> parse(String name) {
            if (name.startsWith("pruned-ffn-")) {
                return Optional.of(Transforms.prunedFfn(Double.parseDouble(name.substring(11))));
            }
            if (name.startsWith("pruned-heads-")) {
                return Optional.of(Transforms.prunedHeads(Double.parseDouble(name.substring(13))));
            }
            if (name.startsWith("pruned-")) {
                return Optional.of(Transforms.pruned(Double.parseDouble(name.substring(7))));
            }
            return Optional.empty();
        }
    };
}
