package dev.greenloop.server;

import dev.greenloop.app.Fleet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/**
 * {@code GET /metrics}: the fleet's and the server's metrics for Prometheus, written by the Prometheus Java client
 * library ({@code io.prometheus:prometheus-metrics-exposition-textformats}). The format follows the request's
 * {@code Accept} header as Prometheus negotiates it: OpenMetrics text 1.0.0 when asked for
 * ({@code application/openmetrics-text}), else the Prometheus text format 0.0.4. A viewer token is needed unless the
 * server runs with {@code --metrics-public}. docs/server.md, "Prometheus", lists the metrics.
 */
final class MetricsRoutes implements Routes {

    private final ServerMetrics metrics;
    private final Function<Fleet, FleetSources> sources;

    /** Fleet totals and emissions from the context's fleet, no grid intensity and no jobs, and its own server metrics. */
    MetricsRoutes() {
        this(new ServerMetrics(), FleetSources::of);
    }

    /**
     * @param metrics the server's own metrics, which the HTTP layer records into
     * @param sources where the fleet's figures come from, given the context's fleet (such as
     *     {@code fleet -> FleetSources.of(fleet).withIntensity(...).withJobs(...)})
     */
    MetricsRoutes(ServerMetrics metrics, Function<Fleet, FleetSources> sources) {
        this.metrics = metrics;
        this.sources = sources;
    }

    /** @return the server's own metrics, for the HTTP layer to record requests and ingests into */
    ServerMetrics metrics() {
        return metrics;
    }

    @Override
    public void register(RoutesConfig routes, ServerContext context) {
        metrics.registry().register(new FleetCollector(sources.apply(context.fleet())));
        ExpositionFormats formats = ExpositionFormats.init();
        Access access = context.options().metricsPublic() ? Access.PUBLIC : Access.VIEWER;
        routes.get("/metrics", ctx -> scrape(ctx, formats, metrics.registry()), access);
    }

    /** Answers a scrape of {@code registry} in the format the request's {@code Accept} header negotiates. */
    static void scrape(Context ctx, ExpositionFormats formats, PrometheusRegistry registry) {
        ExpositionFormatWriter writer = formats.findWriter(ctx.header("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(body, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("writing /metrics in memory failed", e);
        }
        ctx.contentType(writer.getContentType()).result(body.toByteArray());
    }
}
