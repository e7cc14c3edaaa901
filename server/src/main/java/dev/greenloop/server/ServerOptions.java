package dev.greenloop.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How {@code greenloop server} runs: what the front end parsed from its flags.
 *
 * @param port the TCP port (0: any free one)
 * @param bind the address to bind, such as {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param traces carbon-intensity trace files per zone ({@code --trace ZONE=FILE})
 * @param providers live intensity providers per zone ({@code --provider P --zone Z})
 * @param auth true to require bearer tokens ({@code --auth token}), false for none (loopback only)
 * @param tlsKeystore a PKCS#12 keystore to serve HTTPS with, empty for plain HTTP
 * @param tlsPassword the keystore's password (from {@code GREENLOOP_TLS_PASSWORD}), empty for none
 * @param localAgent true to sample this node with a built-in agent
 * @param metricsPublic true to serve {@code /metrics} without a token
 * @param node this node's name, for the built-in agent
 * @param limits the request limits (body size, batch length, rate per token)
 */
public record ServerOptions(int port, String bind, List<Trace> traces, List<Provider> providers, boolean auth,
        Optional<Path> tlsKeystore, Optional<String> tlsPassword, boolean localAgent, boolean metricsPublic, String node,
        Limits limits) {

    /** Options with the default {@link Limits#DEFAULT limits}. */
    public ServerOptions(int port, String bind, List<Trace> traces, List<Provider> providers, boolean auth,
            Optional<Path> tlsKeystore, Optional<String> tlsPassword, boolean localAgent, boolean metricsPublic, String node) {
        this(port, bind, traces, providers, auth, tlsKeystore, tlsPassword, localAgent, metricsPublic, node, Limits.DEFAULT);
    }

    /** @throws NullPointerException if a list, optional or the limits are null */
    public ServerOptions {
        traces = List.copyOf(traces);
        providers = List.copyOf(providers);
        java.util.Objects.requireNonNull(bind, "bind");
        java.util.Objects.requireNonNull(tlsKeystore, "tlsKeystore");
        java.util.Objects.requireNonNull(tlsPassword, "tlsPassword");
        java.util.Objects.requireNonNull(limits, "limits");
    }

    /** @return these options with other limits */
    public ServerOptions withLimits(Limits other) {
        return new ServerOptions(port, bind, traces, providers, auth, tlsKeystore, tlsPassword, localAgent, metricsPublic, node, other);
    }

    /**
     * What one request may ask of the server. The rate is kept per token (its hash), in this process's memory: behind
     * a load balancer with N replicas a token may make up to N times the rate.
     *
     * @param maxBodyBytes the largest request body, in bytes; a larger one is answered 413
     * @param maxBatchSamples the most samples in one ingest; more are answered 413
     * @param requestsPerSecond the sustained requests per second per token; 0 for no limit
     * @param burst the requests a token may make at once after a pause (the bucket's size), &ge; 1
     */
    public record Limits(long maxBodyBytes, int maxBatchSamples, double requestsPerSecond, int burst) {

        /** 1 MiB bodies, 10,000 samples a batch, 200 requests a second per token with bursts of 400. */
        public static final Limits DEFAULT = new Limits(1 << 20, 10_000, 200, 400);

        /** @throws IllegalArgumentException naming the value, if one is out of range */
        public Limits {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("the largest body must be at least 1 byte, was " + maxBodyBytes);
            }
            if (maxBatchSamples < 1) {
                throw new IllegalArgumentException("the most samples a batch must be at least 1, was " + maxBatchSamples);
            }
            if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
                throw new IllegalArgumentException("the rate must be a finite number of requests a second >= 0 (0: no limit), was "
                        + requestsPerSecond);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("the burst must be at least 1 request, was " + burst);
            }
        }
    }

    /** A trace file for one zone. */
    public record Trace(String zone, Path file) {
    }

    /** A live provider for one zone, such as {@code neso} for {@code GB}. */
    public record Provider(String name, String zone) {
    }
}
