package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.GraphProto;
import dev.greenloop.onnx.proto.ModelProto;
import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.TensorProto;
import dev.greenloop.onnx.proto.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structured pruning of transformer FFN blocks: in each {@code MatMul(X, W1 K×N) → [Add b1] → elementwise
 * activation → MatMul(·, W2 N×M)} block, the {@code round(P/100 · N)} intermediate neurons with the smallest
 * importance are removed, shrinking W1 to K×N', b1 to N' and W2 to N'×M, so both MatMuls really do less work.
 *
 * <p>Importance of neuron j is the L2 norm of everything it owns: column j of W1, b1[j] and row j of W2. The
 * activation region may be any DAG of elementwise operators (Relu, the Div/Erf/Add/Mul/Mul of exported GELU, Tanh
 * approximations...) whose other inputs are scalars; a block whose intermediate is read anywhere else, or whose
 * weights are shared, is left alone and reported as skipped.
 */
final class FfnPruning implements Transform {

    private static final Set<String> ELEMENTWISE = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Erf", "Relu", "Gelu",
            "Tanh", "Sigmoid", "Sqrt", "Neg", "Abs", "Exp", "Log", "Softplus", "LeakyRelu", "Elu", "Selu", "HardSigmoid",
            "Clip", "Identity", "Cast");

    private final double percent;

    FfnPruning(double percent) {
        this.percent = checkPercent(percent);
    }

    /** {@code percent}, if it is in [0, 100). */
    static double checkPercent(double percent) {
        if (!(percent >= 0 && percent < 100)) {
            throw new IllegalArgumentException("pruning percent must be in [0, 100), not " + percent);
        }
        return percent;
    }

    /** The indices of the {@code kept} largest scores, in ascending index order (so kept units keep their order). */
    static int[] keepLargest(double[] score, int kept) {
        Integer[] order = new Integer[score.length];
        for (int j = 0; j < score.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (x, y) -> Double.compare(score[y], score[x]));
        int[] keep = new int[kept];
        for (int j = 0; j < kept; j++) {
            keep[j] = order[j];
        }
        Arrays.sort(keep);
        return keep;
    }

    @Override
    public String name() {
        return "pruned-ffn-" + percentName(percent);
    }

    /** {@code 30} for 30.0, {@code 12.5} for 12.5. */
    static String percentName(double percent) {
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : String.valueOf(percent);
    }

    /** One FFN block found in a graph. */
    private record Block(Graphs.WeightMatMul up, String bias, Graphs.WeightMatMul down, Set<String> intermediate) {}

    @Override
    public Result apply(ModelProto model) {
        ModelEditor editor = new ModelEditor(model);
        GraphProto graph = editor.graph();
        List<TransformReport.Change> changes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, List<Integer>> readers = Graphs.consumers(graph);
        Map<String, Integer> producers = Graphs.producers(graph);
        Map<String, TensorProto> inits = Graphs.initializers(graph);
        Map<Integer, Graphs.WeightMatMul> weightByNode = new HashMap<>();
        for (Graphs.WeightMatMul m : Graphs.weightMatMuls(graph)) {
            weightByNode.put(m.nodeIndex(), m);
        }
        Set<String> outputs = new HashSet<>();
        for (ValueInfoProto o : graph.getOutputList()) {
            outputs.add(o.getName());
        }
        for (Graphs.WeightMatMul up : Graphs.weightMatMuls(graph)) {
            if (!up.node().getOpType().equals("MatMul")) {
                continue;
            }
            Block block = findBlock(up, graph, readers, producers, inits, weightByNode, outputs);
            if (block == null) {
                continue;
            }
            String shared = sharedWeight(block, readers);
            if (shared != null) {
                skipped.add(up.label() + ": initializer " + shared + " is read by other nodes too");
                continue;
            }
            prune(block, editor, changes);
        }
        ModelProto out = editor.build();
        return new Result(out, new TransformReport(name(), changes, skipped, model.getSerializedSize(), out.getSerializedSize()));
    }

    private Block findBlock(Graphs.WeightMatMul up, GraphProto graph, Map<String, List<Integer>> readers, Map<String, Integer> producers,
                            Map<String, TensorProto> inits, Map<Integer, Graphs.WeightMatMul> weightByNode, Set<String> outputs) {
        long n = up.n();
        String start = up.node().getOutput(0);
        Set<String> region = new HashSet<>();
        region.add(start);
        String bias = null;
        List<Integer> first = readers.getOrDefault(start, List.of());
        if (first.size() == 1) {
            NodeProto add = graph.getNode(first.getFirst());
            if (add.getOpType().equals("Add") && add.getInputCount() == 2) {
                String other = add.getInput(0).equals(start) ? add.getInput(1) : add.getInput(0);
                TensorProto b = inits.get(other);
                if (b != null && b.getDataType() == TensorProto.DataType.FLOAT_VALUE && Tensors.elementCount(b) == n
                        && b.getDims(b.getDimsCount() - 1) == n) {
                    bias = other;
                }
            }
        }
        // First the closure of elementwise readers, then a check that every node in it reads only the region,
        // scalars and the bias: a DAG (x · erf(x / √2)) reaches a node before all its region inputs are known.
        Graphs.WeightMatMul down = null;
        List<NodeProto> nodes = new ArrayList<>();
        List<String> work = new ArrayList<>(List.of(start));
        while (!work.isEmpty()) {
            String value = work.removeLast();
            if (outputs.contains(value)) {
                return null;
            }
            for (int reader : readers.getOrDefault(value, List.of())) {
                NodeProto node = graph.getNode(reader);
                Graphs.WeightMatMul m = weightByNode.get(reader);
                if (m != null && m.node().getOpType().equals("MatMul") && node.getInput(0).equals(value) && m.k() == n) {
                    if (down != null && down.nodeIndex() != reader) {
                        return null;
                    }
                    down = m;
                    continue;
                }
                if (!node.getDomain().isEmpty() || !ELEMENTWISE.contains(node.getOpType()) || node.getOutputCount() != 1) {
                    return null;
                }
                if (region.add(node.getOutput(0))) {
                    nodes.add(node);
                    work.add(node.getOutput(0));
                }
            }
        }
        for (NodeProto node : nodes) {
            for (String in : node.getInputList()) {
                boolean isBias = in.equals(bias) && node.getInputList().contains(start);
                if (!region.contains(in) && !isBias && !in.isEmpty() && !isScalar(in, inits, producers, graph)) {
                    return null;
                }
            }
        }
        return down == null ? null : new Block(up, bias, down, region);
    }

    private static boolean isScalar(String value, Map<String, TensorProto> inits, Map<String, Integer> producers, GraphProto graph) {
        TensorProto t = inits.get(value);
        if (t != null) {
            return Tensors.elementCount(t) == 1;
        }
        Integer p = producers.get(value);
        if (p == null) {
            return false;
        }
        NodeProto node = graph.getNode(p);
        if (!node.getOpType().equals("Constant")) {
            return false;
        }
        return node.getAttributeList().stream().anyMatch(a -> a.getName().equals("value") && Tensors.elementCount(a.getT()) == 1
                || a.getName().equals("value_float") || a.getName().equals("value_int"));
    }

    private static String sharedWeight(Block block, Map<String, List<Integer>> readers) {
        for (String name : new String[] {block.up.weight(), block.down.weight(), block.bias}) {
            if (name != null && readers.getOrDefault(name, List.of()).size() != 1) {
                return name;
            }
        }
        return null;
    }

    private void prune(Block block, ModelEditor editor, List<TransformReport.Change> changes) {
        int k = (int) block.up.k();
        int n = (int) block.up.n();
        int m = (int) block.down.n();
        TensorProto w1t = editor.initializer(block.up.weight());
        TensorProto w2t = editor.initializer(block.down.weight());
        TensorProto b1t = block.bias == null ? null : editor.initializer(block.bias);
        float[] w1 = Tensors.floats(w1t);
        float[] w2 = Tensors.floats(w2t);
        float[] b1 = b1t == null ? null : Tensors.floats(b1t);
        double[] score = new double[n];
        for (int j = 0; j < n; j++) {
            double s = b1 == null ? 0 : (double) b1[j] * b1[j];
            for (int i = 0; i < k; i++) {
                s += (double) w1[i * n + j] * w1[i * n + j];
            }
            for (int c = 0; c < m; c++) {
                s += (double) w2[j * m + c] * w2[j * m + c];
            }
            score[j] = Math.sqrt(s);
        }
        int removed = (int) Math.round(percent / 100 * n);
        int kept = n - removed;
        if (removed == 0 || kept < 1) {
            return;
        }
        int[] keep = keepLargest(score, kept);
        float[] nw1 = new float[k * kept];
        float[] nw2 = new float[kept * m];
        float[] nb1 = new float[kept];
        for (int j = 0; j < kept; j++) {
            int src = keep[j];
            for (int i = 0; i < k; i++) {
                nw1[i * kept + j] = w1[i * n + src];
            }
            System.arraycopy(w2, src * m, nw2, j * m, m);
            if (b1 != null) {
                nb1[j] = b1[src];
            }
        }
        editor.putInitializer(Tensors.ofFloats(w1t.getName(), new long[] {k, kept}, nw1));
        editor.putInitializer(Tensors.ofFloats(w2t.getName(), new long[] {kept, m}, nw2));
        long before = Tensors.dataBytes(w1t) + Tensors.dataBytes(w2t);
        long after = 4L * kept * (k + m);
        if (b1t != null) {
            long[] dims = Tensors.dims(b1t);
            dims[dims.length - 1] = kept;
            editor.putInitializer(Tensors.ofFloats(b1t.getName(), dims, nb1));
            before += Tensors.dataBytes(b1t);
            after += 4L * kept;
        }
        for (String v : block.intermediate) {
            editor.forgetShape(v);
        }
        changes.add(new TransformReport.Change(block.up.label(), "FFN %d→%d→%d".formatted(k, n, m),
                "FFN %d→%d→%d (%d neurons removed, through %s)".formatted(k, kept, m, removed, block.down.label()), before, after));
    }
}
