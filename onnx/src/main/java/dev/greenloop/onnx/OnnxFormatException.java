package dev.greenloop.onnx;

/** A model that is not valid ONNX, or not in a shape this module can work on; the message names what and where. */
public final class OnnxFormatException extends RuntimeException {

    /** An exception with {@code message}, which names the bad model, node or tensor. */
    public OnnxFormatException(String message) {
        super(message);
    }

    /** An exception with {@code message} and the {@code cause} that revealed it. */
    public OnnxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
