package dev.greenloop.lab;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which model the lab runs: a known one by name ({@link ModelCatalog}), or any BERT-style ONNX
 * encoder in a directory with {@code model.onnx} and {@code tokenizer.json}. Immutable.
 *
 * @param name the known model's name; null for a directory
 * @param directory the model's directory; null for a known model
 * @param pooling for a directory without {@code 1_Pooling/config.json}: how to pool; null to read it from the directory
 * @param maxPositions for a directory: the most tokens the encoder takes (512 for known models)
 */
public record ModelChoice(String name, Path directory, Pooling pooling, int maxPositions) {

    /**
     * @throws IllegalArgumentException unless exactly one of {@code name} and {@code directory} is given,
     *     naming the bad value when {@code maxPositions} is below 2 or {@code pooling} is given with a name
     */
    public ModelChoice {
        if ((name == null) == (directory == null)) {
            throw new IllegalArgumentException("a model is either a known name or a directory, not both or neither: name %s, directory %s"
                    .formatted(name, directory));
        }
        if (name != null && pooling != null) {
            throw new IllegalArgumentException("model %s: known models pool as published, pooling %s applies to a directory".formatted(name, pooling));
        }
        if (maxPositions < 2) {
            throw new IllegalArgumentException("max positions %d: must be at least 2".formatted(maxPositions));
        }
    }

    /** A known model, by its name in {@link ModelCatalog#builtIn()}. */
    public static ModelChoice known(String name) {
        return new ModelChoice(Objects.requireNonNull(name, "name"), null, null, 512);
    }

    /**
     * A model directory.
     *
     * @param pooling how to pool when the directory does not say; null to read it from the directory
     * @throws IllegalArgumentException if {@code maxPositions} is below 2
     */
    public static ModelChoice directory(Path directory, Pooling pooling, int maxPositions) {
        return new ModelChoice(null, Objects.requireNonNull(directory, "directory"), pooling, maxPositions);
    }

    /** Whether this is a model directory rather than a known model. */
    public boolean isDirectory() {
        return directory != null;
    }

    /** The model's name for results and messages: the known model's name, or the directory as given. */
    public String label() {
        return name != null ? name : directory.toString();
    }
}
