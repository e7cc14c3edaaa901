package dev.greenloop.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Profiler} on a fake encoder (exact call counts and figures); {@link ProfilerIT} runs it on the real fp32 and int8 MiniLM. */
class ProfilerTest {

    @TempDir
    Path dir;

    /** Tokens = words + 2, 1,000 multiply-adds per token, vectors from the text's length; counts every call. */
    static final class FakeEncoder implements TextEncoder {
        final Path file;
        int embedCalls;
        int textsEmbedded;
        boolean closed;

        FakeEncoder(Path file) {
            this.file = file;
        }

        @Override
        public String label() {
            return "fake";
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public int maxTokens() {
            return 128;
        }

        @Override
        public Path modelFile() {
            return file;
        }

        @Override
        public int[] tokenCounts(List<String> texts) {
            return texts.stream().mapToInt(t -> t.split(" ").length + 2).toArray();
        }

        @Override
        public long multiplyAdds(int tokens) {
            return 1000L * tokens;
        }

        @Override
        public Embedder.Result embed(List<String> texts, IntConsumer progress) {
            embedCalls++;
            textsEmbedded += texts.size();
            List<float[]> v = new ArrayList<>();
            for (String t : texts) {
                v.add(new float[] {t.length(), 1});
            }
            progress.accept(texts.size());
            return new Embedder.Result(v, 0);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void profile_fakeEncoder_countsCallsAndFigures() throws IOException {
        Path file = Files.write(dir.resolve("model.onnx"), new byte[1234]);
        FakeEncoder fake = new FakeEncoder(file);
        List<String> texts = List.of("one", "two words", "three words here", "a b c d", "x");
        Profiler.Result r = Profiler.profile(() -> fake, texts, new Profiler.Options(3, 4, 2, 0), Profiler.Listener.NONE);
        Profile p = r.profile();
        // warm-up: 1 batched (4 texts) + 2 alone; each round: 1 batched (5) + 2 alone.
        assertEquals(1 + 2 + 3 * (1 + 2), fake.embedCalls);
        assertEquals(4 + 2 + 3 * (5 + 2), fake.textsEmbedded);
        assertTrue(fake.closed, "the profiler closes what it opened");
        // tokens 3, 4, 5, 6, 3: mean 4.2; FLOPs = 2 × 1,000 × tokens.
        assertEquals(4.2, p.meanTokens(), 1e-12);
        assertEquals(8400, p.flopsPerQuery(), 1e-9);
        assertEquals(1234, p.sizeBytes());
        assertEquals(5, p.texts());
        assertEquals(3, p.rounds());
        assertEquals(2, p.latencyTexts());
        assertEquals(1, p.passesPerRound());
        assertTrue(p.cpuSecondsPerQuery() >= 0 && p.joulesPerQuery() >= 0 && p.throughputPerSecond() > 0, p.toString());
        assertTrue(p.latencyMsP50() <= p.latencyMsP95(), p.toString());
        assertTrue(p.provenance() == Provenance.MEASURED || p.provenance() == Provenance.MODELLED || p.provenance() == Provenance.DERIVED);
        assertEquals(5, r.vectors().size());
        assertArrayEquals(new float[] {9, 1}, r.vectors().get(1));
        if (Files.isWritable(Path.of("/proc/self/clear_refs"))) {
            assertTrue(p.peakRssBytes().orElseThrow() > 1 << 20, "a JVM's peak RSS is above 1 MB: " + p.peakRssBytes());
        }
    }

    @Test
    void profile_fastEncoder_batchedPassRepeatedForMinPassSeconds() throws IOException {
        FakeEncoder fake = new FakeEncoder(Files.write(dir.resolve("m.onnx"), new byte[1]));
        Profile p = Profiler.profile(() -> fake, List.of("a", "b"), new Profiler.Options(1, 0, 0, 0.05), Profiler.Listener.NONE).profile();
        assertTrue(p.passesPerRound() > 1, "a fake embeds two texts in microseconds: " + p.passesPerRound());
        assertEquals(p.passesPerRound(), fake.embedCalls, "no warm-up or latency calls, one call per pass");
    }

    @Test
    void profile_noTexts_throws() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Profiler.profile(() -> new FakeEncoder(dir), List.of(), Profiler.Options.defaults(), Profiler.Listener.NONE));
        assertTrue(e.getMessage().contains("no texts"), e.getMessage());
    }

    @Test
    void percentile_nearestRank() {
        double[] v = {5, 1, 4, 2, 3};
        assertEquals(3, Profiler.percentile(v, 50));
        assertEquals(5, Profiler.percentile(v, 95));
        assertEquals(1, Profiler.percentile(v, 1));
        assertEquals(2.5, Profiler.median(new double[] {4, 1, 2, 3}));
    }
}
