package dev.greenloop.lab;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs one model variant on ONNX Runtime: tokenizes with the model's own {@code tokenizer.json}
 * (DJL's binding of Hugging Face tokenizers), truncates to {@link #maxTokens()}, sorts texts by
 * token length into batches, runs them, pools ({@link Pooling}) and L2-normalises, and returns the
 * vectors in input order.
 *
 * <p>The measured hot path of the lab. One instance is used by one thread at a time (it runs
 * batches on its own workers, {@link RunnerSettings#workers()}); close it to free the native
 * session, the tokenizer and the workers.
 */
public final class Embedder implements TextEncoder {

    private final ModelFiles files;
    private final RunnerSettings settings;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean tokenTypeIds;
    private final String outputName;
    private final int dimension;
    private final int maxTokens;
    /** The graph, read on the first {@link #multiplyAdds} call; guarded by this. */
    private dev.greenloop.onnx.proto.ModelProto graph;
    /** Multiply-adds by token count; guarded by this. */
    private final Map<Integer, Long> macs = new HashMap<>();
    /** Runs batches at once when {@link RunnerSettings#workers()} is above 1; null otherwise. Daemon threads. */
    private final ExecutorService workers;

    private Embedder(ModelFiles files, RunnerSettings settings, OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer,
            boolean tokenTypeIds, String outputName, int dimension, int maxTokens) {
        this.files = files;
        this.settings = settings;
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.tokenTypeIds = tokenTypeIds;
        this.outputName = outputName;
        this.dimension = dimension;
        this.maxTokens = maxTokens;
        this.workers = settings.workers() > 1
                ? Executors.newFixedThreadPool(settings.workers(), Thread.ofPlatform().name("greenloop-lab-worker-", 0).daemon().factory())
                : null;
    }

    /**
     * Opens a model variant.
     *
     * @param files the model's files
     * @param settings threads, spinning, optimisation level and batch size
     * @return the open embedder
     * @throws LabException if the ONNX file or tokenizer cannot be loaded, or the model is not a
     *     BERT-style encoder (inputs {@code input_ids} and {@code attention_mask}, a 3-dimensional float output)
     */
    public static Embedder open(ModelFiles files, RunnerSettings settings) {
        return open(files, settings, Map.of("padding", "false"));
    }

    /**
     * Opens a model variant whose {@link ModelFiles.LongTexts#SPLIT} tokenizer DJL opens with these options instead of
     * LangChain4j's ({@code padding: false}); tests use it to switch DJL's truncation off, so that texts go in pieces.
     */
    static Embedder open(ModelFiles files, RunnerSettings settings, Map<String, String> splitTokenizerOptions) {
        HuggingFaceTokenizer tokenizer = null;
        OrtSession session = null;
        try {
            int maxTokens;
            if (files.longTexts() == ModelFiles.LongTexts.SPLIT) {
                // As LangChain4j opens it: DJL then truncates as the file says, or at its default of 512 tokens when the file
                // sets nothing; a text still longer than the window is split, not cut.
                tokenizer = HuggingFaceTokenizer.newInstance(files.tokenizer(), splitTokenizerOptions);
                maxTokens = tokenizer.getTruncation().equals("DO_NOT_TRUNCATE") ? Integer.MAX_VALUE : tokenizer.getMaxLength();
            } else {
                int fileMax;
                try (HuggingFaceTokenizer asWritten = HuggingFaceTokenizer.newInstance(files.tokenizer(), Map.of("padding", "false"))) {
                    // DJL reports the file's truncation length, or its default of 512 when the file sets none.
                    fileMax = asWritten.getMaxLength();
                }
                maxTokens = Math.min(fileMax > 0 ? fileMax : files.maxPositions(), files.maxPositions());
                tokenizer = HuggingFaceTokenizer.newInstance(files.tokenizer(),
                        Map.of("padding", "false", "truncation", "true", "maxLength", Integer.toString(maxTokens)));
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = sessionOptions(settings)) {
                session = env.createSession(files.onnx().toString(), options);
            }
            Set<String> inputs = session.getInputNames();
            if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
                throw new LabException("%s is not a BERT-style encoder: its inputs are %s, expected input_ids and attention_mask"
                        .formatted(files.onnx(), inputs));
            }
            Map<String, NodeInfo> outputs = session.getOutputInfo();
            String output = outputs.containsKey("last_hidden_state") ? "last_hidden_state" : outputs.keySet().iterator().next();
            if (!(outputs.get(output).getInfo() instanceof TensorInfo info) || info.getShape().length != 3) {
                throw new LabException("%s: output %s is not a [batch, tokens, hidden] tensor".formatted(files.onnx(), output));
            }
            long hidden = info.getShape()[2];
            Embedder e = new Embedder(files, settings, env, session, tokenizer, inputs.contains("token_type_ids"), output,
                    (int) hidden, maxTokens);
            tokenizer = null;
            session = null;
            return e;
        } catch (OrtException e) {
            throw new LabException("ONNX Runtime cannot load %s: %s".formatted(files.onnx(), e.getMessage()), e);
        } catch (IOException e) {
            throw new LabException("cannot read tokenizer %s: %s".formatted(files.tokenizer(), e.getMessage()), e);
        } catch (RuntimeException e) {
            if (e instanceof LabException) {
                throw e;
            }
            throw new LabException("cannot open %s: %s".formatted(files.label(), e.getMessage()), e);
        } finally {
            if (tokenizer != null) {
                tokenizer.close();
            }
            if (session != null) {
                closeQuietly(session);
            }
        }
    }

    private static OrtSession.SessionOptions sessionOptions(RunnerSettings s) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(s.intraOpThreads());
        o.setInterOpNumThreads(s.interOpThreads());
        o.setExecutionMode(s.interOpThreads() > 1 ? OrtSession.SessionOptions.ExecutionMode.PARALLEL : OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.setOptimizationLevel(switch (s.optimization()) {
            case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
            case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
            case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
            case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
        });
        // Session config keys from ONNX Runtime's onnxruntime_session_options_config_keys.h.
        String spin = s.spinning() ? "1" : "0";
        o.addConfigEntry("session.intra_op.allow_spinning", spin);
        o.addConfigEntry("session.inter_op.allow_spinning", spin);
        return o;
    }

    /** The files this embedder runs. */
    public ModelFiles files() {
        return files;
    }

    /** The settings it was opened with. */
    public RunnerSettings settings() {
        return settings;
    }

    @Override
    public String label() {
        return files.label();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /**
     * The most tokens of a text the model sees, special tokens included; the rest is cut (the tokenizer's truncation,
     * right side). For a {@link ModelFiles.LongTexts#SPLIT} model, the tokenizer's truncation as DJL applies it to the
     * file (its {@code max_length}, else DJL's default of 512), or {@link Integer#MAX_VALUE} when DJL does not truncate.
     */
    @Override
    public int maxTokens() {
        return maxTokens;
    }

    /** Whether the model takes {@code token_type_ids} (then all zeros: one sequence per text). */
    public boolean usesTokenTypeIds() {
        return tokenTypeIds;
    }

    /** The ids the tokenizer gives the empty text, special tokens alone (such as {@code [CLS] [SEP]}); possibly none. */
    long[] specialIds() {
        return tokenizer.encode("", true, false).getIds();
    }

    @Override
    public java.nio.file.Path modelFile() {
        return files.onnx();
    }

    /** {@inheritDoc} For a text split into pieces ({@link ModelFiles.LongTexts#SPLIT}), the tokens of all its pieces. */
    @Override
    public int[] tokenCounts(List<String> texts) {
        Encoding[] encodings = tokenizer.batchEncode(texts, true, false);
        int[] counts = new int[encodings.length];
        for (int i = 0; i < counts.length; i++) {
            if (files.longTexts() == ModelFiles.LongTexts.SPLIT) {
                for (LongTextSplitter.Piece p : LongTextSplitter.pieces(tokenizer, encodings[i], files.maxPositions() - 2)) {
                    counts[i] += p.ids().length;
                }
            } else {
                counts[i] = encodings[i].getIds().length;
            }
        }
        return counts;
    }

    /**
     * {@inheritDoc} Read from the graph: a {@code DynamicQuantizeLinear} (or ONNX Runtime's fused
     * {@code DynamicQuantizeMatMul}) computes its scale over the whole batch tensor, so such a graph is batch-invariant
     * only at batch size 1 (docs/lab.md, "The published int8 against LangChain4j's int8, and batches").
     *
     * @throws LabException if the graph cannot be read
     */
    @Override
    public synchronized boolean batchInvariant() {
        if (settings.batchSize() == 1) {
            return true;
        }
        return graph().getGraph().getNodeList().stream()
                .noneMatch(n -> n.getOpType().equals("DynamicQuantizeLinear") || n.getOpType().equals("DynamicQuantizeMatMul"));
    }

    /** The graph, read once (mapped, tensor bytes aliased: cheap to keep beside the session); the caller holds this. */
    private dev.greenloop.onnx.proto.ModelProto graph() {
        if (graph == null) {
            try {
                graph = dev.greenloop.onnx.OnnxModels.read(files.onnx());
            } catch (dev.greenloop.onnx.OnnxFormatException e) {
                throw new LabException("%s: cannot read the graph: %s".formatted(files.onnx(), e.getMessage()), e);
            }
        }
        return graph;
    }

    /** {@inheritDoc} A count beyond the encoder's positions (a text in pieces) is counted as full pieces and the rest. */
    @Override
    public synchronized long multiplyAdds(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens %d: must be at least 1".formatted(tokens));
        }
        int window = files.maxPositions();
        if (tokens > window) {
            return (tokens / window) * multiplyAdds(window) + (tokens % window == 0 ? 0 : multiplyAdds(tokens % window));
        }
        try {
            dev.greenloop.onnx.proto.ModelProto g = graph();
            return macs.computeIfAbsent(tokens, l -> {
                dev.greenloop.onnx.Flops.Count c = dev.greenloop.onnx.Flops.perQuery(g, l);
                if (!c.unresolved().isEmpty()) {
                    throw new LabException("%s: cannot count the multiply-adds of %d nodes whose shapes are not known (%s)"
                            .formatted(files.label(), c.unresolved().size(), c.unresolved().getFirst()));
                }
                return c.multiplyAdds();
            });
        } catch (dev.greenloop.onnx.OnnxFormatException e) {
            throw new LabException("%s: cannot read the graph to count its multiply-adds: %s".formatted(files.onnx(), e.getMessage()), e);
        }
    }

    /**
     * Vectors of texts and how many were truncated.
     *
     * @param vectors one L2-normalised vector per text, in input order
     * @param truncated how many texts had more tokens than {@link #maxTokens()}
     */
    public record Result(List<float[]> vectors, int truncated) {
    }

    /**
     * Embeds texts.
     *
     * @param texts any strings, the empty one included (it becomes the special tokens alone)
     * @param progress told the number of texts done after each batch
     * @return one vector per text, in order
     * @throws LabException if ONNX Runtime fails on a batch
     */
    @Override
    public Result embed(List<String> texts, IntConsumer progress) {
        int n = texts.size();
        if (n == 0) {
            return new Result(List.of(), 0);
        }
        Encoding[] encodings = tokenizer.batchEncode(texts, true, false);
        int truncated = 0;
        for (Encoding e : encodings) {
            if (e.exceedMaxLength()) {
                truncated++;
            }
        }
        if (files.longTexts() == ModelFiles.LongTexts.SPLIT) {
            return new Result(List.of(embedInPieces(encodings, progress)), truncated);
        }
        long[][] ids = new long[n][];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = encodings[i].getIds();
            lengths[i] = ids[i].length;
        }
        return new Result(List.of(runAll(ids, lengths, progress, true)), truncated);
    }

    /** LangChain4j's way: every piece of every text pooled, then each text's pieces averaged by their lengths and normalised. */
    private float[][] embedInPieces(Encoding[] encodings, IntConsumer progress) {
        List<List<LongTextSplitter.Piece>> pieces = new ArrayList<>(encodings.length);
        int count = 0;
        for (Encoding e : encodings) {
            List<LongTextSplitter.Piece> p = LongTextSplitter.pieces(tokenizer, e, files.maxPositions() - 2);
            pieces.add(p);
            count += p.size();
        }
        long[][] ids = new long[count][];
        int[] lengths = new int[count];
        int[] firstPiece = new int[encodings.length];
        int k = 0;
        for (int i = 0; i < encodings.length; i++) {
            firstPiece[i] = k;
            for (LongTextSplitter.Piece p : pieces.get(i)) {
                ids[k] = p.ids();
                lengths[k++] = p.ids().length;
            }
        }
        int pieceCount = count;
        // Batches run sorted by length, so pieces finish out of text order: the share of pieces done stands for texts done.
        float[][] pooled = runAll(ids, lengths, done -> progress.accept((int) ((long) done * encodings.length / pieceCount)), false);
        float[][] out = new float[encodings.length][];
        for (int i = 0; i < encodings.length; i++) {
            List<LongTextSplitter.Piece> p = pieces.get(i);
            if (p.size() == 1) {
                out[i] = normalise(pooled[firstPiece[i]]);
                continue;
            }
            float[] sum = new float[dimension];
            int weights = 0;
            for (int j = 0; j < p.size(); j++) {
                float[] v = pooled[firstPiece[i] + j];
                int w = p.get(j).weight();
                for (int d = 0; d < dimension; d++) {
                    sum[d] += v[d] * w;
                }
                weights += w;
            }
            for (int d = 0; d < dimension; d++) {
                sum[d] /= weights;
            }
            out[i] = normalise(sum);
        }
        return out;
    }

    /**
     * Runs raw token-id sequences through the encoder as they are (no tokenizer, no special tokens
     * added, no truncation), batched and pooled as {@link #embed} does: the distiller's teacher pass.
     *
     * @param ids one sequence per row, each at least one id and at most the encoder's positions
     * @param progress told the number of sequences done after each batch
     * @return one pooled, L2-normalised vector per sequence, in order
     * @throws LabException if ONNX Runtime fails on a batch
     */
    float[][] embedIds(long[][] ids, IntConsumer progress) {
        int[] lengths = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length < 1 || ids[i].length > files.maxPositions()) {
                throw new IllegalArgumentException("sequence %d has %d ids: must be 1 to %d".formatted(i, ids[i].length, files.maxPositions()));
            }
            lengths[i] = ids[i].length;
        }
        return ids.length == 0 ? new float[0][] : runAll(ids, lengths, progress, true);
    }

    /** Runs sequences in length-sorted batches; each row pooled, and L2-normalised when {@code normalised}. */
    private float[][] runAll(long[][] ids, int[] lengths, IntConsumer progress, boolean normalised) {
        float[][] out = new float[ids.length][];
        List<int[]> batches = LengthBuckets.batches(lengths, settings.batchSize());
        int done = 0;
        if (workers == null || batches.size() == 1) {
            for (int[] batch : batches) {
                run(batch, ids, lengths, out, normalised);
                done += batch.length;
                progress.accept(done);
            }
            return out;
        }
        List<Future<?>> running = new ArrayList<>(batches.size());
        for (int[] batch : batches) {
            running.add(workers.submit(() -> run(batch, ids, lengths, out, normalised)));
        }
        try {
            for (int i = 0; i < batches.size(); i++) {
                running.get(i).get();
                done += batches.get(i).length;
                progress.accept(done);
            }
        } catch (InterruptedException e) {
            running.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            running.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new LabException("embedding failed: " + e.getCause(), e.getCause());
        }
        // Each batch wrote its own rows of out; Future.get() orders those writes before this read.
        return out;
    }

    private void run(int[] batch, long[][] ids, int[] lengths, float[][] out, boolean normalised) {
        int b = batch.length;
        int len = 0;
        for (int i : batch) {
            len = Math.max(len, lengths[i]);
        }
        LongBuffer inputIds = direct(b * len);
        LongBuffer mask = direct(b * len);
        for (int i : batch) {
            for (int t = 0; t < len; t++) {
                boolean real = t < lengths[i];
                inputIds.put(real ? ids[i][t] : 0L);
                mask.put(real ? 1L : 0L);
            }
        }
        inputIds.flip();
        mask.flip();
        long[] shape = {b, len};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, inputIds, shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask, shape));
            if (tokenTypeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, direct(b * len), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                for (int k = 0; k < b; k++) {
                    float[] v = pool(hidden, k, len, lengths[batch[k]]);
                    out[batch[k]] = normalised ? normalise(v) : v;
                }
            }
        } catch (OrtException e) {
            throw new LabException("ONNX Runtime failed on a batch of %d texts of up to %d tokens: %s".formatted(b, len, e.getMessage()), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Pools row {@code k} of a [batch, len, dimension] buffer over its first {@code real} tokens. */
    private float[] pool(FloatBuffer hidden, int k, int len, int real) {
        float[] v = new float[dimension];
        int base = k * len * dimension;
        if (files.pooling() == Pooling.CLS) {
            hidden.get(base, v);
        } else {
            for (int t = 0; t < real; t++) {
                int at = base + t * dimension;
                for (int d = 0; d < dimension; d++) {
                    v[d] += hidden.get(at + d);
                }
            }
            for (int d = 0; d < dimension; d++) {
                v[d] /= real;
            }
        }
        return v;
    }

    /** Divides {@code v} by its L2 norm in place (a zero vector stays zero) and returns it. */
    static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float norm = (float) Math.sqrt(sum);
        if (norm > 0) {
            for (int d = 0; d < v.length; d++) {
                v[d] /= norm;
            }
        }
        return v;
    }

    private static LongBuffer direct(int longs) {
        return ByteBuffer.allocateDirect(longs * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    private static void closeQuietly(OrtSession s) {
        try {
            s.close();
        } catch (OrtException e) {
            // Closing after a failed open: the open's own error is the one to report.
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException e) {
            throw new LabException("ONNX Runtime failed to close %s: %s".formatted(files.label(), e.getMessage()), e);
        }
    }
}
