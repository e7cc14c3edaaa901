package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.AttributeProto;
import dev.greenloop.onnx.proto.GraphProto;
import dev.greenloop.onnx.proto.ModelProto;
import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.OperatorSetIdProto;
import dev.greenloop.onnx.proto.TensorProto;
import dev.greenloop.onnx.proto.TensorShapeProto;
import dev.greenloop.onnx.proto.TypeProto;
import dev.greenloop.onnx.proto.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds two 2:4-sparse versions of an encoder's FFN weights for bench/sparse-ffn.sh (docs/lab-variants.md,
 * "Sparse computation"):
 * <ul>
 *   <li>{@code OUT/dense-2of4/}: in every FFN weight (a MatMul weight whose one side is 4 times the other), in each
 *       column, of every 4 consecutive weights along the reduced dimension the 2 of smallest magnitude are set to
 *       zero (NVIDIA's 2:4 pattern); the weights stay dense, so the runtime runs the same dense kernel;</li>
 *   <li>{@code OUT/sparse-2of4/}: the weight taken out, declared as a sparse graph input {@code NAME_T_sparse}
 *       (n × k: transposed, fed at run time as a CSR tensor) and the MatMul replaced by ONNX Runtime's CPU kernel
 *       {@code com.microsoft.SparseToDenseMatMul}:
 *       {@code Y = reshape(transpose(SparseToDenseMatMul(Wᵀ, reshape(X, [-1, K]), transB=1)), [b, s, N])}.</li>
 * </ul>
 * Each folder gets the source's {@code tokenizer.json}. Usage: {@code SparseFfnModels FP32_DIR OUT}.
 */
public final class SparseFfnModels {

    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        Path out = Path.of(args[1]);
        ModelProto model = OnnxModels.read(src.resolve("model.onnx"));
        GraphProto graph = model.getGraph();
        Map<String, TensorProto> inits = Graphs.initializers(graph);
        List<Graphs.WeightMatMul> ffn = new ArrayList<>();
        for (Graphs.WeightMatMul m : Graphs.weightMatMuls(graph)) {
            if (m.node().getOpType().equals("MatMul") && (m.k() == 4 * m.n() || m.n() == 4 * m.k())) {
                ffn.add(m);
            }
        }
        GraphProto.Builder dense = graph.toBuilder();
        GraphProto.Builder sparse = graph.toBuilder().clearNode();
        List<NodeProto> nodes = new ArrayList<>(graph.getNodeList());
        long kept = 0;
        long all = 0;
        int replaced = 0;
        for (Graphs.WeightMatMul m : ffn) {
            TensorProto w = inits.get(m.weight());
            int k = (int) m.k();
            int n = (int) m.n();
            float[] v = Tensors.floats(w);
            twoOfFour(v, k, n);
            for (float x : v) {
                kept += x != 0 ? 1 : 0;
            }
            all += v.length;
            for (int i = 0; i < dense.getInitializerCount(); i++) {
                if (dense.getInitializer(i).getName().equals(m.weight())) {
                    dense.setInitializer(i, Tensors.ofFloats(m.weight(), new long[] {k, n}, v));
                }
            }
            // Wᵀ (n × k) comes in as a sparse graph input, fed by SparseFfnBench from dense-2of4's weight.
            String wt = m.weight() + "_T_sparse";
            sparse.addInput(ValueInfoProto.newBuilder().setName(wt).setType(TypeProto.newBuilder().setSparseTensorType(
                    TypeProto.SparseTensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(TensorShapeProto.newBuilder()
                            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(n))
                            .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(k))))));
            String x = m.node().getInput(0);
            String y = m.node().getOutput(0);
            String p = "sparse_ffn_" + replaced + "_";
            sparse.addInitializer(Tensors.ofLongs(p + "flat", new long[] {2}, new long[] {-1, k}));
            sparse.addInitializer(Tensors.ofLongs(p + "n", new long[] {1}, new long[] {n}));
            sparse.addInitializer(Tensors.ofLongs(p + "start", new long[] {1}, new long[] {0}));
            sparse.addInitializer(Tensors.ofLongs(p + "end", new long[] {1}, new long[] {-1}));
            List<NodeProto> with = List.of(
                    node("Reshape", List.of(x, p + "flat"), p + "x2", ""),
                    node("SparseToDenseMatMul", List.of(wt, p + "x2"), p + "yt", "com.microsoft", intAttr("transB", 1)),
                    node("Transpose", List.of(p + "yt"), p + "y2", "", intsAttr("perm", 1, 0)),
                    node("Shape", List.of(x), p + "xs", ""),
                    node("Slice", List.of(p + "xs", p + "start", p + "end"), p + "lead", ""),
                    node("Concat", List.of(p + "lead", p + "n"), p + "ys", "", intAttr("axis", 0)),
                    node("Reshape", List.of(p + "y2", p + "ys"), y, ""));
            int at = nodes.indexOf(m.node());
            nodes.remove(at);
            nodes.addAll(at, with);
            replaced++;
        }
        for (int i = sparse.getInitializerCount() - 1; i >= 0; i--) {
            String name = sparse.getInitializer(i).getName();
            if (ffn.stream().anyMatch(m -> m.weight().equals(name))) {
                sparse.removeInitializer(i);
            }
        }
        sparse.addAllNode(nodes);
        write(model.toBuilder().setGraph(dense).build(), src, out.resolve("dense-2of4"));
        ModelProto.Builder sm = model.toBuilder().setGraph(sparse);
        if (sm.getOpsetImportList().stream().noneMatch(o -> o.getDomain().equals("com.microsoft"))) {
            sm.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1));
        }
        write(sm.build(), src, out.resolve("sparse-2of4"));
        System.out.printf("%d FFN MatMuls made 2:4 sparse: %d of %d weights kept (%.1f %%)%n", ffn.size(), kept, all, 100.0 * kept / all);
    }

    /** In each column of a k × n row-major matrix, of each 4 consecutive rows, zeroes the 2 of smallest magnitude. */
    static void twoOfFour(float[] w, int k, int n) {
        for (int c = 0; c < n; c++) {
            for (int r = 0; r + 3 < k; r += 4) {
                Integer[] at = {r * n + c, (r + 1) * n + c, (r + 2) * n + c, (r + 3) * n + c};
                java.util.Arrays.sort(at, (i, j) -> Float.compare(Math.abs(w[i]), Math.abs(w[j])));
                w[at[0]] = 0;
                w[at[1]] = 0;
            }
        }
    }

    private static NodeProto node(String op, List<String> in, String out, String domain, AttributeProto... attrs) {
        return ModelEditor.node(op, domain, out, in, List.of(out), attrs);
    }

    private static AttributeProto intAttr(String name, long v) {
        return ModelEditor.intAttribute(name, v);
    }

    private static AttributeProto intsAttr(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }

    private static void write(ModelProto m, Path src, Path dir) throws Exception {
        Files.createDirectories(dir);
        OnnxModels.write(m, dir.resolve("model.onnx"));
        Files.copy(src.resolve("tokenizer.json"), dir.resolve("tokenizer.json"), StandardCopyOption.REPLACE_EXISTING);
    }
}
