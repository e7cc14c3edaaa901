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
 * <p>Measuring and choosing: {@link dev.greenloop.lab.Profiler} profiles one variant on a list of
 * texts into a {@link dev.greenloop.lab.Profile} (energy per query through the meter, with its
 * provenance; CPU, latency, throughput, FLOPs, size, peak memory), {@link dev.greenloop.lab.Quality}
 * compares its vectors with fp32's, {@link dev.greenloop.lab.Sweep} spans runner settings,
 * {@link dev.greenloop.lab.Pareto} finds the energy-versus-quality frontier,
 * {@link dev.greenloop.lab.Recommendation} picks the cheapest variant meeting a requirement and
 * {@link dev.greenloop.lab.EnergyLabel} rates energy relative to fp32. See {@code docs/lab-profile.md}.
 *
 * <p>Nothing in this package loads ONNX Runtime or the tokenizer's native library until an
 * {@link dev.greenloop.lab.Embedder} is opened.
 */
package dev.greenloop.lab;
