package dev.greenloop.app;

import dev.greenloop.core.Provenance;
import dev.greenloop.lab.Embedder;
import dev.greenloop.lab.TextEncoder;
import dev.greenloop.lab.Variant;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Serves embeddings of one model's open variants with dynamic batching and per-request energy.
 *
 * <p>Requests wait in one bounded queue; one worker thread takes them in order and runs a batch at a time: a request,
 * and the requests for the same variant that arrive within {@link Options#maxWait()} of it, up to
 * {@link Options#maxBatch()} texts (a larger request runs alone). Variants whose vectors depend on their batch
 * ({@link #batchInvariant}) always run one request at a time. One batch at a time keeps the energy accounting exact:
 * the process's energy read before and after each batch ({@link ProcessEnergy}) is that batch's, split over its
 * requests by tokens; the energy between batches is idle and charged to no request ({@link EnergyLedger}).
 *
 * <p>Safe for use by many threads at once. Close it to stop the worker; it does not close the encoders or the meter.
 */
public final class EmbeddingService implements AutoCloseable {

    /** The most texts one request may carry, as OpenAI's embeddings API allows. */
    public static final int MAX_INPUTS = 2048;

    /**
     * How requests are batched and queued.
     *
     * @param maxBatch the most texts in one batch, at least 1
     * @param maxWait how long the first request of a batch waits for others, zero or more
     * @param queue the most requests waiting, at least 1; more are refused ({@link QueueFullException})
     */
    public record Options(int maxBatch, Duration maxWait, int queue) {

        /** 32 texts, 5 ms, 256 requests. */
        public static final Options DEFAULT = new Options(32, Duration.ofMillis(5), 256);

        /** @throws IllegalArgumentException naming the value out of range */
        public Options {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("--max-batch %d: give at least 1 text".formatted(maxBatch));
            }
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("--max-wait-ms %d: give 0 or more milliseconds".formatted(maxWait.toMillis()));
            }
            if (queue < 1) {
                throw new IllegalArgumentException("--queue %d: give at least 1 request".formatted(queue));
            }
        }
    }

    /**
     * A zone's carbon intensity now.
     *
     * @param zone the grid zone, such as {@code DE}
     * @param gramsPerKWh grams CO2e per kWh
     * @param source where the value comes from (a trace file, a provider)
     */
    public record Intensity(String zone, double gramsPerKWh, String source) {
    }

    /**
     * One request's energy and carbon.
     *
     * @param joules its share of the process's energy
     * @param joulesMin the lowest its share plausibly is
     * @param joulesMax the highest
     * @param provenance the meter's label ({@code measured}, {@code derived} or {@code modelled})
     * @param variant the variant that answered
     * @param intensity the zone's intensity when it was answered; empty when no zone is configured or its intensity is unknown
     */
    public record RequestEnergy(double joules, double joulesMin, double joulesMax, Provenance provenance, String variant,
            Optional<Intensity> intensity) {

        /** @return the energy in watt-hours */
        public double wattHours() {
            return joules / 3600;
        }

        /** @return grams CO2e: kWh × the zone's intensity; empty without an intensity */
        public Optional<Double> gramsCO2e() {
            return intensity.map(i -> joules / 3.6e6 * i.gramsPerKWh());
        }
    }

    /**
     * An answered request.
     *
     * @param vectors one per text, in order
     * @param tokens the tokens the texts became (special tokens included, after truncation)
     * @param energy its energy
     * @param batchTexts how many texts ran in its batch
     * @param queueSeconds from its arrival to the start of its batch
     * @param inferenceSeconds its batch's run
     */
    public record Answer(List<float[]> vectors, long tokens, RequestEnergy energy, int batchTexts, double queueSeconds, double inferenceSeconds) {
    }

    /**
     * A served variant.
     *
     * @param variant its name, such as {@code fp32}
     * @param dimension its vectors' length
     * @param batched whether requests share batches (false for variants whose vectors depend on their batch)
     */
    public record Served(String variant, int dimension, boolean batched) {
    }

    /**
     * The process's energy since the service started, split.
     *
     * @param processJoules the process's energy
     * @param requestsJoules the part charged to requests
     * @param idleJoules the part between batches, charged to none
     * @param provenance the weakest label of the readings
     * @param seconds how long since the service started
     */
    public record Totals(double processJoules, double requestsJoules, double idleJoules, Provenance provenance, double seconds) {
    }

    private record Pending(String variant, List<String> texts, long arrived, CompletableFuture<Answer> answer) {
    }

    private final String model;
    private final Map<String, TextEncoder> encoders;
    private final Map<String, Served> served;
    private final Options options;
    private final ProcessEnergy meter;
    private final Supplier<Optional<Intensity>> intensity;
    private final BlockingQueue<Pending> queue;
    private final Deque<Pending> carried = new ArrayDeque<>();
    private final EnergyLedger ledger;
    private final long started = System.nanoTime();
    private final Thread worker;
    private volatile boolean stopping;
    private volatile double batchSecondsEstimate = 0.01;

    /**
     * Starts the worker.
     *
     * @param model the model's name, as clients give it
     * @param encoders the open variants by name ({@code fp32}, {@code int8-pc}...), in the order to list them; at least one
     * @param options batching and queueing
     * @param meter this process's energy
     * @param intensity the zone's intensity now, asked once per batch; empty when there is none
     * @throws IllegalArgumentException if there is no encoder
     */
    public EmbeddingService(String model, Map<String, TextEncoder> encoders, Options options, ProcessEnergy meter,
            Supplier<Optional<Intensity>> intensity) {
        if (encoders.isEmpty()) {
            throw new IllegalArgumentException("no variant to serve: give at least one");
        }
        this.model = Objects.requireNonNull(model, "model");
        this.encoders = Collections.unmodifiableMap(new LinkedHashMap<>(encoders));
        Map<String, Served> s = new LinkedHashMap<>();
        encoders.forEach((name, e) -> s.put(name, new Served(name, e.dimension(), batchInvariant(Variant.parse(name)))));
        this.served = Collections.unmodifiableMap(s);
        this.options = Objects.requireNonNull(options, "options");
        this.meter = Objects.requireNonNull(meter, "meter");
        this.intensity = Objects.requireNonNull(intensity, "intensity");
        this.queue = new ArrayBlockingQueue<>(options.queue());
        this.ledger = new EnergyLedger(meter.read());
        this.worker = Thread.ofPlatform().name("greenloop-serve-batcher").daemon().start(this::loop);
    }

    /**
     * Whether a variant's vectors are independent of the other texts in its batch. fp32 graphs are (padding is masked
     * out of mean pooling; CLS pooling reads one position), and so are the low-rank and pruned ones built from fp32 and
     * the static student (look-ups), and the cascade (each text goes to the student or to fp32 by its own features, and
     * both answer it alone as in any batch). Int8 and int4 graphs quantise activations dynamically with one scale per tensor,
     * so padding and the other texts change a text's vector: they run one request at a time.
     */
    public static boolean batchInvariant(Variant variant) {
        String name = variant.kind().toString();
        return !(name.startsWith("int8") || name.startsWith("int4"));
    }

    /** @return the model's name */
    public String model() {
        return model;
    }

    /** @return the served variants, in order; the first is the default */
    public List<Served> variants() {
        return List.copyOf(served.values());
    }

    /** @return the variant, if served */
    public Optional<Served> variant(String name) {
        return Optional.ofNullable(served.get(name));
    }

    /** @return batching and queueing */
    public Options options() {
        return options;
    }

    /** @return requests waiting now */
    public int waiting() {
        return queue.size();
    }

    /** @return the tokens each text becomes in a variant, as it is fed (for counting before embedding) */
    public int[] tokenCounts(String variant, List<String> texts) {
        return encoder(variant).tokenCounts(texts);
    }

    /**
     * Embeds texts with a variant, waiting for the answer.
     *
     * @param variant a name {@link #variants()} lists
     * @param texts 1 to {@value #MAX_INPUTS} texts
     * @throws IllegalArgumentException if the variant is not served or the count is out of range, naming it
     * @throws QueueFullException if {@link Options#queue()} requests are already waiting
     * @throws InterruptedException if the caller is interrupted while waiting
     * @throws dev.greenloop.lab.LabException if the runtime fails
     */
    public Answer embed(String variant, List<String> texts) throws InterruptedException {
        encoder(variant);
        if (texts.isEmpty() || texts.size() > MAX_INPUTS) {
            throw new IllegalArgumentException("%d texts: give 1 to %d".formatted(texts.size(), MAX_INPUTS));
        }
        if (stopping) {
            throw new IllegalStateException("the service is stopping");
        }
        Pending p = new Pending(variant, List.copyOf(texts), System.nanoTime(), new CompletableFuture<>());
        if (!queue.offer(p)) {
            double seconds = batchSecondsEstimate * (queue.size() + 1);
            throw new QueueFullException(options.queue(), Duration.ofMillis((long) Math.ceil(seconds * 1000)));
        }
        try {
            return p.answer().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("embedding failed: " + e.getCause(), e.getCause());
        }
    }

    /** @return the process's energy since start, split into requests and idle; requests + idle = process exactly (to the microjoule) */
    public Totals totals() {
        EnergyLedger.Totals t;
        synchronized (ledger) {
            t = ledger.totals(meter.read());
        }
        return new Totals(t.processMicrojoules() / 1e6, t.requestsMicrojoules() / 1e6, t.idleMicrojoules() / 1e6, t.provenance(),
                (System.nanoTime() - started) / 1e9);
    }

    private TextEncoder encoder(String variant) {
        TextEncoder e = encoders.get(variant);
        if (e == null) {
            throw new IllegalArgumentException("variant '%s' is not served; served: %s".formatted(variant, String.join(", ", encoders.keySet())));
        }
        return e;
    }

    private void loop() {
        while (!stopping) {
            try {
                List<Pending> batch = next();
                if (!batch.isEmpty()) {
                    run(batch);
                }
            } catch (InterruptedException e) {
                if (stopping) {
                    return;
                }
                // not stopping: an interrupt from elsewhere; keep serving
            }
        }
    }

    /** The next batch: the oldest request and, if its variant batches, same-variant requests that come within the wait. */
    private List<Pending> next() throws InterruptedException {
        Pending first = carried.isEmpty() ? queue.poll(100, TimeUnit.MILLISECONDS) : carried.poll();
        if (first == null) {
            return List.of();
        }
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        if (!served.get(first.variant()).batched()) {
            return batch;
        }
        int texts = first.texts().size();
        long deadline = first.arrived() + options.maxWait().toNanos();
        while (texts < options.maxBatch()) {
            Pending p = carried.isEmpty() ? queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) : carried.poll();
            if (p == null) {
                break;
            }
            if (!p.variant().equals(first.variant()) || texts + p.texts().size() > options.maxBatch()) {
                carried.addFirst(p);
                break;
            }
            batch.add(p);
            texts += p.texts().size();
        }
        return batch;
    }

    private void run(List<Pending> batch) {
        String variant = batch.getFirst().variant();
        TextEncoder encoder = encoders.get(variant);
        List<String> texts = new ArrayList<>();
        batch.forEach(p -> texts.addAll(p.texts()));
        long start = System.nanoTime();
        try {
            Embedder.Result result;
            long end;
            long[] tokens = new long[batch.size()];
            EnergyLedger.Share[] shares;
            // The lock spans the readings and the run, so that totals() never reads between them.
            synchronized (ledger) {
                ProcessEnergy.Reading before = meter.read();
                result = encoder.embed(texts);
                ProcessEnergy.Reading after = meter.read();
                end = System.nanoTime();
                int[] counts = encoder.tokenCounts(texts);
                int at = 0;
                for (int i = 0; i < batch.size(); i++) {
                    for (int j = 0; j < batch.get(i).texts().size(); j++) {
                        tokens[i] += counts[at + j];
                    }
                    at += batch.get(i).texts().size();
                }
                shares = ledger.batch(before, after, tokens);
            }
            Optional<Intensity> now = currentIntensity();
            double seconds = (end - start) / 1e9;
            batchSecondsEstimate = 0.8 * batchSecondsEstimate + 0.2 * seconds;
            int at = 0;
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                List<float[]> vectors = result.vectors().subList(at, at + p.texts().size());
                at += p.texts().size();
                EnergyLedger.Share s = shares[i];
                RequestEnergy energy = new RequestEnergy(s.microjoules() / 1e6, s.minMicrojoules() / 1e6, s.maxMicrojoules() / 1e6, s.provenance(),
                        variant, now);
                p.answer().complete(new Answer(List.copyOf(vectors), tokens[i], energy, texts.size(), (start - p.arrived()) / 1e9, seconds));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.answer().completeExceptionally(e));
        }
    }

    private Optional<Intensity> currentIntensity() {
        try {
            return intensity.get();
        } catch (RuntimeException e) {
            return Optional.empty(); // a provider failing must not fail the request; the response then has no carbon figure
        }
    }

    /** Stops the worker after the batch in flight; requests still waiting fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        stopping = true;
        worker.interrupt();
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true; // finish the join: the worker must not run on after close
            }
        }
        List<Pending> left = new ArrayList<>(carried);
        queue.drainTo(left);
        left.forEach(p -> p.answer().completeExceptionally(new IllegalStateException("the service stopped before this request ran")));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
