/**
 * The lab: embedding models on ONNX Runtime in variants (fp32, int8, int4, low-rank, pruned, a distilled static
 * student), their energy per query and quality, Pareto frontier, recommendation and energy label.
 */
module dev.greenloop.lab {
    requires transitive dev.greenloop.core;
    requires transitive dev.greenloop.meter;
    requires dev.greenloop.onnx;
    requires com.microsoft.onnxruntime;
    requires ai.djl.tokenizers;
    requires com.google.gson;
    requires ejml.core;
    requires ejml.ddense;
    requires jdk.management;

    exports dev.greenloop.lab;
}
