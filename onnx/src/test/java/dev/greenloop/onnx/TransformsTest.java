package dev.greenloop.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.onnx.proto.ModelProto;
import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.TensorProto;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each variant run in ONNX Runtime against the original on synthetic models. */
class TransformsTest {

    private static final int K = 64;
    private static final int H = 256;
    private static final int M = 32;
    private static final int ROWS = 24;

    private final ModelProto model = TestModels.mlp(1, K, H, M, true);
    private final float[] x = TestModels.gaussian(new Random(2), ROWS * K, 1);
    private final float[] reference = Ort.run(model, x, ROWS, K);

    @Test
    void int8PerChannel_structureAndSizes() {
        Transform.Result r = Transforms.parse("int8-pc").apply(model);
        assertEquals(2, TestModels.count(r.model(), "MatMulInteger"));
        assertEquals(2, TestModels.count(r.model(), "DynamicQuantizeLinear"), "one per distinct MatMul input");
        assertEquals(0, TestModels.count(r.model(), "MatMul"));
        assertNull(Graphs.initializers(r.model().getGraph()).get("W1"), "the float weight is dropped");
        TensorProto w1q = Graphs.initializers(r.model().getGraph()).get("W1_quantized");
        assertEquals(TensorProto.DataType.INT8_VALUE, w1q.getDataType());
        assertEquals(2, r.report().changes().size());
        assertEquals(4L * (K * H + H * M), r.report().weightBytesBefore());
        assertEquals((long) K * H + 4L * H + (long) H * M + 4L * M, r.report().weightBytesAfter());
        assertTrue(r.report().modelBytesAfter() < r.report().modelBytesBefore() / 3, r.report().toString());
        assertTrue(Graphs.isTopologicallySorted(r.model().getGraph()));
        // ONNX Runtime runs it; on AVX2 CPUs without VNNI its u8·s8 kernel saturates int16 pair sums, so only
        // 0.99 is asserted here (0.996 measured on the CI's EPYC); int8-pc-rr below and the exact integer
        // arithmetic in the next test reach 0.999.
        float[] y = Ort.run(r.model(), x, ROWS, K);
        assertTrue(Ort.meanRowCosine(reference, y, M) >= 0.99, "mean cosine " + Ort.meanRowCosine(reference, y, M));
    }

    @Test
    void int8PerChannel_integerArithmetic_cosineAtLeast0999() {
        // The first layer computed as the operators define it (DynamicQuantizeLinear, MatMulInteger in int32 without
        // saturation, Cast, Mul by x_scale·w_scale[n]) from the transform's tensors.
        Transform.Result r = Transforms.int8PerChannel(false).apply(model);
        var inits = Graphs.initializers(r.model().getGraph());
        float[] w = Tensors.floats(Graphs.initializers(model.getGraph()).get("W1"));
        float[] wScale = Tensors.floats(inits.get("W1_scale"));
        byte[] wq = inits.get("W1_quantized").getRawData().toByteArray();
        float min = 0;
        float max = 0;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float xScale = (max - min) / 255f;
        int xZero = Math.clamp(Math.round(-min / xScale), 0, 255);
        float[] exact = new float[ROWS * H];
        float[] quantized = new float[ROWS * H];
        for (int row = 0; row < ROWS; row++) {
            for (int c = 0; c < H; c++) {
                long acc = 0;
                double sum = 0;
                for (int i = 0; i < K; i++) {
                    int xq = Math.clamp(Math.round(x[row * K + i] / xScale) + xZero, 0, 255);
                    acc += (long) (xq - xZero) * wq[i * H + c];
                    sum += (double) x[row * K + i] * w[i * H + c];
                }
                quantized[row * H + c] = acc * (xScale * wScale[c]);
                exact[row * H + c] = (float) sum;
            }
        }
        double cosine = Ort.minRowCosine(exact, quantized, H);
        assertTrue(cosine >= 0.999, "min cosine " + cosine);
    }

    @Test
    void int8PerChannel_reduceRange_matchesFp32_cosineAtLeast0999() {
        Transform.Result r = Transforms.parse("int8-pc-rr").apply(model);
        float[] y = Ort.run(r.model(), x, ROWS, K);
        double cosine = Ort.meanRowCosine(reference, y, M);
        assertTrue(cosine >= 0.999, "mean cosine %s, min %s".formatted(cosine, Ort.minRowCosine(reference, y, M)));
        byte[] wq = Graphs.initializers(r.model().getGraph()).get("W1_quantized").getRawData().toByteArray();
        for (byte b : wq) {
            assertTrue(b >= -64 && b <= 64, "7-bit weight " + b);
        }
    }

    @Test
    void int8PerChannel_sharesOneQuantizerPerInput() {
        // Q, K and V projections read the same tensor: one DynamicQuantizeLinear serves all three.
        var g = TestModels.mlp(3, K, H, M, false).getGraph().toBuilder();
        g.addInitializer(Tensors.ofFloats("W3", new long[] {K, M}, TestModels.gaussian(new Random(4), K * M, 0.1)));
        g.addNode(ModelEditor.node("MatMul", "", "side", java.util.List.of("X", "W3"), java.util.List.of("Z")));
        g.addOutput(TestModels.tensorInfo("Z", TensorProto.DataType.FLOAT, "batch_size", "sequence_length", M));
        ModelProto twoReaders = TestModels.model(g.build(), 17);
        Transform.Result r = Transforms.int8PerChannel(false).apply(twoReaders);
        assertEquals(3, TestModels.count(r.model(), "MatMulInteger"));
        assertEquals(2, TestModels.count(r.model(), "DynamicQuantizeLinear"));
        assertTrue(Graphs.isTopologicallySorted(r.model().getGraph()));
        Ort.run(r.model(), x, ROWS, K);
    }

    @Test
    void int8PerChannel_opsetBelow11_refused() {
        ModelProto old = TestModels.model(model.getGraph(), 10);
        OnnxFormatException e = assertThrows(OnnxFormatException.class, () -> Transforms.int8PerChannel(false).apply(old));
        assertTrue(e.getMessage().contains("opset 11"), e.getMessage());
    }

    @Test
    void int4_symmetric_matchesFp32_cosineAtLeast099() {
        Transform.Result r = Transforms.parse("int4").apply(model);
        float[] y = Ort.run(r.model(), x, ROWS, K);
        double cosine = Ort.meanRowCosine(reference, y, M);
        assertTrue(cosine >= 0.99, "mean cosine %s, min %s".formatted(cosine, Ort.minRowCosine(reference, y, M)));
        assertEquals(2, TestModels.count(r.model(), "MatMulNBits"));
        NodeProto q = r.model().getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("MatMulNBits")).findFirst().orElseThrow();
        assertEquals("com.microsoft", q.getDomain());
        assertEquals(3, q.getInputCount(), "no zero points when symmetric");
        assertTrue(r.model().getOpsetImportList().stream().anyMatch(o -> o.getDomain().equals("com.microsoft")));
        // K=64, block 32: W1 is [H, 2, 16] bytes + H*2 scales
        assertEquals((long) H * 2 * 16 + 4L * H * 2 + (long) M * 8 * 16 + 4L * M * 8, r.report().weightBytesAfter());
    }

    @Test
    void int4_withZeroPoints_matchesFp32() {
        Transform.Result r = Transforms.parse("int4-zp").apply(model);
        float[] y = Ort.run(r.model(), x, ROWS, K);
        double cosine = Ort.meanRowCosine(reference, y, M);
        assertTrue(cosine >= 0.99, "mean cosine %s, min %s".formatted(cosine, Ort.minRowCosine(reference, y, M)));
        NodeProto q = r.model().getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("MatMulNBits")).findFirst().orElseThrow();
        assertEquals(4, q.getInputCount());
    }

    @Test
    void int4_representableWeights_exactInOnnxRuntime() {
        // Weights that are exactly (code - 8) * scale per block of 32 lose nothing: the output equals fp32, which
        // checks the packing layout, the scale order and the padding of the last block against the operator.
        int k = 48;
        int h = 40;
        Random random = new Random(9);
        float[] w1 = new float[k * h];
        for (int c = 0; c < h; c++) {
            for (int b = 0; b < 2; b++) {
                float scale = 0.01f * (1 + random.nextInt(10));
                for (int r = b * 32; r < Math.min(k, b * 32 + 32); r++) {
                    w1[r * h + c] = (random.nextInt(16) - 8) * scale;
                }
                w1[b * 32 * h + c] = -8 * scale; // the block's extreme fixes the scale
            }
        }
        ModelProto exact = TestModels.mlp(w1, new float[h], new float[h * 8], k, h, 8, false);
        exact = exact.toBuilder().setGraph(exact.getGraph().toBuilder().clearNode()
                .addNode(ModelEditor.node("MatMul", "", "fc1", java.util.List.of("X", "W1"), java.util.List.of("Y")))
                .setOutput(0, TestModels.tensorInfo("Y", TensorProto.DataType.FLOAT, "batch_size", "sequence_length", h))
                .clearInitializer().addInitializer(Tensors.ofFloats("W1", new long[] {k, h}, w1))).build();
        float[] xe = TestModels.gaussian(new Random(10), 3 * k, 1);
        float[] y = Ort.run(exact, xe, 3, k);
        float[] yq = Ort.run(Transforms.int4(32, true).apply(exact).model(), xe, 3, k);
        assertTrue(Ort.maxAbsDiff(y, yq) <= 1e-4, "max abs diff " + Ort.maxAbsDiff(y, yq));
    }

    @Test
    void int4_packing_lowNibbleFirst() {
        Int4Blockwise q = new Int4Blockwise(16, false);
        // one column, K=16: values 0..15 over [0, 15] → scale 1, zero point 0, codes equal to the values
        float[] w = new float[16];
        for (int i = 0; i < 16; i++) {
            w[i] = i;
        }
        Int4Blockwise.Packed p = q.quantize(w, 16, 1);
        assertEquals(1f, p.scales()[0], 1e-6);
        assertEquals(0x10, p.codes()[0] & 0xFF, "element 0 low nibble, element 1 high nibble");
        assertEquals(0xFE, p.codes()[7] & 0xFF);
        assertEquals(0, p.zeroPoints()[0]);
    }

    @Test
    void lowRank_fullRank_exactTo1e4() {
        Transform.Result r = Transforms.lowRankEverywhere(1.0).apply(model);
        assertEquals(4, TestModels.count(r.model(), "MatMul"));
        double diff = Ort.maxAbsDiff(reference, Ort.run(r.model(), x, ROWS, K));
        assertTrue(diff <= 1e-4, "max abs diff " + diff);
    }

    @Test
    void lowRank_errorDecreasesWithRank() {
        double previous = Double.MAX_VALUE;
        for (double ratio : new double[] {0.125, 0.25, 0.5, 0.75}) {
            float[] y = Ort.run(Transforms.lowRankEverywhere(ratio).apply(model).model(), x, ROWS, K);
            double error = Ort.relativeError(reference, y);
            assertTrue(error < previous, "ratio %s: error %s not below %s".formatted(ratio, error, previous));
            previous = error;
        }
    }

    @Test
    void lowRank_appliedOnlyWhereItSaves() {
        // W1 64x256: r = 0.5*64 = 32, 32*(64+256) = 10240 < 16384, factored.
        // W2 256x32: r = 16, 16*(256+32) = 4608 >= 8192? no: 4608 < 8192, factored too; ratio 0.9 saves nowhere.
        Transform.Result half = Transforms.lowRank(0.5).apply(model);
        assertEquals(2, half.report().changes().size());
        Transform.Result most = Transforms.lowRank(0.9).apply(model);
        assertEquals(0, most.report().changes().size());
        assertEquals(2, most.report().skipped().size(), most.report().skipped().toString());
        assertTrue(half.report().modelBytesAfter() < half.report().modelBytesBefore());
        long macsBefore = Flops.perQuery(model, 10).multiplyAdds();
        long macsAfter = Flops.perQuery(half.model(), 10).multiplyAdds();
        assertEquals(10L * (32 * (64 + 256) + 16 * (256 + 32)), macsAfter);
        assertTrue(macsAfter < macsBefore);
    }

    @Test
    void pruned_deadNeurons_removedWithoutChangingTheOutput() {
        // Half the intermediate neurons have (near) zero weights in and out: pruning 50 % removes exactly them.
        Random random = new Random(7);
        float[] w1 = TestModels.gaussian(random, K * H, 1 / Math.sqrt(K));
        float[] b1 = TestModels.gaussian(random, H, 0.1);
        float[] w2 = TestModels.gaussian(random, H * M, 1 / Math.sqrt(H));
        for (int j = 1; j < H; j += 2) {
            for (int i = 0; i < K; i++) {
                w1[i * H + j] *= 1e-6f;
            }
            b1[j] = 0;
            for (int c = 0; c < M; c++) {
                w2[j * M + c] = 0;
            }
        }
        ModelProto sparse = TestModels.mlp(w1, b1, w2, K, H, M, true);
        float[] before = Ort.run(sparse, x, ROWS, K);
        Transform.Result r = Transforms.parse("pruned-50").apply(sparse);
        assertEquals(1, r.report().changes().size());
        var inits = Graphs.initializers(r.model().getGraph());
        assertEquals(java.util.List.of((long) K, (long) H / 2), inits.get("W1").getDimsList());
        assertEquals(java.util.List.of((long) H / 2), inits.get("b1").getDimsList());
        assertEquals(java.util.List.of((long) H / 2, (long) M), inits.get("W2").getDimsList());
        double diff = Ort.maxAbsDiff(before, Ort.run(r.model(), x, ROWS, K));
        assertTrue(diff <= 1e-4, "max abs diff " + diff);
        assertEquals(Flops.perQuery(sparse, 8).multiplyAdds() / 2, Flops.perQuery(r.model(), 8).multiplyAdds());
    }

    @Test
    void pruned_reluBlock_runsWithFewerFlops() {
        ModelProto relu = TestModels.mlp(8, K, H, M, false);
        Transform.Result r = Transforms.prunedFfn(25).apply(relu);
        assertEquals(1, r.report().changes().size());
        float[] y = Ort.run(r.model(), x, ROWS, K);
        assertEquals(ROWS * M, y.length);
        assertEquals(Flops.perQuery(relu, 4).multiplyAdds() * 3 / 4, Flops.perQuery(r.model(), 4).multiplyAdds());
    }

    @Test
    void pruned_intermediateReadElsewhere_leftAlone() {
        var g = model.getGraph().toBuilder()
                .addOutput(TestModels.tensorInfo("h1", TensorProto.DataType.FLOAT, "batch_size", "sequence_length", H));
        Transform.Result r = Transforms.prunedFfn(50).apply(TestModels.model(g.build(), 17));
        assertTrue(r.report().changes().isEmpty());
    }

    @Test
    void transforms_leaveTheInputModelUnchanged() {
        byte[] before = model.toByteArray();
        for (String v : new String[] {"int8-pc", "int4", "lowrank-0.5", "pruned-30"}) {
            Transforms.parse(v).apply(model);
        }
        assertTrue(java.util.Arrays.equals(before, model.toByteArray()));
    }

    @Test
    void parse_unknownVariant_namesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transforms.parse("int3"));
        assertTrue(e.getMessage().contains("'int3'") && e.getMessage().contains("lowrank-R"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transforms.parse("lowrank-1.5"));
        assertThrows(IllegalArgumentException.class, () -> Transforms.parse("int4-b24"));
        assertThrows(IllegalArgumentException.class, () -> Transforms.parse("pruned-x"));
        assertFalse(Transforms.parse("int4-b64-zp").name().isEmpty());
    }
}
