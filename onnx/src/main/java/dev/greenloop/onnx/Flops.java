package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.GraphProto;
import dev.greenloop.onnx.proto.ModelProto;
import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.TensorShapeProto;
import dev.greenloop.onnx.proto.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Counts the multiply-adds (MACs) of one query from the graph alone, without running it.
 *
 * <p>Counted: MatMul and MatMulInteger ({@code batch · M · K · N} for {@code [..., M, K] × [..., K, N]}, the
 * batch being the broadcast leading dimensions), Gemm ({@code M · K · N}) and com.microsoft MatMulNBits
 * ({@code rows · K · N}). Everything else (softmax, layer norm, GELU, adds) is not counted: in a BERT-style
 * encoder it is a few percent of the work. FLOPs are reported as {@code 2 × MACs}.
 *
 * <p>Shapes come from the graph inputs with their symbolic dimensions bound (by default: a dimension whose name
 * contains "batch" is 1, every other symbolic dimension is the sequence length L), propagated through the graph
 * by {@link ShapeInference}, which also evaluates the small integer computations exported models use to build
 * Reshape targets (Shape → Gather → Unsqueeze → Concat). A matrix product whose operand shapes cannot be
 * inferred is listed in {@link Count#unresolved()} rather than guessed.
 */
public final class Flops {

    private Flops() {}

    /**
     * One matrix product's count.
     *
     * @param node the node's name (or first output)
     * @param opType its operator
     * @param weight whether its B is a constant (a weight) rather than an activation
     * @param multiplyAdds its multiply-adds
     */
    public record NodeCount(String node, String opType, boolean weight, long multiplyAdds) {}

    /**
     * The count for one query.
     *
     * @param multiplyAdds all counted multiply-adds
     * @param weightMultiplyAdds those of products with a constant weight (what int8/int4/low-rank/pruning change)
     * @param nodes each counted node, in graph order
     * @param unresolved matrix products whose shapes could not be inferred, so not counted
     */
    public record Count(long multiplyAdds, long weightMultiplyAdds, List<NodeCount> nodes, List<String> unresolved) {

        /** Copies the lists. */
        public Count {
            nodes = List.copyOf(nodes);
            unresolved = List.copyOf(unresolved);
        }

        /** Floating-point (or integer) operations, two per multiply-add. */
        public long flops() {
            return 2 * multiplyAdds;
        }
    }

    /**
     * The count for one query of {@code sequenceLength} tokens (batch 1).
     *
     * @throws IllegalArgumentException if {@code sequenceLength} is not positive
     */
    public static Count perQuery(ModelProto model, long sequenceLength) {
        if (sequenceLength <= 0) {
            throw new IllegalArgumentException("sequence length must be positive, not " + sequenceLength);
        }
        return count(model, name -> name.toLowerCase(Locale.ROOT).contains("batch") ? 1 : sequenceLength);
    }

    /** The count with each symbolic input dimension bound by {@code dims} (by its {@code dim_param} name). */
    public static Count count(ModelProto model, java.util.function.ToLongFunction<String> dims) {
        GraphProto graph = model.getGraph();
        ShapeInference shapes = new ShapeInference(graph);
        Set<String> initializers = Graphs.initializers(graph).keySet();
        for (ValueInfoProto in : graph.getInputList()) {
            if (initializers.contains(in.getName()) || !in.getType().hasTensorType()) {
                continue;
            }
            TensorShapeProto shape = in.getType().getTensorType().getShape();
            long[] s = new long[shape.getDimCount()];
            for (int i = 0; i < s.length; i++) {
                TensorShapeProto.Dimension d = shape.getDim(i);
                s[i] = d.hasDimValue() ? d.getDimValue() : dims.applyAsLong(d.getDimParam());
            }
            shapes.setInput(in.getName(), s);
        }
        shapes.run();
        long total = 0;
        long weights = 0;
        List<NodeCount> counted = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        for (NodeProto node : graph.getNodeList()) {
            long macs = switch (node.getOpType()) {
                case "MatMul", "MatMulInteger" -> matMul(shapes.shape(node.getInput(0)), shapes.shape(node.getInput(1)));
                case "Gemm" -> gemm(node, shapes.shape(node.getInput(0)), shapes.shape(node.getInput(1)));
                case "MatMulNBits" -> nBits(node, shapes.shape(node.getInput(0)));
                default -> -2;
            };
            if (macs == -2) {
                continue;
            }
            if (macs < 0) {
                unresolved.add(Graphs.label(node));
                continue;
            }
            boolean weight = node.getInputCount() > 1 && initializers.contains(node.getInput(1));
            counted.add(new NodeCount(Graphs.label(node), node.getOpType(), weight, macs));
            total += macs;
            if (weight) {
                weights += macs;
            }
        }
        return new Count(total, weights, counted, unresolved);
    }

    private static long matMul(long[] a, long[] b) {
        if (a == null || b == null || a.length == 0 || b.length == 0) {
            return -1;
        }
        long m = a.length == 1 ? 1 : a[a.length - 2];
        long k = a[a.length - 1];
        long n = b.length == 1 ? 1 : b[b.length - 1];
        long batch = 1;
        int batchRank = Math.max(a.length, b.length) - 2;
        for (int i = 0; i < batchRank; i++) {
            long da = dimFromEnd(a, i + 2);
            long db = dimFromEnd(b, i + 2);
            batch *= Math.max(da, db);
        }
        return batch * m * k * n;
    }

    private static long dimFromEnd(long[] s, int fromEnd) {
        int i = s.length - 1 - fromEnd;
        return i >= 0 ? s[i] : 1;
    }

    private static long gemm(NodeProto node, long[] a, long[] b) {
        if (a == null || b == null || a.length != 2 || b.length != 2) {
            return -1;
        }
        boolean ta = Graphs.intAttribute(node, "transA").orElse(0L) != 0;
        boolean tb = Graphs.intAttribute(node, "transB").orElse(0L) != 0;
        long m = ta ? a[1] : a[0];
        long k = ta ? a[0] : a[1];
        long n = tb ? b[0] : b[1];
        return m * k * n;
    }

    private static long nBits(NodeProto node, long[] a) {
        if (a == null || a.length == 0) {
            return -1;
        }
        long rows = 1;
        for (int i = 0; i < a.length - 1; i++) {
            rows *= a[i];
        }
        return rows * Graphs.intAttribute(node, "K").orElse(a[a.length - 1]) * Graphs.intAttribute(node, "N").orElse(-1L);
    }

    /** Multiply-adds per node name, for tests and reports. */
    static Map<String, Long> byNode(Count count) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        for (NodeCount c : count.nodes()) {
            m.put(c.node(), c.multiplyAdds());
        }
        return m;
    }
}
