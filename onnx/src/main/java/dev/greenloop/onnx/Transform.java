package dev.greenloop.onnx;

import dev.greenloop.onnx.proto.ModelProto;

/** Builds a variant of a model. A pure function: the model passed in is never changed. */
public interface Transform {

    /** The variant's name, as {@link Transforms#parse} reads it (e.g. {@code int4}, {@code lowrank-0.5}). */
    String name();

    /**
     * The variant of {@code model}, with a report of what changed.
     *
     * @throws OnnxFormatException if the model cannot take this transform (the message says why)
     */
    Result apply(ModelProto model);

    /** A transformed model and its report. */
    record Result(ModelProto model, TransformReport report) {}
}
