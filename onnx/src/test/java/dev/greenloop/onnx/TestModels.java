package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.GraphProto;
import dev.greenloop.onnx.proto.ModelProto;
import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.OperatorSetIdProto;
import dev.greenloop.onnx.proto.TensorProto;
import dev.greenloop.onnx.proto.TensorShapeProto;
import dev.greenloop.onnx.proto.TypeProto;
import dev.greenloop.onnx.proto.ValueInfoProto;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small synthetic models built with this module's own API. */
final class TestModels {

    private TestModels() {}

    /** Gaussian values with standard deviation {@code std}. */
    static float[] gaussian(Random random, int count, double std) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) (random.nextGaussian() * std);
        }
        return v;
    }

    /**
     * {@code X[batch_size, sequence_length, k] → MatMul W1[k,h] → Add b1 → activation → MatMul W2[h,m] → Y}, weights
     * scaled as trained layers are (std 1/√fan-in). {@code gelu} builds the Div/Erf/Add/Mul/Mul subgraph PyTorch
     * exports, with Constant nodes; otherwise Relu.
     */
    static ModelProto mlp(long seed, int k, int h, int m, boolean gelu) {
        Random random = new Random(seed);
        return mlp(gaussian(random, k * h, 1 / Math.sqrt(k)), gaussian(random, h, 0.1), gaussian(random, h * m, 1 / Math.sqrt(h)), k, h, m, gelu);
    }

    static ModelProto mlp(float[] w1, float[] b1, float[] w2, int k, int h, int m, boolean gelu) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("mlp")
                .addInput(tensorInfo("X", TensorProto.DataType.FLOAT, "batch_size", "sequence_length", k))
                .addOutput(tensorInfo("Y", TensorProto.DataType.FLOAT, "batch_size", "sequence_length", m))
                .addInitializer(Tensors.ofFloats("W1", new long[] {k, h}, w1))
                .addInitializer(Tensors.ofFloats("b1", new long[] {h}, b1))
                .addInitializer(Tensors.ofFloats("W2", new long[] {h, m}, w2));
        g.addNode(ModelEditor.node("MatMul", "", "fc1", List.of("X", "W1"), List.of("h0")));
        g.addNode(ModelEditor.node("Add", "", "fc1_bias", List.of("b1", "h0"), List.of("h1")));
        if (gelu) {
            g.addNode(constant("sqrt2", (float) Math.sqrt(2)));
            g.addNode(constant("one", 1f));
            g.addNode(constant("half", 0.5f));
            g.addNode(ModelEditor.node("Div", "", "gelu_div", List.of("h1", "sqrt2"), List.of("g1")));
            g.addNode(ModelEditor.node("Erf", "", "gelu_erf", List.of("g1"), List.of("g2")));
            g.addNode(ModelEditor.node("Add", "", "gelu_add", List.of("g2", "one"), List.of("g3")));
            g.addNode(ModelEditor.node("Mul", "", "gelu_mul", List.of("h1", "g3"), List.of("g4")));
            g.addNode(ModelEditor.node("Mul", "", "gelu_half", List.of("g4", "half"), List.of("h2")));
        } else {
            g.addNode(ModelEditor.node("Relu", "", "relu", List.of("h1"), List.of("h2")));
        }
        g.addNode(ModelEditor.node("MatMul", "", "fc2", List.of("h2", "W2"), List.of("Y")));
        return model(g.build(), 17);
    }

    /**
     * One self-attention block as PyTorch exports BERT's: Q, K, V = X·W + b, each Reshaped to [b, l, heads, d] by a
     * target Concat(Unsqueeze(Gather(Shape)), ..., Constant heads, Constant d), transposed, softmax(QKᵀ/√d)·V,
     * transposed back, Reshaped to [b, l, heads·d] by a Concat ending in the Constant width, then ·Wo + bo.
     * {@code weights} holds Wq, Wk, Wv, Wo (each width×width) and bq, bk, bv, bo.
     */
    static ModelProto attention(Map<String, float[]> weights, int heads, int d) {
        int width = heads * d;
        GraphProto.Builder g = GraphProto.newBuilder().setName("attention")
                .addInput(tensorInfo("X", TensorProto.DataType.FLOAT, "batch_size", "sequence_length", width))
                .addOutput(tensorInfo("Y", TensorProto.DataType.FLOAT, "batch_size", "sequence_length", width))
                .addInitializer(Tensors.ofLongs("zero", new long[0], new long[] {0}))
                .addInitializer(Tensors.ofLongs("one", new long[0], new long[] {1}))
                .addInitializer(Tensors.ofLongs("axes0", new long[] {1}, new long[] {0}));
        for (String w : List.of("Wq", "Wk", "Wv", "Wo")) {
            g.addInitializer(Tensors.ofFloats(w, new long[] {width, width}, weights.get(w)));
        }
        for (String b : List.of("bq", "bk", "bv", "bo")) {
            g.addInitializer(Tensors.ofFloats(b, new long[] {width}, weights.get(b)));
        }
        for (String p : List.of("q", "k", "v")) {
            g.addNode(ModelEditor.node("MatMul", "", p + "_proj", List.of("X", "W" + p), List.of(p + "0")));
            g.addNode(ModelEditor.node("Add", "", p + "_bias", List.of("b" + p, p + "0"), List.of(p + "1")));
            String[] bl = batchAndLength(g, p + "1", p);
            g.addNode(constantLongs(p + "_heads", heads));
            g.addNode(constantLongs(p + "_d", d));
            g.addNode(ModelEditor.node("Concat", "", p + "_target", List.of(bl[0], bl[1], p + "_heads", p + "_d"), List.of(p + "_t"),
                    ModelEditor.intAttribute("axis", 0)));
            g.addNode(ModelEditor.node("Reshape", "", p + "_split", List.of(p + "1", p + "_t"), List.of(p + "2")));
            g.addNode(transpose(p + "_perm", p + "2", p + "3", p.equals("k") ? new long[] {0, 2, 3, 1} : new long[] {0, 2, 1, 3}));
        }
        g.addNode(ModelEditor.node("MatMul", "", "scores", List.of("q3", "k3"), List.of("s0")));
        g.addNode(constant("scale", (float) Math.sqrt(d)));
        g.addNode(ModelEditor.node("Div", "", "scaled", List.of("s0", "scale"), List.of("s1")));
        g.addNode(ModelEditor.node("Softmax", "", "softmax", List.of("s1"), List.of("s2"), ModelEditor.intAttribute("axis", -1)));
        g.addNode(ModelEditor.node("MatMul", "", "context", List.of("s2", "v3"), List.of("c0")));
        g.addNode(transpose("c_perm", "c0", "c1", new long[] {0, 2, 1, 3}));
        String[] bl = batchAndLength(g, "c1", "c");
        g.addNode(constantLongs("c_width", width));
        g.addNode(ModelEditor.node("Concat", "", "c_target", List.of(bl[0], bl[1], "c_width"), List.of("c_t"), ModelEditor.intAttribute("axis", 0)));
        g.addNode(ModelEditor.node("Reshape", "", "merge", List.of("c1", "c_t"), List.of("c2")));
        g.addNode(ModelEditor.node("MatMul", "", "o_proj", List.of("c2", "Wo"), List.of("o0")));
        g.addNode(ModelEditor.node("Add", "", "o_bias", List.of("o0", "bo"), List.of("Y")));
        return model(g.build(), 13);
    }

    private static String[] batchAndLength(GraphProto.Builder g, String value, String p) {
        g.addNode(ModelEditor.node("Shape", "", p + "_shape", List.of(value), List.of(p + "_s")));
        g.addNode(ModelEditor.node("Gather", "", p + "_gb", List.of(p + "_s", "zero"), List.of(p + "_b")));
        g.addNode(ModelEditor.node("Gather", "", p + "_gl", List.of(p + "_s", "one"), List.of(p + "_l")));
        g.addNode(ModelEditor.node("Unsqueeze", "", p + "_ub", List.of(p + "_b", "axes0"), List.of(p + "_b1")));
        g.addNode(ModelEditor.node("Unsqueeze", "", p + "_ul", List.of(p + "_l", "axes0"), List.of(p + "_l1")));
        return new String[] {p + "_b1", p + "_l1"};
    }

    private static NodeProto transpose(String name, String in, String out, long[] perm) {
        dev.greenloop.onnx.proto.AttributeProto.Builder a = dev.greenloop.onnx.proto.AttributeProto.newBuilder().setName("perm")
                .setType(dev.greenloop.onnx.proto.AttributeProto.AttributeType.INTS);
        for (long x : perm) {
            a.addInts(x);
        }
        return ModelEditor.node("Transpose", "", name, List.of(in), List.of(out), a.build());
    }

    static NodeProto constantLongs(String name, long value) {
        return NodeProto.newBuilder().setOpType("Constant").setName(name + "_Constant").addOutput(name)
                .addAttribute(dev.greenloop.onnx.proto.AttributeProto.newBuilder().setName("value")
                        .setType(dev.greenloop.onnx.proto.AttributeProto.AttributeType.TENSOR)
                        .setT(Tensors.ofLongs("", new long[] {1}, new long[] {value})))
                .build();
    }

    static ModelProto model(GraphProto graph, long opset) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("greenloop-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    static NodeProto constant(String name, float value) {
        return NodeProto.newBuilder().setOpType("Constant").setName(name + "_Constant").addOutput(name)
                .addAttribute(dev.greenloop.onnx.proto.AttributeProto.newBuilder().setName("value")
                        .setType(dev.greenloop.onnx.proto.AttributeProto.AttributeType.TENSOR)
                        .setT(Tensors.ofFloats("", new long[0], new float[] {value})))
                .build();
    }

    /** A tensor value's description; each dim is a Long/Integer (fixed) or a String (symbolic). */
    static ValueInfoProto tensorInfo(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            if (d instanceof String s) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(s));
            } else {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()));
            }
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    /** How many nodes of {@code opType} the model's graph has. */
    static long count(ModelProto model, String opType) {
        return model.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals(opType)).count();
    }
}
