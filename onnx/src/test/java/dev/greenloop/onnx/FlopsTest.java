package dev.greenloop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.onnx.proto.GraphProto;
import dev.greenloop.onnx.proto.ModelProto;
import dev.greenloop.onnx.proto.TensorProto;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlopsTest {

    @Test
    void perQuery_mlp_isLTimesTheWeights() {
        // X[1, L, 16] · W1[16, 32] and [1, L, 32] · W2[32, 8]: L·(16·32 + 32·8) = 768·L multiply-adds.
        ModelProto mlp = TestModels.mlp(1, 16, 32, 8, true);
        Flops.Count c = Flops.perQuery(mlp, 10);
        assertEquals(7680, c.multiplyAdds());
        assertEquals(7680, c.weightMultiplyAdds());
        assertEquals(15360, c.flops());
        assertEquals(Map.of("fc1", 5120L, "fc2", 2560L), Flops.byNode(c));
        assertTrue(c.unresolved().isEmpty());
    }

    @Test
    void perQuery_attentionThroughComputedReshape_countsActivationProducts() {
        // The export pattern of BERT attention: Reshape [B, L, 2·4] to [B, L, 2 heads, 4] with the target built by
        // Shape → Gather → Unsqueeze → Concat, Transpose, Q·Kᵀ: heads·L·4·L multiply-adds; then scores·V: heads·L·L·4.
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(TestModels.tensorInfo("X", TensorProto.DataType.FLOAT, "batch_size", "sequence_length", 8))
                .addOutput(TestModels.tensorInfo("Y", TensorProto.DataType.FLOAT, "batch_size", 2, "sequence_length", 4))
                .addInitializer(Tensors.ofFloats("Wq", new long[] {8, 8}, new float[64]))
                .addInitializer(Tensors.ofLongs("zero", new long[0], new long[] {0}))
                .addInitializer(Tensors.ofLongs("one", new long[0], new long[] {1}))
                .addInitializer(Tensors.ofLongs("axes0", new long[] {1}, new long[] {0}))
                .addInitializer(Tensors.ofLongs("heads", new long[] {2}, new long[] {2, 4}));
        g.addNode(ModelEditor.node("MatMul", "", "q", List.of("X", "Wq"), List.of("q0")));
        g.addNode(ModelEditor.node("Shape", "", "shape", List.of("q0"), List.of("s")));
        g.addNode(ModelEditor.node("Gather", "", "gb", List.of("s", "zero"), List.of("b")));
        g.addNode(ModelEditor.node("Gather", "", "gl", List.of("s", "one"), List.of("l")));
        g.addNode(ModelEditor.node("Unsqueeze", "", "ub", List.of("b", "axes0"), List.of("b1")));
        g.addNode(ModelEditor.node("Unsqueeze", "", "ul", List.of("l", "axes0"), List.of("l1")));
        g.addNode(ModelEditor.node("Concat", "", "target", List.of("b1", "l1", "heads"), List.of("t"), ModelEditor.intAttribute("axis", 0)));
        g.addNode(ModelEditor.node("Reshape", "", "split", List.of("q0", "t"), List.of("q1")));
        g.addNode(ModelEditor.node("Transpose", "", "perm", List.of("q1"), List.of("q2"),
                dev.greenloop.onnx.proto.AttributeProto.newBuilder().setName("perm").setType(dev.greenloop.onnx.proto.AttributeProto.AttributeType.INTS)
                        .addInts(0).addInts(2).addInts(1).addInts(3).build()));
        g.addNode(ModelEditor.node("Transpose", "", "permT", List.of("q1"), List.of("k2"),
                dev.greenloop.onnx.proto.AttributeProto.newBuilder().setName("perm").setType(dev.greenloop.onnx.proto.AttributeProto.AttributeType.INTS)
                        .addInts(0).addInts(2).addInts(3).addInts(1).build()));
        g.addNode(ModelEditor.node("MatMul", "", "scores", List.of("q2", "k2"), List.of("sc")));
        g.addNode(ModelEditor.node("Softmax", "", "softmax", List.of("sc"), List.of("p"), ModelEditor.intAttribute("axis", -1)));
        g.addNode(ModelEditor.node("MatMul", "", "context", List.of("p", "q2"), List.of("Y")));
        ModelProto model = TestModels.model(g.build(), 13);
        long l = 7;
        Flops.Count c = Flops.perQuery(model, l);
        assertTrue(c.unresolved().isEmpty(), c.unresolved().toString());
        assertEquals(Map.of("q", l * 8 * 8, "scores", 2 * l * 4 * l, "context", 2 * l * l * 4), Flops.byNode(c));
        assertEquals(l * 64, c.weightMultiplyAdds());
    }

    @Test
    void perQuery_quantizedVariants_countTheSameWork() {
        ModelProto mlp = TestModels.mlp(1, 64, 128, 32, true);
        long fp32 = Flops.perQuery(mlp, 12).multiplyAdds();
        assertEquals(fp32, Flops.perQuery(Transforms.int8PerChannel(false).apply(mlp).model(), 12).multiplyAdds());
        assertEquals(fp32, Flops.perQuery(Transforms.int4(32, true).apply(mlp).model(), 12).multiplyAdds());
    }

    @Test
    void perQuery_unknownShape_isReportedNotGuessed() {
        GraphProto g = GraphProto.newBuilder()
                .addInput(TestModels.tensorInfo("X", TensorProto.DataType.FLOAT, "batch_size", "sequence_length", 4))
                .addOutput(TestModels.tensorInfo("Y", TensorProto.DataType.FLOAT, "batch_size", "sequence_length", 4))
                .addNode(ModelEditor.node("SomeCustomOp", "", "custom", List.of("X"), List.of("x1")))
                .addNode(ModelEditor.node("MatMul", "", "mm", List.of("x1", "X"), List.of("Y")))
                .build();
        Flops.Count c = Flops.perQuery(TestModels.model(g, 13), 5);
        assertEquals(List.of("mm"), c.unresolved());
        assertEquals(0, c.multiplyAdds());
        assertThrows(IllegalArgumentException.class, () -> Flops.perQuery(TestModels.model(g, 13), 0));
    }
}
