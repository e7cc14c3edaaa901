/**
 * {@code greenloop server}: the fleet's HTTP API (agent ingest, nodes, runs, jobs, intensity), the Carbon Aware
 * SDK-compatible routes, {@code /metrics} for Prometheus and API tokens, over the application layer. Handlers parse,
 * call {@code dev.greenloop.app}, and render.
 */
module dev.greenloop.server {
    requires transitive dev.greenloop.app;
    requires io.javalin;
    requires com.fasterxml.jackson.core;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.writer.text;

    exports dev.greenloop.server;
}
