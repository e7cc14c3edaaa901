package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.TensorProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Block-wise 4-bit weights through ONNX Runtime's contrib operator {@code com.microsoft.MatMulNBits}
 * (docs/ContribOperators.md in microsoft/onnxruntime): {@code Y = A · dequantize(B)} where each column n of the
 * weight (K×N) is cut along K into blocks of {@code block_size} values, each block with one float scale and a
 * 4-bit zero point, and {@code W[k,n] = (q - zero_point) · scale}.
 *
 * <p>Layout, per the operator's spec: B is uint8 {@code [N, ceil(K/block_size), block_size/2]}, the two 4-bit
 * codes of a byte being elements 2j (low nibble) and 2j+1 (high nibble) of the block; scales are FLOAT
 * {@code [N · blocks]} (column-major by block: all blocks of column 0 first); zero points, when present, are
 * uint8 {@code [N · ceil(blocks/2)]}, packed the same way, low nibble first. Without zero points the operator
 * uses 8. A last, short block is padded with codes equal to its zero point.
 *
 * <p>Symmetric: {@code scale = m / -8} where m is the block's value of largest magnitude (so that value is
 * exactly -8 steps and the codes span [-8, 7] + 8), as MLAS's blockwise quantizer does. Asymmetric:
 * {@code scale = (max - min) / 15} over [min(0, min), max(0, max)], zero point {@code round(-min / scale)}.
 */
final class Int4Blockwise extends WeightTransform {

    /** {@code int4} (block 32, symmetric), {@code int4-zp} with zero points, {@code int4-bN} another block size. */
    static final TransformFamily FAMILY = new TransformFamily() {
        @Override
        public String pattern() {
            return "int4";
        }

        @Override
        public String description() {
            return "block-wise 4-bit weights";
        }

        @Override
        public Transform transform(double parameter) {
            checkParameter(parameter);
            return new Int4Blockwise(32, true);
        }

        @Override
        public java.util.List<String> forms() {
            return java.util.List.of("int4", "int4-zp", "int4-bN");
        }

        @Override
        public java.util.Optional<Transform> parse(String name) {
            if (!name.startsWith("int4")) {
                return java.util.Optional.empty();
            }
            String rest = name.substring(4);
            boolean zp = rest.endsWith("-zp");
            if (zp) {
                rest = rest.substring(0, rest.length() - 3);
            }
            int block = rest.isEmpty() ? 32 : rest.startsWith("-b") ? Integer.parseInt(rest.substring(2)) : -1;
            return block > 0 ? java.util.Optional.of(new Int4Blockwise(block, !zp)) : java.util.Optional.empty();
        }
    };

    private final int blockSize;
    private final boolean symmetric;

    Int4Blockwise(int blockSize, boolean symmetric) {
        if (blockSize < 16 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("int4 block size must be a power of two of at least 16, not " + blockSize);
        }
        this.blockSize = blockSize;
        this.symmetric = symmetric;
    }

    @Override
    public String name() {
        return "int4" + (blockSize == 32 ? "" : "-b" + blockSize) + (symmetric ? "" : "-zp");
    }

    @Override
    Rewriter start(ModelEditor editor) {
        return (m, skipped) -> {
            NodeProto node = m.node();
            TensorProto w = editor.initializer(m.weight());
            int k = (int) m.k();
            int n = (int) m.n();
            Packed p = quantize(Tensors.floats(w), k, n);
            String base = m.weight();
            String bq = editor.freshName(base + "_Q4");
            String sc = editor.freshName(base + "_scales");
            editor.putInitializer(Tensors.ofBytes(bq, TensorProto.DataType.UINT8, new long[] {n, p.blocks, blockSize / 2}, p.codes));
            editor.putInitializer(Tensors.ofFloats(sc, new long[] {(long) n * p.blocks}, p.scales));
            List<String> inputs = new ArrayList<>(List.of(node.getInput(0), bq, sc));
            long after = p.codes.length + 4L * p.scales.length;
            if (!symmetric) {
                String zp = editor.freshName(base + "_zero_points");
                editor.putInitializer(Tensors.ofBytes(zp, TensorProto.DataType.UINT8, new long[] {p.zeroPoints.length}, p.zeroPoints));
                inputs.add(zp);
                after += p.zeroPoints.length;
            }
            editor.replaceNode(m.nodeIndex(), List.of(ModelEditor.node("MatMulNBits", "com.microsoft",
                    editor.freshName(m.label() + "_Q4"), inputs, List.of(node.getOutput(0)),
                    ModelEditor.intAttribute("K", k), ModelEditor.intAttribute("N", n),
                    ModelEditor.intAttribute("bits", 4), ModelEditor.intAttribute("block_size", blockSize))));
            editor.requireOpset("com.microsoft", 1);
            return new TransformReport.Change(m.label(), "MatMul %dx%d".formatted(k, n),
                    "MatMulNBits bits=4 block_size=%d%s".formatted(blockSize, symmetric ? "" : " zero points"), Tensors.dataBytes(w), after);
        };
    }

    /** Codes, scales and zero points of a K×N row-major weight. */
    record Packed(int blocks, byte[] codes, float[] scales, byte[] zeroPoints) {}

    Packed quantize(float[] w, int k, int n) {
        int blocks = (k + blockSize - 1) / blockSize;
        int blob = blockSize / 2;
        byte[] codes = new byte[n * blocks * blob];
        float[] scales = new float[n * blocks];
        int zpPerColumn = (blocks + 1) / 2;
        byte[] zeroPoints = new byte[n * zpPerColumn];
        for (int c = 0; c < n; c++) {
            for (int b = 0; b < blocks; b++) {
                int from = b * blockSize;
                int to = Math.min(k, from + blockSize);
                float scale;
                int zp;
                if (symmetric) {
                    float extreme = 0;
                    for (int r = from; r < to; r++) {
                        float v = w[r * n + c];
                        if (Math.abs(v) > Math.abs(extreme)) {
                            extreme = v;
                        }
                    }
                    scale = extreme / -8f;
                    zp = 8;
                } else {
                    float min = 0;
                    float max = 0;
                    for (int r = from; r < to; r++) {
                        min = Math.min(min, w[r * n + c]);
                        max = Math.max(max, w[r * n + c]);
                    }
                    scale = (max - min) / 15f;
                    zp = scale == 0 ? 8 : Math.clamp(Math.round(-min / scale), 0, 15);
                }
                float inverse = scale == 0 ? 0 : 1f / scale;
                scales[c * blocks + b] = scale;
                int blobStart = (c * blocks + b) * blob;
                for (int j = 0; j < blockSize; j++) {
                    int r = from + j;
                    int q = r < to ? Math.clamp(Math.round(w[r * n + c] * inverse) + zp, 0, 15) : zp;
                    int at = blobStart + j / 2;
                    codes[at] = (byte) (j % 2 == 0 ? (codes[at] & 0xF0) | q : (codes[at] & 0x0F) | (q << 4));
                }
                int zAt = c * zpPerColumn + b / 2;
                zeroPoints[zAt] = (byte) (b % 2 == 0 ? (zeroPoints[zAt] & 0xF0) | zp : (zeroPoints[zAt] & 0x0F) | (zp << 4));
            }
        }
        return new Packed(blocks, codes, scales, zeroPoints);
    }
}
