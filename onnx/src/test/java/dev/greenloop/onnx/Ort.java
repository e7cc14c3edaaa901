package dev.greenloop.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.greenloop.onnx.proto.ModelProto;
import java.nio.FloatBuffer;
import java.util.Map;

/** Runs models in ONNX Runtime (CPU) for the tests. */
final class Ort {

    private Ort() {}

    /** Runs a model of one float input {@code X [1, rows, k]} and returns its first output, flattened. */
    static float[] run(ModelProto model, float[] x, int rows, int k) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toByteArray(), options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, rows, k});
                 OrtSession.Result result = session.run(Map.of("X", input))) {
                FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] y = new float[out.remaining()];
                out.get(y);
                return y;
            }
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime rejected the model: " + e.getMessage(), e);
        }
    }

    /** The smallest cosine similarity between matching rows of width {@code m}. */
    static double minRowCosine(float[] a, float[] b, int m) {
        return rowCosines(a, b, m).min().orElseThrow();
    }

    /** The mean cosine similarity between matching rows of width {@code m}. */
    static double meanRowCosine(float[] a, float[] b, int m) {
        return rowCosines(a, b, m).average().orElseThrow();
    }

    private static java.util.stream.DoubleStream rowCosines(float[] a, float[] b, int m) {
        double[] cos = new double[a.length / m];
        for (int r = 0; r < a.length / m; r++) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int c = 0; c < m; c++) {
                dot += (double) a[r * m + c] * b[r * m + c];
                na += (double) a[r * m + c] * a[r * m + c];
                nb += (double) b[r * m + c] * b[r * m + c];
            }
            cos[r] = dot / Math.sqrt(na * nb);
        }
        return java.util.Arrays.stream(cos);
    }

    /** The largest absolute difference. */
    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /** ‖a − b‖ / ‖a‖. */
    static double relativeError(float[] a, float[] b) {
        double d = 0;
        double n = 0;
        for (int i = 0; i < a.length; i++) {
            d += (double) (a[i] - b[i]) * (a[i] - b[i]);
            n += (double) a[i] * a[i];
        }
        return Math.sqrt(d / n);
    }
}
