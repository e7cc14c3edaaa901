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
 */
public record ModelFiles(String label, Path onnx, Path tokenizer, Pooling pooling, int maxPositions, String source) {

    /**
     * @throws IllegalArgumentException if {@code maxPositions} is below 2 (room for the special tokens)
     */
    public ModelFiles {
        if (maxPositions < 2) {
            throw new IllegalArgumentException("maxPositions %d is below 2".formatted(maxPositions));
        }
    }
}
