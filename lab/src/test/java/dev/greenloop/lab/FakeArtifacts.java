package dev.greenloop.lab;

import com.google.protobuf.ByteString;
import dev.greenloop.onnx.proto.GraphProto;
import dev.greenloop.onnx.proto.ModelProto;
import dev.greenloop.onnx.proto.TensorProto;
import dev.greenloop.onnx.proto.ValueInfoProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Model artifacts in a Maven layout for unit tests: jars holding a real LangChain4j model class (its bytes taken from
 * the test-scope artifacts, never loaded), a small ONNX graph of the real shape and a tokenizer file.
 */
final class FakeArtifacts {

    private FakeArtifacts() {
    }

    /** The bytes of a class on the test class path, as its jar holds them. */
    static byte[] classBytes(Class<?> c) {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A graph with BERT's inputs, a [batch, tokens, hidden] output and a position table of {@code positions} rows. */
    static byte[] graph(int positions, boolean tokenTypes) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("fake")
                .addInput(ValueInfoProto.newBuilder().setName("input_ids"))
                .addInput(ValueInfoProto.newBuilder().setName("attention_mask"));
        if (tokenTypes) {
            g.addInput(ValueInfoProto.newBuilder().setName("token_type_ids"));
        }
        g.addOutput(ValueInfoProto.newBuilder().setName("last_hidden_state"))
                .addInitializer(TensorProto.newBuilder().setName("embeddings.word_embeddings.weight").addDims(30).addDims(4)
                        .setDataType(1).setRawData(ByteString.copyFrom(new byte[30 * 4 * 4])))
                .addInitializer(TensorProto.newBuilder().setName("embeddings.position_embeddings.weight").addDims(positions).addDims(4)
                        .setDataType(1).setRawData(ByteString.copyFrom(new byte[positions * 4 * 4])));
        return ModelProto.newBuilder().setIrVersion(8).setGraph(g).build().toByteArray();
    }

    /** A tokenizer file that sets {@code truncation.max_length}, or none when {@code truncation} is 0. */
    static byte[] tokenizer(int truncation) {
        String t = truncation == 0 ? "null" : "{\"direction\": \"Right\", \"max_length\": %d, \"strategy\": \"LongestFirst\", \"stride\": 0}".formatted(truncation);
        return "{\"version\": \"1.0\", \"truncation\": %s, \"padding\": null}".formatted(t).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code repo/dev/langchain4j/ARTIFACT/VERSION/ARTIFACT-VERSION.jar} with these entries; returns the jar. */
    static Path jar(Path repo, String artifactId, String version, Map<String, byte[]> entries) throws IOException {
        Path d = repo.resolve("dev/langchain4j").resolve(artifactId).resolve(version);
        Files.createDirectories(d);
        Path jar = d.resolve(artifactId + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return jar;
    }
}
