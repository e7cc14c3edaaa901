package dev.greenloop.server;

import dev.greenloop.app.EmbeddingService;
import dev.greenloop.app.ServingPolicy;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Optional;

/**
 * The embeddings endpoint's metrics: {@code greenloop_serving_requests_total{model,variant,status}},
 * {@code greenloop_serving_energy_joules_total{model,variant}}, {@code greenloop_serving_tokens_total{model,variant}},
 * the request, queue and inference duration histograms, the process's energy split into requests and idle, and with a
 * carbon-aware policy {@code greenloop_serving_variant_switches_total{model,from,to}}. Safe for
 * use by many threads at once.
 */
final class ServingMetrics {

    /** The variant label of a request refused before its variant was known. */
    static final String NO_VARIANT = "none";

    private static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Counter energy;
    private final Counter tokens;
    private final Histogram duration;
    private final Histogram queue;
    private final Histogram inference;

    ServingMetrics(EmbeddingService service, Optional<ServingPolicy> policy) {
        requests = Counter.builder().name("greenloop_serving_requests_total")
                .help("Embeddings requests answered, by model, variant and HTTP status").labelNames("model", "variant", "status").register(registry);
        energy = Counter.builder().name("greenloop_serving_energy_joules_total")
                .help("Energy charged to answered embeddings requests (their share of their batches' process energy)").unit(Unit.JOULES)
                .labelNames("model", "variant").register(registry);
        tokens = Counter.builder().name("greenloop_serving_tokens_total")
                .help("Tokens embedded (special tokens included, after truncation)").labelNames("model", "variant").register(registry);
        duration = histogram("greenloop_serving_request_duration_seconds", "Time from an embeddings request's arrival to its answer");
        queue = histogram("greenloop_serving_queue_duration_seconds", "Time an embeddings request waited for its batch to start");
        inference = histogram("greenloop_serving_inference_duration_seconds", "Time the batch that answered a request ran");
        CounterWithCallback.builder().name("greenloop_serving_process_energy_joules_total")
                .help("The serving process's energy since the endpoint started (requests + idle)").unit(Unit.JOULES)
                .callback(cb -> cb.call(service.totals().processJoules())).register(registry);
        CounterWithCallback.builder().name("greenloop_serving_idle_energy_joules_total")
                .help("The serving process's energy between batches, charged to no request").unit(Unit.JOULES)
                .callback(cb -> cb.call(service.totals().idleJoules())).register(registry);
        policy.ifPresent(p -> CounterWithCallback.builder().name("greenloop_serving_variant_switches_total")
                .help("Times the carbon-aware policy changed the variant that answers requests naming only the model").labelNames("model", "from", "to")
                .callback(cb -> p.switches().forEach(s -> cb.call(s.count(), service.model(), s.from(), s.to()))).register(registry));
    }

    private Histogram histogram(String name, String help) {
        return Histogram.builder().name(name).help(help).unit(Unit.SECONDS).labelNames("model", "variant").classicOnly()
                .classicUpperBounds(SECONDS).register(registry);
    }

    PrometheusRegistry registry() {
        return registry;
    }

    /** Records a refused or failed request. */
    void refused(String model, String variant, int status) {
        requests.labelValues(model, variant == null ? NO_VARIANT : variant, Integer.toString(status)).inc();
    }

    /** Records an answered request. */
    void answered(String model, EmbeddingService.Answer answer, double seconds) {
        String variant = answer.energy().variant();
        requests.labelValues(model, variant, "200").inc();
        energy.labelValues(model, variant).inc(answer.energy().joules());
        tokens.labelValues(model, variant).inc(answer.tokens());
        duration.labelValues(model, variant).observe(Math.max(0, seconds));
        queue.labelValues(model, variant).observe(Math.max(0, answer.queueSeconds()));
        inference.labelValues(model, variant).observe(Math.max(0, answer.inferenceSeconds()));
    }
}
