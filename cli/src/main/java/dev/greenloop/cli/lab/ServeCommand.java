package dev.greenloop.cli.lab;

import dev.greenloop.app.EmbeddingService;
import dev.greenloop.app.Fleet;
import dev.greenloop.app.LabService;
import dev.greenloop.app.ServingPolicy;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneIntensities;
import dev.greenloop.cli.InputFiles;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.cli.measure.Signals;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.lab.Variant;
import dev.greenloop.server.EmbeddingServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop serve}: an OpenAI-compatible embeddings endpoint for a lab model's variants, with the energy and
 * carbon of every request, until SIGTERM or SIGINT. docs/serving.md describes it.
 */
@Command(name = "serve", subcommands = ServeReplayCommand.class, description = {
        "Serve a model's variants as an OpenAI-compatible embeddings endpoint (POST /v1/embeddings, GET /v1/models) that reports",
        "the energy and carbon of every request, until stopped (SIGTERM or Ctrl-C); --carbon-aware picks the variant by the grid.",
        "'greenloop serve replay' replays a day of requests carbon-aware. docs/serving.md describes both."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabModelOptions model = new LabModelOptions();

    @Mixin
    LabRunnerOptions runner = new LabRunnerOptions();

    @Option(names = "--variants", paramLabel = "V1,V2", split = ",", defaultValue = "fp32",
            description = "Variants to serve; the first answers requests that name only the model (default ${DEFAULT-VALUE}).")
    List<String> variants;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "TCP port (0: any free one; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--auth", paramLabel = "token|none", defaultValue = "token",
            description = "token (default): a viewer or admin token from 'greenloop server token create'; none: only with a loopback --bind.")
    String auth;

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "32", description = "Most texts in one batch (default ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-wait-ms", paramLabel = "MS", defaultValue = "0", description = "How long a batch's first request waits for others to join it (default ${DEFAULT-VALUE}: a batch is what queued while the previous one ran).")
    long maxWaitMs;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "256", description = "Most requests waiting; more are answered 429 with Retry-After (default ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "4194304", description = "Largest request body; larger is answered 413 (default ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--zone", paramLabel = "Z", description = "The grid zone this machine draws from, for gramsCO2e; with --trace or --provider.")
    String zone;

    @Option(names = "--trace", paramLabel = "FILE", description = "The zone's carbon-intensity trace (as 'intensity' reads them).")
    Path trace;

    @Option(names = "--provider", paramLabel = "P", description = "A live intensity provider for the zone (greenloop intensity --help lists them).")
    String provider;

    @Mixin
    CarbonAwareOptions carbon = new CarbonAwareOptions();

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = Main.settings(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ModelChoice choice = model.choice();
        EmbeddingServer.Options options = options();
        EmbeddingService.Options batching;
        try {
            batching = new EmbeddingService.Options(maxBatch, Duration.ofMillis(maxWaitMs), queue);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<Variant> chosen = variants.stream().map(v -> LabModelOptions.parseVariant("--variants", v.strip())).distinct().toList();
        if (chosen.isEmpty()) {
            throw new UsageException("--variants: give at least one, such as fp32,int8-pc,static");
        }
        carbon.check(zone, "--zone");
        ZoneIntensities intensities = intensities(settings);
        LabService lab = LabServices.create(settings, !model.noFetch);
        CountDownLatch stop = new CountDownLatch(1);
        if (!Signals.handle(signal -> stop.countDown())) {
            err.println("greenloop: serve: cannot take over SIGTERM here; a stop will not wait for requests in flight");
        }
        try (Fleet fleet = options.auth() ? Fleet.open(settings) : null;
                ServingModel serving = ServingModel.open(lab, choice, model.name(), chosen, runner.settings(), batching, intensities, zone, carbon, err,
                        "greenloop serve")) {
            EmbeddingService service = serving.service();
            EmbeddingServer server;
            try {
                server = EmbeddingServer.start(service, serving.profiles(), serving.policy(), fleet != null ? fleet.tokens() : null, options,
                        line -> err.println(line));
            } catch (IllegalArgumentException e) {
                throw new UsageException("serve: " + e.getMessage());
            }
            try (server) {
                out.printf("greenloop serve: listening on http://%s:%d (model %s, variants %s, energy %s, auth %s, zone %s)%n",
                        bind.contains(":") ? "[" + bind + "]" : bind, server.port(), model.name(), String.join(",", serving.variants()),
                        serving.energyLabel(), auth, zone == null ? "none: no carbon figures" : zone);
                serving.policy().ifPresent(p -> out.printf("greenloop serve: carbon-aware: %s%n", p.describe()));
                serving.policy().flatMap(ServingPolicy::inert).ifPresent(w -> err.println("greenloop serve: carbon-aware: " + w));
                out.flush();
                stop.await();
                err.println("greenloop serve: stopping: letting requests in flight finish");
            }
            EmbeddingService.Totals t = service.totals();
            err.printf(Locale.ROOT, "greenloop serve: stopped after %.0f s: process %.3f J = requests %.3f J + idle %.3f J (%s)%n", t.seconds(),
                    t.processJoules(), t.requestsJoules(), t.idleJoules(), t.provenance().label());
            serving.policy().ifPresent(p -> err.printf("greenloop serve: carbon-aware: %d switches%n", p.switchCount()));
        } finally {
            if (intensities != null) {
                intensities.close();
            }
        }
        return 0;
    }

    private EmbeddingServer.Options options() {
        if (bind.isBlank()) {
            throw new UsageException("--bind: give an address, such as 127.0.0.1 (this machine only) or 0.0.0.0 (all)");
        }
        boolean tokens = switch (auth) {
            case "token" -> true;
            case "none" -> false;
            default -> throw new UsageException("--auth: '%s' is not token or none".formatted(auth));
        };
        try {
            EmbeddingServer.Options options = new EmbeddingServer.Options(bind.strip(), port, tokens, maxBodyBytes);
            EmbeddingServer.check(options);
            return options;
        } catch (IllegalArgumentException e) {
            throw new UsageException("serve: " + e.getMessage());
        }
    }

    private ZoneIntensities intensities(Settings settings) {
        if (zone == null) {
            if (trace != null || provider != null) {
                throw new UsageException("--trace and --provider need --zone: give the zone they describe, such as --zone DE");
            }
            return null;
        }
        zone = zone.strip().toUpperCase(Locale.ROOT);
        if ((trace == null) == (provider == null)) {
            throw new UsageException("--zone %s: give its intensity with either --trace FILE or --provider P".formatted(zone));
        }
        if (trace != null) {
            InputFiles.require("--trace", trace);
        }
        try {
            return ZoneIntensities.open(trace != null ? Map.of(zone, trace) : Map.of(), provider != null ? Map.of(zone, provider) : Map.of(),
                    settings.effectiveEnvironment(), Clock.systemUTC());
        } catch (IOException e) {
            throw new UsageException("--trace %s: cannot be read: %s".formatted(trace, e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--zone %s: %s".formatted(zone, e.getMessage()));
        }
    }
}
