/**
 * ONNX model files: reading and writing, shape inference, FLOPs, and the weight and graph transforms of
 * variants. {@code dev.greenloop.onnx.proto} holds the ONNX format's message types, generated from onnx.proto.
 */
module dev.greenloop.onnx {
    requires transitive com.google.protobuf;
    requires ejml.core;
    requires ejml.ddense;

    exports dev.greenloop.onnx;
    exports dev.greenloop.onnx.proto;
}
