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
