package dev.greenloop.lab;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * One model variant, open and ready to turn texts into L2-normalised vectors. The ONNX variants run
 * on ONNX Runtime ({@link Embedder}); the {@code static} student is token look-ups and pooling.
 *
 * <p>One instance is used by one thread at a time; close it to free what it holds (native
 * sessions, tokenizers, worker threads).
 */
public interface TextEncoder extends AutoCloseable {

    /** What runs, for messages and profiles: model, variant and where it came from. */
    String label();

    /** The length of its vectors. */
    int dimension();

    /** The most tokens of a text it sees, special tokens included; the rest is cut (right side). */
    int maxTokens();

    /** The file the variant runs from ({@code model.onnx}, or the static student's matrix): its size is the model's size. */
    java.nio.file.Path modelFile();

    /**
     * The tokens each text becomes, as {@link #embed} feeds them: special tokens included where the
     * variant adds them, truncated to {@link #maxTokens()}.
     *
     * @param texts any strings
     * @return one count per text, in order
     */
    int[] tokenCounts(List<String> texts);

    /**
     * Multiply-adds to embed one text of {@code tokens} tokens, counted from the model itself (for an
     * ONNX variant, every MatMul, Gemm and MatMul-like node of its graph; see the onnx module's {@code Flops}).
     *
     * @param tokens a count as {@link #tokenCounts} returns
     * @throws LabException if the count cannot be made (the message says why)
     */
    long multiplyAdds(int tokens);

    /**
     * Whether a text's vector is the same whichever texts share its {@link #embed} call. True by default; false for
     * an ONNX variant that quantises activations dynamically (one scale per tensor, so the other texts and the
     * padding of a batch change a text's vector) when it runs more than one text per inference call.
     */
    default boolean batchInvariant() {
        return true;
    }

    /** Embeds texts; see {@link #embed(List, IntConsumer)}. */
    default Embedder.Result embed(List<String> texts) {
        return embed(texts, done -> { });
    }

    /**
     * Embeds texts.
     *
     * @param texts any strings, the empty one included
     * @param progress told the number of texts done, now and then
     * @return one vector per text, in input order, and how many texts were truncated
     * @throws LabException if the runtime fails
     */
    Embedder.Result embed(List<String> texts, IntConsumer progress);

    /**
     * Frees what it holds.
     *
     * @throws LabException if the runtime reports a failure while freeing
     */
    @Override
    void close();
}
