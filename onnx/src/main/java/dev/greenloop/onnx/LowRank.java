package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.NodeProto;
import dev.greenloop.onnx.proto.TensorProto;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.svd.SvdImplicitQrDecompose_DDRM;

/**
 * Low-rank factorisation of weight MatMuls by truncated SVD: {@code W (K×N) = U Σ Vᵀ ≈ A · B} with
 * {@code A = U_r √Σ_r} (K×r) and {@code B = √Σ_r V_rᵀ} (r×N), {@code r = max(1, round(ratio · min(K, N)))}; by the
 * Eckart–Young theorem this is the best rank-r approximation in Frobenius norm. {@code MatMul(X, W)} becomes
 * {@code MatMul(MatMul(X, A), B)}, which costs {@code r(K+N)} multiply-adds per row instead of {@code KN}.
 *
 * <p>Unless told to factor everywhere, a weight is factored only where that is smaller and cheaper,
 * {@code r(K+N) < KN}; others are reported as skipped. The SVD is EJML's implicit-QR decomposition in double
 * precision ({@code org.ejml:ejml-ddense}): a pure-Java, widely used library, which saves this module its own
 * numerically delicate SVD.
 */
final class LowRank extends WeightTransform {

    /** {@code lowrank-R}: rank ratio R, in (0, 1) for the lab's variants and (0, 1] for {@link Transforms#parse}. */
    static final TransformFamily FAMILY = new TransformFamily() {
        @Override
        public String pattern() {
            return "lowrank-R";
        }

        @Override
        public String description() {
            return "SVD factorisation of the weight matrices at rank ratio R";
        }

        @Override
        public Transform transform(double parameter) {
            return new LowRank(parameter, false);
        }

        @Override
        public void checkParameter(double parameter) {
            if (!(parameter > 0 && parameter < 1)) {
                throw new IllegalArgumentException("lowrank rank ratio %s is not between 0 and 1 (exclusive)".formatted(parameter));
            }
        }

        @Override
        public String usage() {
            return "lowrank-R (0 < R < 1)";
        }

        @Override
        public java.util.List<String> forms() {
            return java.util.List.of("lowrank-R (0 < R <= 1)");
        }
    };

    private final double ratio;
    private final boolean everywhere;

    LowRank(double ratio, boolean everywhere) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("low-rank ratio must be in (0, 1], not " + ratio);
        }
        this.ratio = ratio;
        this.everywhere = everywhere;
    }

    @Override
    public String name() {
        return "lowrank-" + ratio;
    }

    /** The rank kept for a K×N weight. */
    int rank(long k, long n) {
        return (int) Math.max(1, Math.round(ratio * Math.min(k, n)));
    }

    @Override
    Rewriter start(ModelEditor editor) {
        return (m, skipped) -> {
            NodeProto node = m.node();
            int k = (int) m.k();
            int n = (int) m.n();
            int r = rank(k, n);
            if (!everywhere && (long) r * (k + n) >= (long) k * n) {
                skipped.add("%s: rank %d of %dx%d saves nothing (r(K+N) = %d >= KN = %d)".formatted(m.label(), r, k, n, (long) r * (k + n), (long) k * n));
                return null;
            }
            TensorProto w = editor.initializer(m.weight());
            float[][] factors = factor(Tensors.floats(w), k, n, r);
            String an = editor.freshName(m.weight() + "_U");
            String bn = editor.freshName(m.weight() + "_V");
            editor.putInitializer(Tensors.ofFloats(an, new long[] {k, r}, factors[0]));
            editor.putInitializer(Tensors.ofFloats(bn, new long[] {r, n}, factors[1]));
            String mid = editor.freshName(m.label() + "_lowrank");
            editor.replaceNode(m.nodeIndex(), List.of(
                    ModelEditor.node("MatMul", "", editor.freshName(m.label() + "_U"), List.of(node.getInput(0), an), List.of(mid)),
                    ModelEditor.node("MatMul", "", editor.freshName(m.label() + "_V"), List.of(mid, bn), List.of(node.getOutput(0)))));
            return new TransformReport.Change(m.label(), "MatMul %dx%d".formatted(k, n),
                    "MatMul %dx%d · MatMul %dx%d".formatted(k, r, r, n), Tensors.dataBytes(w), 4L * r * (k + n));
        };
    }

    /** {A (K×r), B (r×N)}, row-major, with A·B the best rank-r approximation of the K×N row-major {@code w}. */
    static float[][] factor(float[] w, int k, int n, int r) {
        DMatrixRMaj m = new DMatrixRMaj(k, n);
        for (int i = 0; i < w.length; i++) {
            m.data[i] = w[i];
        }
        SvdImplicitQrDecompose_DDRM svd = new SvdImplicitQrDecompose_DDRM(true, true, true, false);
        if (!svd.decompose(m)) {
            throw new OnnxFormatException("SVD of a %dx%d weight did not converge".formatted(k, n));
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj vt = svd.getV(null, true);
        double[] sigma = svd.getSingularValues();
        int count = Math.min(k, n);
        // EJML does not sort singular values: take the r largest.
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(sigma[y], sigma[x]));
        float[] a = new float[k * r];
        float[] b = new float[r * n];
        for (int j = 0; j < r; j++) {
            int s = order[j];
            double root = Math.sqrt(sigma[s]);
            for (int i = 0; i < k; i++) {
                a[i * r + j] = (float) (u.get(i, s) * root);
            }
            for (int c = 0; c < n; c++) {
                b[j * n + c] = (float) (vt.get(s, c) * root);
            }
        }
        return new float[][] {a, b};
    }
}
