package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Profiler} on the real fp32 and int8 MiniLM (model files from the local Maven repository). */
class ProfilerIT {

    @TempDir
    Path dir;

    @Test
    void profile_realMiniLm_fp32AndInt8() throws IOException {
        ModelRepository repo = new ModelRepository(ModelRepository.defaultMavenRepository(), dir);
        List<String> texts = TestTexts.generated(48, 30, 11);
        Profiler.Options options = new Profiler.Options(1, 16, 8, 0.5);
        Profiler.Result fp32 = Profiler.profile(() -> Embedder.open(repo.resolve("all-minilm-l6-v2", Variant.FP32), RunnerSettings.tuned()), texts,
                options, Profiler.Listener.NONE);
        Profiler.Result int8 = Profiler.profile(() -> Embedder.open(repo.resolve("all-minilm-l6-v2", Variant.INT8), RunnerSettings.tuned()), texts,
                options, Profiler.Listener.NONE);
        Profile f = fp32.profile();
        Profile q = int8.profile();
        assertTrue(f.cpuSecondsPerQuery() > 0 && q.cpuSecondsPerQuery() > 0, f + " " + q);
        assertTrue(q.sizeBytes() < f.sizeBytes() / 3, "int8 weights take a quarter of fp32's bytes: " + q.sizeBytes() + " vs " + f.sizeBytes());
        // MiniLM: about 2 × 10.6 M non-embedding weights per token, plus attention.
        assertTrue(f.flopsPerQuery() > 2 * 10e6 * f.meanTokens() && f.flopsPerQuery() < 2 * 13e6 * f.meanTokens(), f.toString());
        Quality quality = Quality.measure(fp32.vectors(), int8.vectors(), null);
        assertTrue(quality.meanCosine().getAsDouble() > 0.97, quality.toString());
        System.out.printf("fp32: %.3f ms CPU/query, %.2f mJ/query (%s), p50 %.2f ms; int8: %.3f ms CPU/query, %.2f mJ/query; cosine %.5f, top-10 overlap %.3f%n",
                1000 * f.cpuSecondsPerQuery(), 1000 * f.joulesPerQuery(), f.provenance().label(), f.latencyMsP50(), 1000 * q.cpuSecondsPerQuery(),
                1000 * q.joulesPerQuery(), quality.meanCosine().getAsDouble(), quality.top10Overlap().getAsDouble());
    }
}
