package dev.greenloop.lab;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxSparseTensor;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.greenloop.onnx.Graphs;
import dev.greenloop.onnx.OnnxModels;
import dev.greenloop.onnx.Tensors;
import dev.greenloop.onnx.proto.TensorProto;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * bench/sparse-ffn.sh's measurement: fp32, pruned-P and the two 2:4 models of SparseFfnModels, profiled with the lab's
 * {@link Profiler} (energy per query through the meter, CPU per query) and {@link Quality} (cosine to fp32, kNN
 * accuracy with labels; "mean cos" is to fp32 on the lab's runner, "cos (plain)" to fp32 on the plain runner). Both
 * cut a text where its tokenizer file says, at most 512 tokens. fp32 and pruned-P run on the lab's runner ({@link Embedder}, tuned settings); fp32, dense-2of4
 * and sparse-2of4 also run on this file's plain runner (one text per call, one intra-op thread), the only one that can
 * feed the sparse weights as CSR tensors, so that the three compare on the same footing.
 *
 * <p>Usage: {@code SparseFfnBench FP32_DIR PRUNED_DIR OUT TEXTS LABELS LIMIT}.
 */
public final class SparseFfnBench {

    public static void main(String[] args) throws Exception {
        Path fp32Dir = Path.of(args[0]);
        Path prunedDir = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int limit = Integer.parseInt(args[5]);
        List<String> texts = Files.readAllLines(Path.of(args[3])).subList(0, limit);
        List<String> labels = Files.readAllLines(Path.of(args[4])).subList(0, limit);
        Profiler.Options options = new Profiler.Options(1, 16, 0, 1.0);
        ModelFiles fp32 = ModelRepository.fromDirectory(fp32Dir, Pooling.MEAN, 512);
        List<float[]> reference = null;
        List<float[]> plainReference = null;
        System.out.printf("%-28s %12s %12s %8s %9s %12s %8s%n", "model / runner", "CPU ms/query", "mJ/query", "energy", "mean cos", "cos (plain)",
                "kNN %");
        Map<String, Supplier<TextEncoder>> runs = new java.util.LinkedHashMap<>();
        runs.put("fp32 / lab runner", () -> Embedder.open(fp32, RunnerSettings.tuned()));
        runs.put(prunedDir.getFileName() + " / lab runner", () -> Embedder.open(ModelRepository.fromDirectory(prunedDir, Pooling.MEAN, 512), RunnerSettings.tuned()));
        runs.put("fp32 / plain runner", () -> Plain.open(fp32Dir, null));
        runs.put("dense-2of4 / plain runner", () -> Plain.open(out.resolve("dense-2of4"), null));
        runs.put("sparse-2of4 / plain runner", () -> Plain.open(out.resolve("sparse-2of4"), out.resolve("dense-2of4")));
        for (Map.Entry<String, Supplier<TextEncoder>> run : runs.entrySet()) {
            Profiler.Result r;
            try {
                r = Profiler.profile(run.getValue(), texts, options, Profiler.Listener.NONE);
            } catch (RuntimeException e) {
                System.out.printf("%-28s failed: %s%n", run.getKey(), e.getMessage());
                continue;
            }
            if (reference == null) {
                reference = r.vectors();
            }
            boolean plain = run.getKey().endsWith("plain runner");
            if (plain && plainReference == null) {
                plainReference = r.vectors();
            }
            Quality q = Quality.measure(reference, r.vectors(), labels);
            double plainCosine = plain ? Quality.measure(plainReference, r.vectors(), List.of()).meanCosine().orElse(Double.NaN) : Double.NaN;
            Profile p = r.profile();
            System.out.printf(Locale.ROOT, "%-28s %12.3f %12.3f %8s %9.5f %12.5f %8.2f%n", run.getKey(), 1000 * p.cpuSecondsPerQuery(),
                    1000 * p.joulesPerQuery(), p.provenance().label(), q.meanCosine().orElse(Double.NaN), plainCosine,
                    100 * q.knnAccuracy().orElse(Double.NaN));
        }
    }

    /** One text per ONNX Runtime call, one intra-op thread, mean pooling; sparse FFN weights fed as CSR inputs when asked. */
    static final class Plain implements TextEncoder {
        private final Path dir;
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final HuggingFaceTokenizer tokenizer;
        private final Map<String, OnnxSparseTensor> sparse = new HashMap<>();
        private final int maxTokens;

        private Plain(Path dir, Path denseWeights) throws Exception {
            this.dir = dir;
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            // The sparse graph's Transpose outputs make ONNX Runtime warn on every run that a buffer's shape differs; only errors are shown.
            o.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            this.session = env.createSession(dir.resolve("model.onnx").toString(), o);
            // The lab's Embedder cuts where the tokenizer file says (128 tokens in LangChain4j's MiniLM), at most 512: the same here.
            int maxLength;
            try (HuggingFaceTokenizer asWritten = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"), Map.of("padding", "false"))) {
                maxLength = Math.min(asWritten.getMaxLength() > 0 ? asWritten.getMaxLength() : 512, 512);
            }
            this.maxTokens = maxLength;
            this.tokenizer = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"),
                    Map.of("padding", "false", "truncation", "true", "maxLength", Integer.toString(maxLength)));
            if (denseWeights != null) {
                Map<String, TensorProto> inits = Graphs.initializers(OnnxModels.read(denseWeights.resolve("model.onnx")).getGraph());
                for (String input : session.getInputNames()) {
                    if (input.endsWith("_T_sparse")) {
                        sparse.put(input, csrOfTranspose(inits.get(input.substring(0, input.length() - "_T_sparse".length()))));
                    }
                }
            }
        }

        static Plain open(Path dir, Path denseWeights) {
            try {
                return new Plain(dir, denseWeights);
            } catch (Exception e) {
                throw new LabException("cannot open %s: %s".formatted(dir, e.getMessage()), e);
            }
        }

        /** Wᵀ of a k × n weight as a CSR tensor of n × k, only its non-zeros. */
        private OnnxSparseTensor csrOfTranspose(TensorProto w) throws OrtException {
            int k = (int) w.getDims(0);
            int n = (int) w.getDims(1);
            float[] v = Tensors.floats(w);
            long[] outer = new long[n + 1];
            List<Long> inner = new ArrayList<>();
            List<Float> values = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < k; c++) {
                    float x = v[c * n + r];
                    if (x != 0) {
                        inner.add((long) c);
                        values.add(x);
                    }
                }
                outer[r + 1] = values.size();
            }
            long[] in = inner.stream().mapToLong(Long::longValue).toArray();
            float[] val = new float[values.size()];
            for (int i = 0; i < val.length; i++) {
                val[i] = values.get(i);
            }
            return OnnxSparseTensor.createSparseTensor(env, new OnnxSparseTensor.CSRCTensor(LongBuffer.wrap(outer), LongBuffer.wrap(in),
                    FloatBuffer.wrap(val), new long[] {n, k}, OnnxJavaType.FLOAT, val.length));
        }

        @Override
        public String label() {
            return dir.getFileName().toString();
        }

        @Override
        public int dimension() {
            return 384;
        }

        @Override
        public int maxTokens() {
            return maxTokens;
        }

        @Override
        public Path modelFile() {
            return dir.resolve("model.onnx");
        }

        @Override
        public int[] tokenCounts(List<String> texts) {
            return texts.stream().mapToInt(t -> tokenizer.encode(t).getIds().length).toArray();
        }

        /** Not counted here (the FLOPs column is not printed). */
        @Override
        public long multiplyAdds(int tokens) {
            return 0;
        }

        @Override
        public Embedder.Result embed(List<String> texts, IntConsumer progress) {
            List<float[]> out = new ArrayList<>();
            for (String text : texts) {
                Encoding e = tokenizer.encode(text);
                long[] ids = e.getIds();
                long[] mask = e.getAttentionMask();
                try (OnnxTensor idT = OnnxTensor.createTensor(env, new long[][] {ids});
                        OnnxTensor maskT = OnnxTensor.createTensor(env, new long[][] {mask});
                        OnnxTensor typeT = OnnxTensor.createTensor(env, new long[][] {e.getTypeIds()})) {
                    Map<String, ai.onnxruntime.OnnxTensorLike> in = new HashMap<>(sparse);
                    in.put("input_ids", idT);
                    in.put("attention_mask", maskT);
                    if (session.getInputNames().contains("token_type_ids")) {
                        in.put("token_type_ids", typeT);
                    }
                    try (OrtSession.Result r = session.run(in)) {
                        float[][][] h = (float[][][]) r.get(0).getValue();
                        float[] v = new float[h[0][0].length];
                        for (float[] row : h[0]) {
                            for (int d = 0; d < v.length; d++) {
                                v[d] += row[d];
                            }
                        }
                        out.add(Embedder.normalise(v));
                    }
                } catch (OrtException ex) {
                    throw new LabException("%s: %s".formatted(dir, ex.getMessage()), ex);
                }
            }
            progress.accept(texts.size());
            return new Embedder.Result(out, 0);
        }

        @Override
        public void close() {
            try {
                session.close();
                for (OnnxValue v : sparse.values()) {
                    v.close();
                }
            } catch (OrtException e) {
                throw new LabException(e.getMessage(), e);
            } finally {
                tokenizer.close();
            }
        }
    }
}
