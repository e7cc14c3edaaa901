package dev.greenloop.server;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import dev.greenloop.store.FleetSample;
import dev.greenloop.store.IngestResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The server process's own metrics, per process (Prometheus tells replicas apart by its {@code instance} label):
 * {@code greenloop_http_request_duration_seconds}, {@code greenloop_ingest_samples_total} and
 * {@code greenloop_ingest_lag_seconds}. The HTTP layer calls {@link #recordRequest} once per request and
 * {@link #recordIngest} once per ingested batch; {@code /metrics} exports them from {@link #registry()} with the
 * fleet's metrics. Safe for use by many threads at once.
 */
final class ServerMetrics {

    /** The route label of a request that matched no route: raw paths are never labels (unbounded series). */
    static final String UNMATCHED_ROUTE = "unmatched";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram requests;
    private final Counter ingested;
    private final Histogram lag;

    ServerMetrics() {
        requests = Histogram.builder()
                .name("greenloop_http_request_duration_seconds")
                .help("Time to answer an HTTP request, by method, route template and status code")
                .unit(Unit.SECONDS)
                .labelNames("method", "route", "status")
                .classicOnly()
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        ingested = Counter.builder()
                .name("greenloop_ingest_samples_total")
                .help("Samples that agents pushed to this server process: result=stored (new) or duplicate (an id already stored, skipped)")
                .labelNames("result")
                .register(registry);
        lag = Histogram.builder()
                .name("greenloop_ingest_lag_seconds")
                .help("Time from the end of a batch's newest sample to its ingest by this server process")
                .unit(Unit.SECONDS)
                .classicOnly()
                .classicUpperBounds(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600)
                .register(registry);
        // Both results exist from the start, so rate() has a series before the first duplicate.
        ingested.labelValues("stored");
        ingested.labelValues("duplicate");
    }

    /** @return the registry {@code /metrics} scrapes: these metrics, and the fleet's collector once registered */
    PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Records one answered request; call it once per request, after the handler (an after-handler or Javalin's request
     * logger).
     *
     * @param method the HTTP method, such as {@code GET}
     * @param route the matched route's template, such as {@code /api/v1/nodes/{node}/energy}, never the raw path; null
     *     or blank for a request that matched none (labelled {@value #UNMATCHED_ROUTE})
     * @param status the status code answered
     * @param seconds the time it took, &ge; 0 (a negative time, from a clock step, counts as 0)
     */
    void recordRequest(String method, String route, int status, double seconds) {
        String template = route == null || route.isBlank() ? UNMATCHED_ROUTE : route;
        requests.labelValues(method, template, Integer.toString(status)).observe(Math.max(0, seconds));
    }

    /**
     * Records one answered request from Javalin's request logger, which runs once the status is final (after
     * exception handlers): {@code config.requestLogger.http(metrics::recordRequest)}.
     *
     * @param ctx the request's context; its matched endpoint gives the route template
     * @param executionTimeMs the time Javalin measured, in milliseconds
     */
    void recordRequest(Context ctx, Float executionTimeMs) {
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        String route = matched == null ? null : matched.path;
        recordRequest(ctx.method().name(), route, ctx.statusCode(), executionTimeMs / 1000.0);
    }

    /**
     * Records one ingested batch, its lag from its newest sample: what the ingest route calls once the fleet stored it.
     *
     * @param result what the store did with the batch
     * @param samples the batch
     * @param now the server's clock when it was stored
     */
    void recordIngest(IngestResult result, List<FleetSample> samples, Instant now) {
        Instant newest = samples.stream().map(FleetSample::time).max(Comparator.naturalOrder()).orElse(now);
        recordIngest(result.stored(), result.duplicates(), Duration.between(newest, now).toNanos() / 1e9);
    }

    /**
     * Records one ingested batch; call it after the store accepted it.
     *
     * @param stored samples newly stored ({@code IngestResult.stored()})
     * @param duplicates samples skipped as already stored ({@code IngestResult.duplicates()})
     * @param lagSeconds now minus the end time of the batch's newest sample; a negative lag (an agent's clock ahead of
     *     the server's) counts as 0
     * @throws IllegalArgumentException if a count is negative, naming it
     */
    void recordIngest(int stored, int duplicates, double lagSeconds) {
        if (stored < 0 || duplicates < 0) {
            throw new IllegalArgumentException("ingest counts must be >= 0, were stored=" + stored + " duplicates=" + duplicates);
        }
        ingested.labelValues("stored").inc(stored);
        ingested.labelValues("duplicate").inc(duplicates);
        if (stored + duplicates > 0) {
            lag.observe(Math.max(0, lagSeconds));
        }
    }
}
