/**
 * Reads, edits and writes ONNX models, and builds weight-level variants of them.
 *
 * <ul>
 *   <li>{@link dev.greenloop.onnx.OnnxModels} reads and writes model files (the message classes, generated from
 *       Greenloop's own subset of ONNX's {@code onnx.proto}, are in {@code dev.greenloop.onnx.proto});</li>
 *   <li>{@link dev.greenloop.onnx.Tensors} converts initializers to and from Java arrays;</li>
 *   <li>{@link dev.greenloop.onnx.Graphs} finds weight matrices and answers questions about a graph;
 *       {@link dev.greenloop.onnx.ModelEditor} changes one;</li>
 *   <li>{@link dev.greenloop.onnx.Transforms} builds variants ({@code int8-pc}, {@code int4}, {@code lowrank-R},
 *       {@code pruned-P}), each a pure function with a {@link dev.greenloop.onnx.TransformReport}; they are registered
 *       once, as {@link dev.greenloop.onnx.TransformFamily TransformFamilies} in {@link dev.greenloop.onnx.Transforms#families()},
 *       the registry the lab's variant names are read from;</li>
 *   <li>{@link dev.greenloop.onnx.Flops} counts the multiply-adds of one query from the graph.</li>
 * </ul>
 *
 * <p>Nothing here runs a model: ONNX Runtime is only a test dependency of this module.
 */
package dev.greenloop.onnx;
