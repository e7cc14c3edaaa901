package dev.greenloop.cli.server;

import dev.greenloop.app.AnomalyWatch;
import dev.greenloop.app.Fleet;
import dev.greenloop.app.NodeFacts;
import dev.greenloop.app.Settings;
import dev.greenloop.cli.InputFiles;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.TraceOptions;
import dev.greenloop.cli.lab.ServerModelOptions;
import dev.greenloop.cli.lab.ServingModel;
import dev.greenloop.cli.UsageException;
import dev.greenloop.cli.measure.Signals;
import dev.greenloop.server.GreenloopServer;
import dev.greenloop.server.EmbeddingServer;
import dev.greenloop.server.ServerOptions;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop server}: the fleet's HTTP API on one port until SIGTERM or SIGINT, which let requests in flight
 * finish and exit 0. {@code greenloop server token ...} manages its API tokens.
 */
@Command(name = "server", subcommands = TokenCommand.class, description = {
        "Serve the fleet's HTTP API (agent ingest, nodes, energy, power, runs, jobs) until stopped (SIGTERM or Ctrl-C).",
        "Every route but /health needs a bearer token: see 'greenloop server token create'. docs/server.md describes the API."})
public final class ServerCommand implements Callable<Integer> {

    /** The variable that holds the TLS keystore's password: never a flag, which other users could see in ps. */
    static final String TLS_PASSWORD = "GREENLOOP_TLS_PASSWORD";

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "TCP port to listen on (0: any free one; default ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    ServerModelOptions serving = new ServerModelOptions();

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for all, which needs --auth token).")
    String bind;

    @Option(names = "--trace", paramLabel = "ZONE=FILE", description = "A zone's carbon-intensity trace (as 'intensity' reads them). Repeatable.")
    List<String> traces = new ArrayList<>();

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<ProviderZone> providers = new ArrayList<>();

    /** {@code --provider P --zone Z}, a pair. */
    static final class ProviderZone {
        @Option(names = "--provider", required = true, paramLabel = "P", description = "A live intensity provider, as 'intensity --provider' takes (greenloop intensity --help lists them),"
                + " for the --zone after it. Repeatable as pairs.")
        String provider;

        @Option(names = "--zone", required = true, paramLabel = "Z", description = "The zone --provider serves.")
        String zone;
    }

    @Option(names = "--auth", paramLabel = "token|none",
            description = "token (default): every route but /health needs a bearer token; none: no tokens, only with a loopback --bind.")
    String auth = "token";

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with this PKCS#12 keystore; its password is read from " + TLS_PASSWORD + ".")
    Path tlsKeystore;

    @Option(names = "--no-local-agent", description = "Only collect what agents push; do not sample this node.")
    boolean noLocalAgent;

    @Option(names = "--metrics-public", description = "Serve /metrics without a token.")
    boolean metricsPublic;

    @Option(names = "--node", paramLabel = "NAME", description = "This node's name for the built-in agent (default: the host name).")
    String node;

    @Option(names = "--max-body-bytes", paramLabel = "N", description = "Largest request body (default 1048576: 1 MiB); larger is answered 413.")
    Long maxBodyBytes;

    @Option(names = "--max-batch", paramLabel = "N", description = "Most samples in one ingest (default 10000); more is answered 413.")
    Integer maxBatch;

    @Option(names = "--rate-limit", paramLabel = "N", description = "Requests a second per token, in this process (default 200; 0: none); more is answered 429.")
    Double rate;

    @Option(names = "--burst", paramLabel = "N", description = "Requests a token may make at once after a pause (default 400).")
    Integer burst;

    @Option(names = "--anomaly-webhook", paramLabel = "URL",
            description = "POST each anomaly the server opens and closes to this URL as JSON (default: $GREENLOOP_ANOMALY_WEBHOOK; docs/anomalies.md).")
    String anomalyWebhook;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = Main.settings(spec);
        ServerOptions options = options(settings);
        try {
            GreenloopServer.check(options);
        } catch (IllegalArgumentException e) {
            throw new UsageException("server: " + e.getMessage());
        }
        Optional<URI> webhook;
        try {
            webhook = AnomalyWatch.webhook(settings, Optional.ofNullable(anomalyWebhook));
        } catch (IllegalArgumentException e) {
            throw new UsageException("server: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        if (!Signals.handle(signal -> stop.countDown())) {
            err.println("greenloop: server: cannot take over SIGTERM here; a stop will not wait for requests in flight");
        }
        try (Fleet fleet = Fleet.open(settings); AnomalyWatch watch = anomalyWatch(settings, webhook, err);
                ServingModel model = serving.open(settings, options, err)) {
            fleet.watch(watch);
            LocalAgent agent = options.localAgent() ? new LocalAgent(settings, fleet, options.node(), err) : null;
            GreenloopServer server;
            try {
                server = GreenloopServer.start(fleet, settings, options, agent != null ? agent::status : () -> "disabled", model == null ? null
                        : EmbeddingServer.mount(model.service(), model.profiles(), model.policy(), options.limits().maxBodyBytes(), err::println));
            } catch (IllegalArgumentException e) {
                throw new UsageException("server: " + e.getMessage());
            }
            try (server) {
                out.printf("greenloop server: listening on %s://%s:%d (store %s, auth %s)%n", options.tlsKeystore().isPresent() ? "https" : "http",
                        bind.contains(":") ? "[" + bind + "]" : bind, server.port(), fleet.location(), options.auth() ? "token" : "none");
                if (model != null) {
                    out.printf("greenloop server: serving %s (variants %s) at /v1/embeddings%s%n", model.service().model(),
                            String.join(",", model.variants()), model.policy().map(p -> ", carbon-aware: " + p.describe()).orElse(""));
                }
                out.flush();
                if (agent != null) {
                    agent.start();
                }
                stop.await();
                err.println("greenloop server: stopping: letting requests in flight finish");
                if (agent != null) {
                    agent.stop();
                }
            }
        }
        err.println("greenloop server: stopped");
        return 0;
    }

    /** The fleet's online anomaly detection, logging each opening to standard error as the server logs. */
    private static AnomalyWatch anomalyWatch(Settings settings, Optional<URI> webhook, PrintWriter err) {
        return AnomalyWatch.open(settings, webhook, line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        });
    }

    /** @throws UsageException naming the flag and value, for each mistake */
    ServerOptions options(Settings settings) {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port: %d is not a TCP port; give 0 to 65535 (0: any free one)".formatted(port));
        }
        if (bind.isBlank()) {
            throw new UsageException("--bind: give an address, such as 127.0.0.1 (this machine only) or 0.0.0.0 (all)");
        }
        boolean tokens = switch (auth) {
            case "token" -> true;
            case "none" -> false;
            default -> throw new UsageException("--auth: '%s' is not token or none".formatted(auth));
        };
        List<ServerOptions.Trace> traceList = new ArrayList<>();
        if (!traces.isEmpty()) {
            TraceOptions t = new TraceOptions();
            t.traces = traces;
            t.signal = "lifecycle";
            t.files().forEach((zone, file) -> traceList.add(new ServerOptions.Trace(zone, file)));
        }
        List<ServerOptions.Provider> providerList = providers.stream()
                .map(p -> new ServerOptions.Provider(p.provider, p.zone.strip().toUpperCase(java.util.Locale.ROOT))).toList();
        Optional<String> password = Optional.empty();
        if (tlsKeystore != null) {
            InputFiles.require("--tls-keystore", tlsKeystore);
            password = Optional.ofNullable(settings.effectiveEnvironment().get(TLS_PASSWORD));
        }
        ServerOptions.Limits d = ServerOptions.Limits.DEFAULT;
        ServerOptions.Limits limits;
        try {
            limits = new ServerOptions.Limits(maxBodyBytes != null ? maxBodyBytes : d.maxBodyBytes(), maxBatch != null ? maxBatch : d.maxBatchSamples(),
                    rate != null ? rate : d.requestsPerSecond(), burst != null ? burst : d.burst());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--max-body-bytes, --max-batch, --rate-limit, --burst: " + e.getMessage());
        }
        return new ServerOptions(port, bind.strip(), traceList, providerList, tokens, Optional.ofNullable(tlsKeystore), password,
                !noLocalAgent, metricsPublic, node != null ? node : NodeFacts.hostname(), limits);
    }
}
