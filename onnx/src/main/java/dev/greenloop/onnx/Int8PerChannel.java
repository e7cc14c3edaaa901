package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.TensorProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-channel dynamic int8 quantization of weight MatMuls, the graph ONNX Runtime's {@code quantize_dynamic}
 * (QOperator format, {@code per_channel=True}) builds:
 *
 * <pre>
 * X ─► DynamicQuantizeLinear ─► X_q (uint8), X_scale, X_zp
 * MatMulInteger(X_q, W_q int8 [K,N], X_zp) ─► int32 ─► Cast(FLOAT) ─► Mul(·, X_scale · W_scale[N]) ─► Y
 * </pre>
 *
 * Weights are symmetric per output column n: {@code scale[n] = max|W[:,n]| / qmax}, {@code W_q = round(W / scale)}
 * clamped to [-qmax, qmax], zero point 0 (so MatMulInteger's {@code b_zero_point} is left out: its default is 0).
 * qmax is 127, or 64 with {@code reduceRange} (7-bit weights, as ONNX Runtime's {@code reduce_range}), which
 * keeps the u8·s8 pair sums of AVX2's VPMADDUBSW below int16 saturation on CPUs without VNNI.
 * One DynamicQuantizeLinear serves every MatMul that reads the same input (Q, K and V projections).
 */
final class Int8PerChannel extends WeightTransform {

    /** {@code int8-pc}, and {@code int8-pc-rr} with 7-bit weights. */
    static final TransformFamily FAMILY = new TransformFamily() {
        @Override
        public String pattern() {
            return "int8-pc";
        }

        @Override
        public String description() {
            return "per-channel dynamic int8 quantization of the weight MatMuls";
        }

        @Override
        public Transform transform(double parameter) {
            checkParameter(parameter);
            return new Int8PerChannel(false);
        }

        @Override
        public java.util.List<String> forms() {
            return java.util.List.of("int8-pc", "int8-pc-rr");
        }

        @Override
        public java.util.Optional<Transform> parse(String name) {
            return name.equals("int8-pc-rr") ? java.util.Optional.of(new Int8PerChannel(true)) : TransformFamily.super.parse(name);
        }
    };

    private final boolean reduceRange;

    Int8PerChannel(boolean reduceRange) {
        this.reduceRange = reduceRange;
    }

    @Override
    public String name() {
        return reduceRange ? "int8-pc-rr" : "int8-pc";
    }

    @Override
    Rewriter start(ModelEditor editor) {
        if (editor.opsetVersion("") < 11) {
            throw new OnnxFormatException("int8-pc needs ai.onnx opset 11 or later (DynamicQuantizeLinear); the model imports "
                    + editor.opsetVersion(""));
        }
        Map<String, String[]> quantizedInputs = new HashMap<>();
        return (m, skipped) -> rewrite(editor, m, quantizedInputs);
    }

    private TransformReport.Change rewrite(ModelEditor editor, Graphs.WeightMatMul m, Map<String, String[]> quantizedInputs) {
        int qmax = reduceRange ? 64 : 127;
        NodeProto node = m.node();
        TensorProto w = editor.initializer(m.weight());
        float[] values = Tensors.floats(w);
        int k = (int) m.k();
        int n = (int) m.n();
        float[] scales = new float[n];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < n; c++) {
                scales[c] = Math.max(scales[c], Math.abs(values[r * n + c]));
            }
        }
        for (int c = 0; c < n; c++) {
            scales[c] = scales[c] == 0 ? 1f : scales[c] / qmax;
        }
        byte[] q = new byte[k * n];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < n; c++) {
                long v = Math.round(values[r * n + c] / scales[c]);
                q[r * n + c] = (byte) Math.clamp(v, -qmax, qmax);
            }
        }
        String base = m.weight();
        String wq = editor.freshName(base + "_quantized");
        String ws = editor.freshName(base + "_scale");
        editor.putInitializer(Tensors.ofBytes(wq, TensorProto.DataType.INT8, new long[] {k, n}, q));
        editor.putInitializer(Tensors.ofFloats(ws, new long[] {n}, scales));

        String x = node.getInput(0);
        String label = m.label();
        String[] xq = quantizedInputs.get(x);
        if (xq == null) {
            xq = new String[] {editor.freshName(x + "_quantized"), editor.freshName(x + "_scale"), editor.freshName(x + "_zero_point")};
            quantizedInputs.put(x, xq);
            editor.insertBefore(firstReader(editor, x), List.of(ModelEditor.node("DynamicQuantizeLinear", "",
                    editor.freshName(x + "_QuantizeLinear"), List.of(x), List.of(xq))));
        }
        String product = editor.freshName(label + "_int32");
        String asFloat = editor.freshName(label + "_float");
        String scale = editor.freshName(label + "_scales");
        editor.replaceNode(m.nodeIndex(), List.of(
                ModelEditor.node("MatMulInteger", "", editor.freshName(label + "_MatMulInteger"), List.of(xq[0], wq, xq[2]), List.of(product)),
                ModelEditor.node("Cast", "", editor.freshName(label + "_Cast"), List.of(product), List.of(asFloat),
                        ModelEditor.intAttribute("to", TensorProto.DataType.FLOAT_VALUE)),
                ModelEditor.node("Mul", "", editor.freshName(label + "_scales_Mul"), List.of(xq[1], ws), List.of(scale)),
                ModelEditor.node("Mul", "", editor.freshName(label + "_output_Mul"), List.of(asFloat, scale), List.of(node.getOutput(0)))));
        return new TransformReport.Change(label, "MatMul %dx%d".formatted(k, n), "MatMulInteger int8 per-channel" + (reduceRange ? " 7-bit" : ""),
                Tensors.dataBytes(w), (long) k * n + 4L * n);
    }

    /** The first node that reads {@code value}: the quantizer goes just before it, after {@code value} is made. */
    private static int firstReader(ModelEditor editor, String value) {
        for (int i = 0; i < editor.graph().getNodeCount(); i++) {
            if (editor.graph().getNode(i).getInputList().contains(value)) {
                return i;
            }
        }
        throw new IllegalStateException("no node reads " + value);
    }
}
