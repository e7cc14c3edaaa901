package dev.greenloop.lab;

import java.nio.file.Path;

/**
 * The files of one model variant, ready to open.
 *
 * @param label what it is, for messages and reports, such as {@code all-minilm-l6-v2 int8}
 * @param onnx the ONNX model
 * @param tokenizer the Hugging Face {@code tokenizer.json}
 * @param pooling how sentence vectors are made
 * @param maxPositions the most tokens the encoder takes; texts are truncated to the smaller of this
 *     and the tokenizer file's own truncation length
 * @param source where the files came from (an artifact and its jar, or a directory)
 * @param longTexts what happens to a text longer than {@code maxPositions} tokens
 */
public record ModelFiles(String label, Path onnx, Path tokenizer, Pooling pooling, int maxPositions, String source, LongTexts longTexts) {

    /** What the runner does with a text that has more tokens than the encoder takes. */
    public enum LongTexts {
        /** Cut to the tokens that fit (right side), as sentence-transformers does. */
        TRUNCATE,
        /**
         * As LangChain4j's in-process models do: the tokenizer opened as LangChain4j opens it (DJL then truncates as
         * the file says, else at 512), and what is still longer than the window split into pieces of
         * {@code maxPositions - 2} tokens, each embedded with its own {@code [CLS]} and {@code [SEP]}, pooled, and
         * averaged weighted by piece length before the L2 normalisation (docs/lab.md, "Texts longer than the window").
         */
        SPLIT
    }

    /**
     * @throws IllegalArgumentException if {@code maxPositions} is below 3 for {@link LongTexts#SPLIT} or below 2 (room for the special tokens)
     * @throws NullPointerException if {@code longTexts} is null
     */
    public ModelFiles {
        java.util.Objects.requireNonNull(longTexts, "longTexts");
        if (maxPositions < (longTexts == LongTexts.SPLIT ? 3 : 2)) {
            throw new IllegalArgumentException("maxPositions %d is below %d".formatted(maxPositions, longTexts == LongTexts.SPLIT ? 3 : 2));
        }
    }

    /** Files whose long texts are truncated ({@link LongTexts#TRUNCATE}). */
    public ModelFiles(String label, Path onnx, Path tokenizer, Pooling pooling, int maxPositions, String source) {
        this(label, onnx, tokenizer, pooling, maxPositions, source, LongTexts.TRUNCATE);
    }
}
