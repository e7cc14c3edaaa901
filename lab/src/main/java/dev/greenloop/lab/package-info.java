/**
 * The lab: real embedding models run in variants (fp32, int8, and later int8-pc, int4, low-rank,
 * pruned and distilled), with their energy per query and quality measured side by side.
 *
 * <p>Public API: {@link dev.greenloop.lab.ModelCatalog} names the known models,
 * {@link dev.greenloop.lab.ModelRepository} finds their files in the local Maven repository (the
 * LangChain4j in-process embedding artifacts, read as data only) or in a directory,
 * {@link dev.greenloop.lab.Variant} names a variant, and {@link dev.greenloop.lab.Embedder} runs one
 * on ONNX Runtime with the {@link dev.greenloop.lab.RunnerSettings} given. See {@code docs/lab.md}.
 *
 * <p>Nothing in this package loads ONNX Runtime or the tokenizer's native library until an
 * {@link dev.greenloop.lab.Embedder} is opened.
 */
package dev.greenloop.lab;
