package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.AttributeProto;
import dev.greenloop.onnx.proto.GraphProto;
import dev.greenloop.onnx.proto.ModelProto;
import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structured pruning of attention heads in the unfused multi-head attention graphs PyTorch exports for BERT-style
 * encoders: Q, K and V are weight MatMuls (plus bias Add) of one input, each Reshaped to {@code [b, l, H, d]}
 * with a target Concat whose last two elements are the constants H and d (H·d = N), and the heads' context is
 * Reshaped back to {@code [b, l, N]} (a Concat ending in the constant N) before the output projection Wo.
 *
 * <p>The {@code round(P/100 · H)} heads with the smallest importance — the L2 norm of their columns of Wq, Wk,
 * Wv, their biases and their rows of Wo — are removed: those columns, biases and rows are cut and the constants
 * H and N in the Reshape targets become H' and H'·d. The scale {@code 1/√d} is untouched. Fused attention
 * operators ({@code com.microsoft.Attention}), Reshape targets that are whole constant tensors, and layers whose
 * tensors are shared are not recognised and stay as they are.
 */
final class HeadPruning implements Transform {

    private final double percent;

    HeadPruning(double percent) {
        this.percent = FfnPruning.checkPercent(percent);
    }

    @Override
    public String name() {
        return "pruned-heads-" + FfnPruning.percentName(percent);
    }

    /** A head-splitting Reshape of a projection: where its constants H and d are. */
    private record Split(Graphs.WeightMatMul projection, String bias, int concatIndex, int headsInput, int headsOffset, long heads, long headSize) {}

    /** A head-merging Reshape before Wo: where its constant N is. */
    private record Merge(Graphs.WeightMatMul output, int concatIndex, int widthInput) {}

    @Override
    public Result apply(ModelProto model) {
        ModelEditor editor = new ModelEditor(model);
        GraphProto graph = editor.graph();
        Map<String, TensorProto> inits = Graphs.initializers(graph);
        Map<String, Integer> producers = Graphs.producers(graph);
        Map<String, List<Integer>> readers = Graphs.consumers(graph);
        Map<String, Graphs.WeightMatMul> byOutput = new HashMap<>();
        for (Graphs.WeightMatMul m : Graphs.weightMatMuls(graph)) {
            if (m.node().getOpType().equals("MatMul")) {
                byOutput.put(m.node().getOutput(0), m);
            }
        }
        Map<Integer, Split> splits = new LinkedHashMap<>();
        List<Integer> merges = new ArrayList<>();
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto node = graph.getNode(i);
            if (!node.getOpType().equals("Reshape") || !node.getDomain().isEmpty() || node.getInputCount() != 2) {
                continue;
            }
            Split s = split(node, graph, inits, producers, byOutput);
            if (s != null) {
                splits.put(i, s);
            } else {
                merges.add(i);
            }
        }
        List<TransformReport.Change> changes = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (Map.Entry<Integer, Split> e : splits.entrySet()) {
            groups.computeIfAbsent(e.getValue().projection().node().getInput(0), x -> new ArrayList<>()).add(e.getKey());
        }
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            List<Split> qkv = group.getValue().stream().map(splits::get).toList();
            Split first = qkv.getFirst();
            if (qkv.size() != 3 || qkv.stream().anyMatch(s -> s.heads() != first.heads() || s.headSize() != first.headSize())) {
                skipped.add("attention on %s: %d head-splitting Reshapes, expected Q, K and V alike".formatted(group.getKey(), qkv.size()));
                continue;
            }
            Merge merge = findMerge(group.getValue(), merges, graph, inits, producers, byOutput, first.heads() * first.headSize());
            if (merge == null) {
                skipped.add("attention on %s: no head-merging Reshape before an output projection".formatted(group.getKey()));
                continue;
            }
            String shared = shared(qkv, merge, readers, graph);
            if (shared != null) {
                skipped.add("attention on %s: %s is read elsewhere too".formatted(group.getKey(), shared));
                continue;
            }
            prune(qkv, merge, editor, changes);
        }
        ModelProto out = editor.build();
        return new Result(out, new TransformReport(name(), changes, skipped, model.getSerializedSize(), out.getSerializedSize()));
    }

    private static Split split(NodeProto reshape, GraphProto graph, Map<String, TensorProto> inits, Map<String, Integer> producers,
                               Map<String, Graphs.WeightMatMul> byOutput) {
        String data = reshape.getInput(0);
        String bias = null;
        Graphs.WeightMatMul projection = byOutput.get(data);
        Integer p = producers.get(data);
        if (projection == null && p != null && graph.getNode(p).getOpType().equals("Add")) {
            NodeProto add = graph.getNode(p);
            for (int side = 0; side < 2 && add.getInputCount() == 2; side++) {
                Graphs.WeightMatMul m = byOutput.get(add.getInput(side));
                TensorProto b = inits.get(add.getInput(1 - side));
                if (m != null && b != null && Tensors.elementCount(b) == m.n() && b.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                    projection = m;
                    bias = b.getName();
                }
            }
        }
        Integer c = producers.get(reshape.getInput(1));
        if (projection == null || c == null || !graph.getNode(c).getOpType().equals("Concat")) {
            return null;
        }
        NodeProto concat = graph.getNode(c);
        List<long[]> parts = new ArrayList<>();
        for (String in : concat.getInputList()) {
            parts.add(constant(in, inits, producers, graph));
        }
        int last = parts.size() - 1;
        long[] tail = parts.get(last);
        if (tail != null && tail.length == 2 && tail[0] * tail[1] == projection.n()) {
            return new Split(projection, bias, c, last, 0, tail[0], tail[1]);
        }
        long[] before = last > 0 ? parts.get(last - 1) : null;
        if (tail != null && before != null && tail.length == 1 && before.length == 1 && before[0] * tail[0] == projection.n() && before[0] > 1) {
            return new Split(projection, bias, c, last - 1, 0, before[0], tail[0]);
        }
        return null;
    }

    private static Merge findMerge(List<Integer> qkv, List<Integer> merges, GraphProto graph, Map<String, TensorProto> inits,
                                   Map<String, Integer> producers, Map<String, Graphs.WeightMatMul> byOutput, long width) {
        Set<Integer> splitNodes = new HashSet<>(qkv);
        for (int r : merges) {
            NodeProto reshape = graph.getNode(r);
            Integer c = producers.get(reshape.getInput(1));
            if (c == null || !graph.getNode(c).getOpType().equals("Concat")) {
                continue;
            }
            NodeProto concat = graph.getNode(c);
            int last = concat.getInputCount() - 1;
            long[] tail = constant(concat.getInput(last), inits, producers, graph);
            if (tail == null || tail.length != 1 || tail[0] != width) {
                continue;
            }
            Graphs.WeightMatMul wo = null;
            for (Graphs.WeightMatMul m : byOutput.values()) {
                if (m.node().getInput(0).equals(reshape.getOutput(0)) && m.k() == width) {
                    wo = m;
                }
            }
            if (wo != null && reaches(reshape.getInput(0), splitNodes, producers, graph, 8)) {
                return new Merge(wo, c, last);
            }
        }
        return null;
    }

    /** Whether walking producers back from {@code value}, at most {@code depth} nodes deep, reaches one of {@code targets}. */
    private static boolean reaches(String value, Set<Integer> targets, Map<String, Integer> producers, GraphProto graph, int depth) {
        Integer p = producers.get(value);
        if (p == null || depth == 0) {
            return false;
        }
        if (targets.contains(p)) {
            return true;
        }
        for (String in : graph.getNode(p).getInputList()) {
            if (reaches(in, targets, producers, graph, depth - 1)) {
                return true;
            }
        }
        return false;
    }

    /** The INT64 values of a constant (initializer or Constant node), or null. */
    private static long[] constant(String value, Map<String, TensorProto> inits, Map<String, Integer> producers, GraphProto graph) {
        TensorProto t = inits.get(value);
        Integer p = producers.get(value);
        if (t == null && p != null && graph.getNode(p).getOpType().equals("Constant")) {
            for (AttributeProto a : graph.getNode(p).getAttributeList()) {
                if (a.getName().equals("value")) {
                    t = a.getT();
                }
            }
        }
        if (t == null || t.getDataType() != TensorProto.DataType.INT64_VALUE || Tensors.elementCount(t) > 4) {
            return null;
        }
        return Tensors.longs(t);
    }

    private static String shared(List<Split> qkv, Merge merge, Map<String, List<Integer>> readers, GraphProto graph) {
        Set<Integer> concats = new HashSet<>();
        concats.add(merge.concatIndex());
        for (Split s : qkv) {
            if (!concats.add(s.concatIndex())) {
                return "the Reshape target " + graph.getNode(s.concatIndex()).getOutput(0);
            }
        }
        Set<String> outputs = new HashSet<>();
        graph.getOutputList().forEach(o -> outputs.add(o.getName()));
        for (int c : concats) {
            String target = graph.getNode(c).getOutput(0);
            if (readers.getOrDefault(target, List.of()).size() != 1 || outputs.contains(target)) {
                return "the Reshape target " + graph.getNode(c).getOutput(0);
            }
        }
        List<String> tensors = new ArrayList<>();
        for (Split s : qkv) {
            tensors.add(s.projection().weight());
            if (s.bias() != null) {
                tensors.add(s.bias());
            }
        }
        tensors.add(merge.output().weight());
        for (String t : tensors) {
            if (readers.getOrDefault(t, List.of()).size() != 1) {
                return t;
            }
        }
        return null;
    }

    private void prune(List<Split> qkv, Merge merge, ModelEditor editor, List<TransformReport.Change> changes) {
        Split first = qkv.getFirst();
        int heads = (int) first.heads();
        int d = (int) first.headSize();
        int removed = (int) Math.round(percent / 100 * heads);
        int kept = heads - removed;
        if (removed == 0 || kept < 1) {
            return;
        }
        double[] score = new double[heads];
        long before = 0;
        Map<Split, float[]> weights = new HashMap<>();
        Map<Split, float[]> biases = new HashMap<>();
        for (Split s : qkv) {
            float[] w = Tensors.floats(editor.initializer(s.projection().weight()));
            float[] b = s.bias() == null ? null : Tensors.floats(editor.initializer(s.bias()));
            weights.put(s, w);
            biases.put(s, b);
            int k = (int) s.projection().k();
            int n = heads * d;
            for (int h = 0; h < heads; h++) {
                for (int j = h * d; j < (h + 1) * d; j++) {
                    for (int i = 0; i < k; i++) {
                        score[h] += (double) w[i * n + j] * w[i * n + j];
                    }
                    score[h] += b == null ? 0 : (double) b[j] * b[j];
                }
            }
            before += 4L * w.length + (b == null ? 0 : 4L * b.length);
        }
        float[] wo = Tensors.floats(editor.initializer(merge.output().weight()));
        int m = (int) merge.output().n();
        for (int h = 0; h < heads; h++) {
            for (int j = h * d * m; j < (h + 1) * d * m; j++) {
                score[h] += (double) wo[j] * wo[j];
            }
        }
        before += 4L * wo.length;
        int[] keep = FfnPruning.keepLargest(score, kept);
        int n = heads * d;
        int n2 = kept * d;
        long after = 0;
        for (Split s : qkv) {
            int k = (int) s.projection().k();
            float[] w = weights.get(s);
            float[] nw = new float[k * n2];
            for (int i = 0; i < k; i++) {
                for (int h = 0; h < kept; h++) {
                    System.arraycopy(w, i * n + keep[h] * d, nw, i * n2 + h * d, d);
                }
            }
            editor.putInitializer(Tensors.ofFloats(s.projection().weight(), new long[] {k, n2}, nw));
            after += 4L * nw.length;
            float[] b = biases.get(s);
            if (b != null) {
                float[] nb = new float[n2];
                for (int h = 0; h < kept; h++) {
                    System.arraycopy(b, keep[h] * d, nb, h * d, d);
                }
                long[] dims = Tensors.dims(editor.initializer(s.bias()));
                dims[dims.length - 1] = n2;
                editor.putInitializer(Tensors.ofFloats(s.bias(), dims, nb));
                after += 4L * n2;
            }
            NodeProto concat = editor.graph().getNode(s.concatIndex());
            long[] value = constant(concat.getInput(s.headsInput()), Graphs.initializers(editor.graph()), Graphs.producers(editor.graph()), editor.graph());
            value[s.headsOffset()] = kept;
            replaceConcatInput(editor, s.concatIndex(), s.headsInput(), value);
        }
        float[] nwo = new float[n2 * m];
        for (int h = 0; h < kept; h++) {
            System.arraycopy(wo, keep[h] * d * m, nwo, h * d * m, d * m);
        }
        editor.putInitializer(Tensors.ofFloats(merge.output().weight(), new long[] {n2, m}, nwo));
        after += 4L * nwo.length;
        replaceConcatInput(editor, merge.concatIndex(), merge.widthInput(), new long[] {n2});
        // Every shape between the projections and Wo changes (heads, widths); value_info is optional, so drop it all.
        editor.forgetAllShapes();
        changes.add(new TransformReport.Change(first.projection().label(), "attention %d heads of %d".formatted(heads, d),
                "attention %d heads of %d (%d removed, through %s)".formatted(kept, d, removed, merge.output().label()), before, after));
    }

    private static void replaceConcatInput(ModelEditor editor, int concatIndex, int input, long[] value) {
        GraphProto graph = editor.graph();
        NodeProto concat = graph.getNode(concatIndex);
        String old = concat.getInput(input);
        String name = editor.freshName(old + "_pruned");
        editor.putInitializer(Tensors.ofLongs(name, new long[] {value.length}, value));
        editor.replaceNode(concatIndex, List.of(concat.toBuilder().setInput(input, name).build()));
        // A Constant node that only fed this input would be left dangling: remove it too.
        Integer producer = Graphs.producers(graph).get(old);
        if (producer != null && graph.getNode(producer).getOpType().equals("Constant")
                && Graphs.consumers(graph).getOrDefault(old, List.of()).size() == 1
                && graph.getOutputList().stream().noneMatch(o -> o.getName().equals(old))) {
            editor.replaceNode(producer, List.of());
        }
    }
}
