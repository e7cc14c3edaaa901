package dev.greenloop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.onnx.proto.ModelProto;
import dev.greenloop.onnx.proto.TensorProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Attention-head pruning on an attention block built as PyTorch exports BERT's, run in ONNX Runtime. */
class HeadPruningTest {

    private static final int HEADS = 4;
    private static final int D = 8;
    private static final int WIDTH = HEADS * D;
    private static final int ROWS = 6;

    private final float[] x = TestModels.gaussian(new Random(11), ROWS * WIDTH, 1);

    /** Random weights; heads in {@code dead} get ~zero Q/K/V columns and zero biases and Wo rows. */
    private static Map<String, float[]> weights(long seed, int... dead) {
        Random random = new Random(seed);
        Map<String, float[]> w = new HashMap<>();
        for (String name : List.of("Wq", "Wk", "Wv", "Wo")) {
            w.put(name, TestModels.gaussian(random, WIDTH * WIDTH, 1 / Math.sqrt(WIDTH)));
        }
        for (String name : List.of("bq", "bk", "bv", "bo")) {
            w.put(name, TestModels.gaussian(random, WIDTH, 0.1));
        }
        for (int h : dead) {
            for (int j = h * D; j < (h + 1) * D; j++) {
                for (String name : List.of("Wq", "Wk", "Wv")) {
                    for (int i = 0; i < WIDTH; i++) {
                        w.get(name)[i * WIDTH + j] *= 1e-6f;
                    }
                }
                for (String name : List.of("bq", "bk", "bv")) {
                    w.get(name)[j] = 0;
                }
                for (int c = 0; c < WIDTH; c++) {
                    w.get("Wo")[j * WIDTH + c] = 0;
                }
            }
        }
        return w;
    }

    @Test
    void prunedHeads_deadHeads_removedWithoutChangingTheOutput() {
        ModelProto model = TestModels.attention(weights(12, 1, 3), HEADS, D);
        float[] before = Ort.run(model, x, ROWS, WIDTH);
        Transform.Result r = Transforms.parse("pruned-heads-50").apply(model);
        assertEquals(1, r.report().changes().size(), r.report().toString());
        var inits = Graphs.initializers(r.model().getGraph());
        assertEquals(List.of((long) WIDTH, (long) WIDTH / 2), inits.get("Wq").getDimsList());
        assertEquals(List.of((long) WIDTH / 2), inits.get("bv").getDimsList());
        assertEquals(List.of((long) WIDTH / 2, (long) WIDTH), inits.get("Wo").getDimsList());
        double diff = Ort.maxAbsDiff(before, Ort.run(r.model(), x, ROWS, WIDTH));
        assertTrue(diff <= 1e-4, "max abs diff " + diff);
        // weights: 4 products of L·32·32 become L·32·16; attention: heads·L·L·d halves
        long l = 10;
        assertEquals(4 * l * WIDTH * WIDTH, Flops.perQuery(model, l).weightMultiplyAdds());
        assertEquals(4 * l * WIDTH * WIDTH / 2, Flops.perQuery(r.model(), l).weightMultiplyAdds());
        assertEquals(Flops.perQuery(model, l).multiplyAdds() / 2, Flops.perQuery(r.model(), l).multiplyAdds());
        assertTrue(Graphs.isTopologicallySorted(r.model().getGraph()));
        assertEquals(TestModels.count(model, "Constant") - 4, TestModels.count(r.model(), "Constant"), "the replaced head and width constants go");
    }

    @Test
    void prunedHeads_keepsTheHeadsInOrder() {
        // Dead head 0: the kept heads 1, 2, 3 keep their order, so Q's first kept columns are head 1's.
        Map<String, float[]> w = weights(13, 0);
        Transform.Result r = Transforms.prunedHeads(25).apply(TestModels.attention(w, HEADS, D));
        float[] wq = Tensors.floats(Graphs.initializers(r.model().getGraph()).get("Wq"));
        int kept = WIDTH - D;
        for (int i = 0; i < WIDTH; i++) {
            for (int j = 0; j < kept; j++) {
                assertEquals(w.get("Wq")[i * WIDTH + D + j], wq[i * kept + j]);
            }
        }
        Ort.run(r.model(), x, ROWS, WIDTH);
    }

    @Test
    void pruned_both_onAnMlpOnlyPrunesTheFfn() {
        ModelProto mlp = TestModels.mlp(1, 16, 32, 8, true);
        Transform.Result r = Transforms.parse("pruned-25").apply(mlp);
        assertEquals(1, r.report().changes().size());
        assertEquals("pruned-25", r.report().variant());
    }

    @Test
    void prunedHeads_sharedReshapeTarget_leftAlone() {
        ModelProto model = TestModels.attention(weights(14), HEADS, D);
        // Q's target Concat also read by an extra output: changing it would change that output too.
        var g = model.getGraph().toBuilder().addOutput(TestModels.tensorInfo("q_t", TensorProto.DataType.INT64, 4));
        Transform.Result r = Transforms.prunedHeads(50).apply(TestModels.model(g.build(), 13));
        assertTrue(r.report().changes().isEmpty());
        assertEquals(1, r.report().skipped().size(), r.report().skipped().toString());
    }
}
