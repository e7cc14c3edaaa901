package dev.greenloop.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.greenloop.core.Provenance;
import dev.greenloop.lab.Embedder;
import dev.greenloop.lab.TextEncoder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class EmbeddingServiceTest {

    /** A meter whose energy rises 1,000 µJ per call to {@link #read()} and 7 µJ per word embedded: idle and work both cost. */
    static final class FakeMeter implements ProcessEnergy {
        final AtomicLong microjoules = new AtomicLong();
        final AtomicLong reads = new AtomicLong();

        @Override
        public Reading read() {
            reads.incrementAndGet();
            long now = microjoules.addAndGet(1_000);
            return new Reading(now, now / 2, now * 2, Provenance.MODELLED);
        }

        @Override
        public void close() {
        }
    }

    /** Vectors that depend on the text only; one token per word plus two; embedding waits on a gate when one is set. */
    static final class FakeEncoder implements TextEncoder {
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final FakeMeter meter;
        volatile CountDownLatch gate;
        boolean invariant = true;
        final CountDownLatch entered = new CountDownLatch(1);

        FakeEncoder(FakeMeter meter) {
            this.meter = meter;
        }

        @Override
        public String label() {
            return "fake";
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public int maxTokens() {
            return 128;
        }

        @Override
        public Path modelFile() {
            return Path.of("fake.onnx");
        }

        @Override
        public int[] tokenCounts(List<String> texts) {
            return texts.stream().mapToInt(t -> t.isBlank() ? 2 : t.strip().split("\\s+").length + 2).toArray();
        }

        @Override
        public long multiplyAdds(int tokens) {
            return tokens;
        }

        @Override
        public Embedder.Result embed(List<String> texts, IntConsumer progress) {
            entered.countDown();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            batchSizes.add(texts.size());
            for (int c : tokenCounts(texts)) {
                meter.microjoules.addAndGet(7L * c);
            }
            return new Embedder.Result(texts.stream().map(t -> new float[] {t.length(), t.hashCode() % 97, 1}).toList(), 0);
        }

        @Override
        public boolean batchInvariant() {
            return invariant;
        }

        @Override
        public void close() {
        }
    }

    private static EmbeddingService service(FakeMeter meter, FakeEncoder encoder, EmbeddingService.Options options) {
        return new EmbeddingService("fake-model", Map.of("fp32", encoder), options, meter,
                () -> Optional.of(new EmbeddingService.Intensity("DE", 400, "test")));
    }

    @Test
    void embed_answersVectorsTokensAndEnergy() throws Exception {
        FakeMeter meter = new FakeMeter();
        try (EmbeddingService s = service(meter, new FakeEncoder(meter), new EmbeddingService.Options(8, Duration.ZERO, 4))) {
            EmbeddingService.Answer a = s.embed("fp32", List.of("one two", "three"));
            assertEquals(2, a.vectors().size());
            assertArrayEquals(new float[] {7, "one two".hashCode() % 97, 1}, a.vectors().get(0));
            assertEquals(4 + 3, a.tokens());
            // the batch is this request alone: its share is the batch's energy, 1,000 µJ for the reading after plus 7 µJ per token
            assertEquals((1_000 + 7 * 7) / 1e6, a.energy().joules(), 1e-12);
            assertEquals(Provenance.MODELLED, a.energy().provenance());
            assertTrue(a.energy().joulesMin() < a.energy().joules() && a.energy().joules() < a.energy().joulesMax());
            assertEquals(a.energy().joules() / 3.6e6 * 400, a.energy().gramsCO2e().orElseThrow(), 1e-18);
            assertEquals("fp32", a.energy().variant());
            s.embed("fp32", List.of("four"));
            EmbeddingService.ServedCount served = s.served().get("fp32");
            assertEquals(3, served.queries());
            assertEquals(2, served.requests());
            assertTrue(served.joules() > a.energy().joules(), served.toString());
            assertEquals(served.joules() / 3.6e6 * 400, served.grams(), 1e-15);
            assertEquals(3, served.gramsQueries());
            assertEquals(Provenance.MODELLED, served.provenance());
        }
    }

    @Test
    void concurrentRequests_shareBatches_andEnergyIsConserved() throws Exception {
        FakeMeter meter = new FakeMeter();
        FakeEncoder encoder = new FakeEncoder(meter);
        List<EmbeddingService.Answer> answers = new CopyOnWriteArrayList<>();
        // a long wait: the twelve clients, started together, arrive well within it
        try (EmbeddingService s = service(meter, encoder, new EmbeddingService.Options(16, Duration.ofMillis(500), 64))) {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String text = "text number " + i + " " + "word ".repeat(i);
                clients.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                        answers.add(s.embed("fp32", List.of(text)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            go.countDown();
            for (Thread t : clients) {
                t.join(10_000);
            }
            assertEquals(12, answers.size());
            assertTrue(encoder.batchSizes.stream().anyMatch(n -> n > 1), "some requests shared a batch: " + encoder.batchSizes);
            EmbeddingService.Totals t = s.totals();
            double charged = answers.stream().mapToDouble(a -> a.energy().joules()).sum();
            assertEquals(charged, t.requestsJoules(), 1e-9);
            assertEquals(t.processJoules(), t.requestsJoules() + t.idleJoules(), 1e-9);
            assertTrue(t.idleJoules() > 0, "reads outside batches are idle: " + t);
        }
    }

    @Test
    void fullQueue_isRefusedWithRetryAfter() throws Exception {
        FakeMeter meter = new FakeMeter();
        FakeEncoder encoder = new FakeEncoder(meter);
        encoder.gate = new CountDownLatch(1);
        try (EmbeddingService s = service(meter, encoder, new EmbeddingService.Options(1, Duration.ZERO, 1))) {
            Thread held = Thread.ofPlatform().start(() -> call(s));
            assertTrue(encoder.entered.await(10, TimeUnit.SECONDS), "the first request reached the encoder");
            Thread queued = Thread.ofPlatform().start(() -> call(s));
            for (int i = 0; i < 2_000 && s.waiting() < 1; i++) {
                Thread.sleep(5);
            }
            QueueFullException e = assertThrows(QueueFullException.class, () -> s.embed("fp32", List.of("one too many")));
            assertTrue(e.getMessage().contains("--queue"), e.getMessage());
            assertFalse(e.retryAfter().isNegative());
            encoder.gate.countDown();
            held.join(10_000);
            queued.join(10_000);
        }
    }

    private static void call(EmbeddingService s) {
        try {
            s.embed("fp32", List.of("a text"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void badVariantOrCount_namesIt() {
        FakeMeter meter = new FakeMeter();
        try (EmbeddingService s = service(meter, new FakeEncoder(meter), EmbeddingService.Options.DEFAULT)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.embed("int4", List.of("x")));
            assertTrue(e.getMessage().contains("'int4'") && e.getMessage().contains("fp32"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.embed("fp32", List.of()));
            List<String> many = java.util.Collections.nCopies(EmbeddingService.MAX_INPUTS + 1, "x");
            assertThrows(IllegalArgumentException.class, () -> s.embed("fp32", many));
        }
    }

    @Test
    void energyFromTakingABatchsFirstRequest_isItsRequests_andOnlyTheRestIsIdle() throws Exception {
        FakeMeter meter = new FakeMeter();
        try (EmbeddingService s = service(meter, new FakeEncoder(meter), new EmbeddingService.Options(8, Duration.ofSeconds(2), 4))) {
            s.embed("fp32", List.of("warm"));
            EmbeddingService.Totals before = s.totals();
            meter.microjoules.addAndGet(50_000); // nothing in the service: idle
            long reads = meter.reads.get();
            CompletableFuture<EmbeddingService.Answer> a = CompletableFuture.supplyAsync(() -> call(s, List.of("one two")));
            for (int i = 0; i < 1_000 && meter.reads.get() == reads; i++) {
                Thread.sleep(5); // until the worker has taken it (its reading) and waits up to 2 s for companions
            }
            meter.microjoules.addAndGet(20_000); // work while it waits (another request's parsing, earlier answers' writing)
            EmbeddingService.Answer answer = a.get(10, TimeUnit.SECONDS);
            EmbeddingService.Totals after = s.totals();
            // the batch: the reading when taken (+1,000 before it), the 20,000 during the wait, 7 µJ × 4 tokens, +1,000 for the reading after
            assertEquals((20_000 + 7 * 4 + 1_000) / 1e6, answer.energy().joules(), 1e-12);
            assertEquals(answer.energy().joules(), after.requestsJoules() - before.requestsJoules(), 1e-12);
            double idle = after.idleJoules() - before.idleJoules();
            assertTrue(idle >= 0.050 && idle < 0.0535, "the 50,000 µJ before the request came, and the readings, are idle: " + idle);
            assertEquals(after.processJoules() - before.processJoules(), (after.requestsJoules() - before.requestsJoules()) + idle, 1e-12);
        }
    }

    @Test
    void energyWhileARequestIsInTheServer_isCharged_andAfterItsVisitIdle() throws Exception {
        FakeMeter meter = new FakeMeter();
        try (EmbeddingService s = service(meter, new FakeEncoder(meter), new EmbeddingService.Options(8, Duration.ZERO, 4))) {
            EmbeddingService.Totals before = s.totals();
            EmbeddingService.Answer answer;
            try (EmbeddingService.Visit visit = s.visit()) { // +1,000 for the reading: idle, before the request came
                meter.microjoules.addAndGet(30_000); // parsing it
                answer = s.embed("fp32", List.of("one two"));
                meter.microjoules.addAndGet(9_000); // writing its answer: no batch left to charge, so idle at the end of the visit
            } // +1,000
            EmbeddingService.Totals after = s.totals(); // +1,000
            // its batch: the parsing, the reading when taken, 7 µJ × 4 tokens, the reading after
            assertEquals((30_000 + 1_000 + 7 * 4 + 1_000) / 1e6, answer.energy().joules(), 1e-12);
            // idle: the visit's first reading, the writing and the visit's last reading, the reading of totals()
            assertEquals((1_000 + 9_000 + 1_000 + 1_000) / 1e6, after.idleJoules() - before.idleJoules(), 1e-12);
            assertEquals(after.processJoules() - before.processJoules(),
                    after.requestsJoules() - before.requestsJoules() + after.idleJoules() - before.idleJoules(), 1e-12);
        }
    }

    @Test
    void batchDependentEncoder_runsEachTextAlone_andRequestsApart() throws Exception {
        FakeMeter meter = new FakeMeter();
        FakeEncoder encoder = new FakeEncoder(meter);
        encoder.invariant = false;
        try (EmbeddingService s = service(meter, encoder, new EmbeddingService.Options(8, Duration.ofMillis(50), 16))) {
            assertFalse(s.variant("fp32").orElseThrow().batched());
            CompletableFuture<EmbeddingService.Answer> a = CompletableFuture.supplyAsync(() -> call(s, List.of("one", "two words", "three more words")));
            CompletableFuture<EmbeddingService.Answer> b = CompletableFuture.supplyAsync(() -> call(s, List.of("four")));
            assertEquals(3, a.get(10, TimeUnit.SECONDS).vectors().size());
            assertEquals(1, b.get(10, TimeUnit.SECONDS).vectors().size());
            assertArrayEquals(new float[] {"two words".length(), "two words".hashCode() % 97, 1}, a.get().vectors().get(1));
            assertEquals(List.of(1, 1, 1, 1), encoder.batchSizes, "one text per inference call");
        }
    }

    private static EmbeddingService.Answer call(EmbeddingService s, List<String> texts) {
        try {
            return s.embed("fp32", texts);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
