package dev.greenloop.app;

import dev.greenloop.core.Provenance;
import dev.greenloop.lab.Embedder;
import dev.greenloop.lab.TextEncoder;
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
 * ({@link TextEncoder#batchInvariant()} false: ONNX graphs that quantise activations with one scale per tensor) run
 * one request at a time and each of its texts in its own inference call, so that a text's vector never depends on
 * the other texts of its request or of other requests. One batch at a time keeps the energy accounting exact:
 * the process's energy ({@link ProcessEnergy}) from the reading taken when a batch's first request is taken to the
 * reading after the batch ran is that batch's (the wait for companions, the HTTP work on them and on the previous
 * answers, the inference), split over its requests by tokens; the energy while no request is taken is idle and
 * charged to no request ({@link EnergyLedger}).
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

        /**
         * 32 texts, no wait, 256 requests. Without a wait a batch is what queued while the previous one ran: at half of
         * saturation the p99 latency of a short query was 21 ms against 34 ms with a 5 ms wait, at the same CPU per
         * query (docs/serving.md, "Speed and energy, measured").
         */
        public static final Options DEFAULT = new Options(32, Duration.ZERO, 256);

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

    /**
     * What one variant answered since the service started.
     *
     * @param queries texts answered
     * @param requests requests answered
     * @param joules the energy charged to them
     * @param provenance the weakest provenance of that energy
     * @param grams the carbon of the requests answered while the zone's intensity was known
     * @param gramsQueries how many of {@code queries} {@code grams} covers
     */
    public record ServedCount(long queries, long requests, double joules, Provenance provenance, double grams, long gramsQueries) {

        /** Nothing served yet. */
        public static final ServedCount NONE = new ServedCount(0, 0, 0, Provenance.MEASURED, 0, 0);

        ServedCount plus(int texts, RequestEnergy e) {
            Optional<Double> g = e.gramsCO2e();
            return new ServedCount(queries + texts, requests + 1, joules + e.joules(), provenance.weakest(e.provenance()), grams + g.orElse(0.0),
                    gramsQueries + (g.isPresent() ? texts : 0));
        }
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
    /** Guards {@link #inServer}; taken before the ledger's lock, never inside it. */
    private final Object visits = new Object();
    private int inServer;
    private final Map<String, ServedCount> servedCounts = new LinkedHashMap<>();

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
        encoders.forEach((name, e) -> s.put(name, new Served(name, e.dimension(), e.batchInvariant())));
        this.served = Collections.unmodifiableMap(s);
        this.options = Objects.requireNonNull(options, "options");
        this.meter = Objects.requireNonNull(meter, "meter");
        this.intensity = Objects.requireNonNull(intensity, "intensity");
        this.queue = new ArrayBlockingQueue<>(options.queue());
        this.ledger = new EnergyLedger(meter.read());
        this.worker = Thread.ofPlatform().name("greenloop-serve-batcher").daemon().start(this::loop);
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

    /**
     * A request's stay in the server (parsing it, waiting for its answer, writing it), from {@link #visit()} to
     * {@link #close()}.
     */
    public interface Visit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Marks a request as in the server until the visit is closed: the front end calls it before parsing a request and
     * closes it once the answer is written. While any request is in the server, the process's energy between batches
     * (the HTTP work on requests and answers) is charged to the next batch's requests; while none is, it is idle.
     * Callers that do not visit leave all energy between batches idle.
     */
    public Visit visit() {
        synchronized (visits) {
            if (inServer++ == 0) {
                synchronized (ledger) {
                    ledger.busy(meter.read());
                }
            }
        }
        return () -> {
            synchronized (visits) {
                if (--inServer == 0) {
                    synchronized (ledger) {
                        ledger.quiet(meter.read());
                    }
                }
            }
        };
    }

    /**
     * @return the process's energy since start, split into requests and idle; requests + idle = process exactly (to the
     *     microjoule). While requests are in the server, up to the last batch or visit's reading.
     */
    public Totals totals() {
        EnergyLedger.Totals t;
        synchronized (ledger) {
            t = ledger.totals(meter.read());
        }
        return new Totals(t.processMicrojoules() / 1e6, t.requestsMicrojoules() / 1e6, t.idleMicrojoules() / 1e6, t.provenance(),
                (System.nanoTime() - started) / 1e9);
    }

    /** @return what each variant answered since the service started, by name, in the order served; an immutable map */
    public Map<String, ServedCount> served() {
        synchronized (servedCounts) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(servedCounts));
        }
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
            Pending first;
            try {
                first = carried.isEmpty() ? queue.poll(100, TimeUnit.MILLISECONDS) : carried.poll();
            } catch (InterruptedException e) {
                continue; // stopping is checked above; an interrupt from elsewhere keeps serving
            }
            if (first != null) {
                // From the moment a batch's first request is taken, the energy until the batch ends is its requests':
                // the wait for companions, the parsing of those that come, the writing of the previous batch's answers.
                // The lock spans the readings, the wait and the run, so that totals() never reads between them.
                List<Pending> batch = List.of(first);
                List<String> texts = new ArrayList<>();
                Ran ran;
                try {
                    synchronized (ledger) {
                        ProcessEnergy.Reading opened = meter.read();
                        batch = gather(first);
                        batch.forEach(p -> texts.addAll(p.texts()));
                        ran = infer(batch, texts, opened);
                    }
                } catch (RuntimeException e) {
                    batch.forEach(p -> p.answer().completeExceptionally(e));
                    continue;
                }
                answer(batch, texts.size(), ran);
            }
        }
    }

    /** A batch: the request and, if its variant batches, same-variant requests that come within the wait. */
    private List<Pending> gather(Pending first) {
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        if (!served.get(first.variant()).batched()) {
            return batch;
        }
        int texts = first.texts().size();
        long deadline = first.arrived() + options.maxWait().toNanos();
        while (texts < options.maxBatch()) {
            Pending p;
            try {
                p = carried.isEmpty() ? queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) : carried.poll();
            } catch (InterruptedException e) {
                break; // stopping: run what was gathered, so that no taken request is left unanswered
            }
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

    /** Each text in its own inference call: for encoders whose vectors depend on the other texts of a call. */
    private static Embedder.Result oneByOne(TextEncoder encoder, List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        int truncated = 0;
        for (String t : texts) {
            Embedder.Result r = encoder.embed(List.of(t));
            vectors.addAll(r.vectors());
            truncated += r.truncated();
        }
        return new Embedder.Result(vectors, truncated);
    }

    /** A batch that ran: its vectors, each request's tokens and energy share, and when it started and ended. */
    private record Ran(Embedder.Result result, long[] tokens, EnergyLedger.Share[] shares, long start, long end) {
    }

    /**
     * Runs a batch and accounts its energy from {@code opened}, the reading taken when its first request was taken;
     * called under the ledger's lock.
     */
    private Ran infer(List<Pending> batch, List<String> texts, ProcessEnergy.Reading opened) {
        String variant = batch.getFirst().variant();
        TextEncoder encoder = encoders.get(variant);
        long start = System.nanoTime();
        Embedder.Result result = served.get(variant).batched() ? encoder.embed(texts) : oneByOne(encoder, texts);
        ProcessEnergy.Reading after = meter.read();
        long end = System.nanoTime();
        int[] counts = encoder.tokenCounts(texts);
        long[] tokens = new long[batch.size()];
        int at = 0;
        for (int i = 0; i < batch.size(); i++) {
            for (int j = 0; j < batch.get(i).texts().size(); j++) {
                tokens[i] += counts[at + j];
            }
            at += batch.get(i).texts().size();
        }
        return new Ran(result, tokens, ledger.batch(opened, after, tokens), start, end);
    }

    /** Completes each request of a batch that ran with its vectors and energy. */
    private void answer(List<Pending> batch, int texts, Ran ran) {
        String variant = batch.getFirst().variant();
        Optional<Intensity> now = currentIntensity();
        double seconds = (ran.end() - ran.start()) / 1e9;
        batchSecondsEstimate = 0.8 * batchSecondsEstimate + 0.2 * seconds;
        int at = 0;
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            List<float[]> vectors = ran.result().vectors().subList(at, at + p.texts().size());
            at += p.texts().size();
            EnergyLedger.Share s = ran.shares()[i];
            RequestEnergy energy = new RequestEnergy(s.microjoules() / 1e6, s.minMicrojoules() / 1e6, s.maxMicrojoules() / 1e6, s.provenance(),
                    variant, now);
            synchronized (servedCounts) {
                servedCounts.merge(variant, ServedCount.NONE.plus(p.texts().size(), energy), (x, y) -> x.plus(p.texts().size(), energy));
            }
            p.answer().complete(new Answer(List.copyOf(vectors), ran.tokens()[i], energy, texts, (ran.start() - p.arrived()) / 1e9, seconds));
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
