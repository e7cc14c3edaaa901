/**
 * The lab: real embedding models run in variants (fp32, int8, int8-pc, int4, low-rank, pruned and
 * a distilled static student), with their energy per query and quality measured side by side.
 *
 * <p>The front door: {@link dev.greenloop.lab.Lab} opens any variant of a
 * {@link dev.greenloop.lab.ModelChoice} to run (fetching the model, building or distilling the variant
 * on first use) and profiles variants at settings ({@link dev.greenloop.lab.ProfilePlan}) into a
 * {@link dev.greenloop.lab.LabResult}, telling a {@link dev.greenloop.lab.LabListener} what it does;
 * {@link dev.greenloop.lab.LabConfig} says where its files live.
 *
 * <p>Public API: {@link dev.greenloop.lab.ModelCatalog} names the known models,
 * {@link dev.greenloop.lab.ModelRepository} finds their files in the local Maven repository (the
 * LangChain4j in-process embedding artifacts, read as data only) or in a directory,
 * {@link dev.greenloop.lab.Variant} names a variant (the transform-built ones come from the onnx
 * module's registry, {@link dev.greenloop.onnx.Transforms#families()}), and {@link dev.greenloop.lab.Embedder} runs one
 * on ONNX Runtime with the {@link dev.greenloop.lab.RunnerSettings} given.
 * {@link dev.greenloop.lab.VariantBuilder} builds and caches the lab's own variants from fp32, and
 * {@link dev.greenloop.lab.Distiller} the static student that {@link dev.greenloop.lab.StaticEncoder}
 * runs; both encoders are {@link dev.greenloop.lab.TextEncoder}s. A student trained on a
 * {@link dev.greenloop.lab.StudentCorpus} keeps its metered {@link dev.greenloop.lab.TrainingCurve}
 * in the cache. See {@code docs/lab.md} and {@code docs/lab-variants.md}.
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
 * {@link dev.greenloop.lab.Embedder} or a {@link dev.greenloop.lab.StaticEncoder} is opened; building variants loads neither.
 */
package dev.greenloop.lab;
