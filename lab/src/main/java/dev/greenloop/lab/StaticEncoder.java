package dev.greenloop.lab;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Runs a static student ({@link Distiller}): tokenizes with the teacher's {@code tokenizer.json}
 * without special tokens, sums the tokens' rows of the matrix and L2-normalises (the same
 * direction as their mean). No truncation: every token counts.
 *
 * <p>A BERT WordPiece {@code tokenizer.json} is run by {@link WordPieceTokenizer} in Java, which
 * gives Hugging Face's ids; texts it hands back (an added token such as {@code [SEP]} in the text)
 * and every text of any other tokenizer go to Hugging Face tokenizers through DJL's JNI binding.
 *
 * <p>The empty text (and any text that tokenizes to nothing) becomes the normalised mean of the
 * rows of the special tokens the teacher puts around a text ({@code [CLS]} and {@code [SEP]}), as
 * the teacher sees the empty text: every vector is unit length, none is NaN or zero.
 *
 * <p>The matrix is memory-mapped, not loaded on the heap. One instance is used by one thread at a time.
 */
public final class StaticEncoder implements TextEncoder {

    private final Path dir;
    private final String label;
    private final HuggingFaceTokenizer tokenizer;
    /** Null where the tokenizer is not of the BERT WordPiece shape: then every text goes to {@link #tokenizer}. */
    private final WordPieceTokenizer wordPiece;
    private final FloatBuffer matrix;
    private final float[] rowScratch;
    private final int tokens;
    private final int dimension;
    private final int[] specialIds;

    private StaticEncoder(Path dir, String label, HuggingFaceTokenizer tokenizer, WordPieceTokenizer wordPiece, FloatBuffer matrix, int tokens,
            int dimension, int[] specialIds) {
        this.dir = dir;
        this.label = label;
        this.tokenizer = tokenizer;
        this.wordPiece = wordPiece;
        this.matrix = matrix;
        this.rowScratch = new float[dimension];
        this.tokens = tokens;
        this.dimension = dimension;
        this.specialIds = specialIds;
    }

    /**
     * Opens a static student's folder, as {@link VariantBuilder#distilled} leaves it.
     *
     * @throws LabException if the folder is not a whole static variant or its files cannot be read
     */
    public static StaticEncoder open(Path dir) {
        Distiller.Result r = Distiller.readResult(dir);
        String json = VariantCache.read(dir.resolve(Distiller.METADATA)).orElseThrow();
        String label = VariantCache.string(json, "label").orElse(dir.toString());
        String specials = VariantCache.string(json, "specialIds").orElse("");
        int[] ids = specials.isEmpty() ? new int[0] : java.util.Arrays.stream(specials.split(",")).mapToInt(Integer::parseInt).toArray();
        Path file = dir.resolve(Distiller.MATRIX);
        FloatBuffer matrix;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != (long) r.tokens() * r.dimension() * Float.BYTES) {
                throw new LabException("%s has %d bytes, expected %d × %d float32 as %s says; distil again (greenloop lab distill)"
                        .formatted(file, ch.size(), r.tokens(), r.dimension(), Distiller.METADATA));
            }
            matrix = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        } catch (IOException e) {
            throw new LabException("cannot read the static matrix %s: %s".formatted(file, e.getMessage()), e);
        }
        HuggingFaceTokenizer tokenizer = null;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(dir.resolve("tokenizer.json"),
                    Map.of("padding", "false", "truncation", "false", "addSpecialTokens", "false"));
            WordPieceTokenizer wordPiece = WordPieceTokenizer.read(dir.resolve("tokenizer.json")).orElse(null);
            return new StaticEncoder(dir, label, tokenizer, wordPiece, matrix, r.tokens(), r.dimension(), ids);
        } catch (IOException | RuntimeException e) {
            if (tokenizer != null) {
                tokenizer.close();
            }
            throw new LabException("cannot read tokenizer %s: %s".formatted(dir.resolve("tokenizer.json"), e.getMessage()), e);
        }
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** No limit ({@link Integer#MAX_VALUE}): a static student sums every token of a text. */
    @Override
    public int maxTokens() {
        return Integer.MAX_VALUE;
    }

    /** The matrix file, {@code matrix.f32}. */
    @Override
    public Path modelFile() {
        return dir.resolve(Distiller.MATRIX);
    }

    /** The rows each text sums: its tokens, without special tokens; for a text of none, the special-token rows it becomes. */
    @Override
    public int[] tokenCounts(List<String> texts) {
        int[] counts = new int[texts.size()];
        if (texts.isEmpty()) {
            return counts;
        }
        for (int i = 0; i < counts.length; i++) {
            int n = ids(texts.get(i)).length;
            counts[i] = n > 0 ? n : Math.max(1, specialIds.length);
        }
        return counts;
    }

    /**
     * {@code tokens × dimension} additions (summing the rows) plus {@code dimension} multiply-adds
     * (the squared norm); the {@code dimension} divisions that normalise and the look-ups are not
     * counted, as the onnx module's count leaves out layer norms and gathers.
     *
     * @throws IllegalArgumentException if {@code tokens} is below 1
     */
    @Override
    public long multiplyAdds(int tokens) {
        if (tokens < 1) {
            throw new IllegalArgumentException("tokens %d: must be at least 1".formatted(tokens));
        }
        return (long) tokens * dimension + dimension;
    }

    @Override
    public Embedder.Result embed(List<String> texts, IntConsumer progress) {
        if (texts.isEmpty()) {
            return new Embedder.Result(List.of(), 0);
        }
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            int[] ids = ids(texts.get(i));
            out[i] = vector(ids.length > 0 ? ids : specialIds);
            if ((i + 1) % 1024 == 0) {
                progress.accept(i + 1);
            }
        }
        progress.accept(out.length);
        return new Embedder.Result(List.of(out), 0);
    }

    /** The token ids of a text without special tokens: the Java WordPiece where it applies, else Hugging Face's through JNI. */
    int[] ids(String text) {
        int[] fast = wordPiece == null ? null : wordPiece.ids(text);
        if (fast != null) {
            return fast;
        }
        // The bare JNI call: DJL's encode also copies type ids, tokens, word ids and offsets, which are not needed here.
        long encoding = TokenizersLibrary.LIB.encode(tokenizer.getHandle(), text, false);
        try {
            long[] ids = TokenizersLibrary.LIB.getTokenIds(encoding);
            int[] out = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                // An id beyond int cannot be a matrix row: -1 makes vector() name the mismatch.
                out[i] = ids[i] == (int) ids[i] ? (int) ids[i] : -1;
            }
            return out;
        } finally {
            TokenizersLibrary.LIB.deleteEncoding(encoding);
        }
    }

    /** Whether the tokenizer runs in Java ({@link WordPieceTokenizer}); false: every text goes through JNI. */
    boolean javaTokenizer() {
        return wordPiece != null;
    }

    /** The stored (reduced, weighted) row of a token id. */
    float[] row(int id) {
        float[] r = new float[dimension];
        matrix.get(id * dimension, r);
        return r;
    }

    private float[] vector(int[] ids) {
        float[] v = new float[dimension];
        float[] row = rowScratch;
        for (int id : ids) {
            if (id < 0 || id >= tokens) {
                throw new LabException("%s: token id %d is outside the matrix's %d rows (a tokenizer that does not match it?)".formatted(label, id, tokens));
            }
            // One bulk copy out of the mapping, then a plain float[] loop that C2 vectorises.
            matrix.get(id * dimension, row);
            for (int d = 0; d < dimension; d++) {
                v[d] += row[d];
            }
        }
        return Embedder.normalise(v);
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
