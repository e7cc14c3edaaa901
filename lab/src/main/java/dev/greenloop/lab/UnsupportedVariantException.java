package dev.greenloop.lab;

/**
 * A variant that does not exist for the model asked (int8 of a model directory, which has no
 * published int8 file) or cannot be used as asked (model files of {@code static}, a token table):
 * the caller's mistake, the message names the variant and what to do instead.
 */
public class UnsupportedVariantException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the variant and the fix */
    public UnsupportedVariantException(String message) {
        super(message);
    }
}
