package dev.greenloop.cli.lab;

import dev.greenloop.app.EmbeddingService;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneIntensities;
import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.lab.Variant;
import dev.greenloop.server.ServerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code greenloop server --model NAME [--variants ...]}: the embeddings routes of {@code greenloop serve} inside the
 * server, with default batching; carbon-aware with {@code --carbon-aware} and {@code --serving-zone}, a zone the
 * server's {@code --trace} or {@code --provider} serves.
 */
public final class ServerModelOptions {

    @Mixin
    LabModelOptions model = new LabModelOptions();

    @Mixin
    LabRunnerOptions runner = new LabRunnerOptions();

    @Option(names = "--variants", paramLabel = "V1,V2", split = ",",
            description = "With --model: the variants to serve at /v1/embeddings; the first answers requests that name only the model (default fp32).")
    List<String> variants;

    @Option(names = "--serving-zone", paramLabel = "Z",
            description = "With --model: the zone (of --trace or --provider) whose intensity every embeddings request's carbon and --carbon-aware use.")
    String servingZone;

    @Mixin
    CarbonAwareOptions carbon = new CarbonAwareOptions();

    /** @return whether a model is to be served */
    public boolean given() {
        return model.model != null || model.modelDir != null;
    }

    /**
     * Checks the flags (before anything loads), reads the stored profiles, opens the variants.
     *
     * @param options the server's options: its traces and providers, its body limit
     * @throws UsageException naming the flag at fault, a variant without a stored profile or a floor no variant keeps
     */
    public ServingModel open(Settings settings, ServerOptions options, PrintWriter err) {
        if (!given()) {
            if (variants != null || servingZone != null || carbon.enabled()) {
                throw new UsageException("--variants, --serving-zone and --carbon-aware serve a model: add --model NAME");
            }
            return null;
        }
        ModelChoice choice = model.choice();
        List<Variant> chosen = (variants == null ? List.of("fp32") : variants).stream().map(v -> LabModelOptions.parseVariant("--variants", v.strip()))
                .distinct().toList();
        if (chosen.isEmpty()) {
            throw new UsageException("--variants: give at least one, such as fp32,int8-pc,static");
        }
        String zone = servingZone == null ? null : servingZone.strip().toUpperCase(Locale.ROOT);
        carbon.check(zone, "--serving-zone");
        ZoneIntensities intensities = zone == null ? null : intensities(settings, options, zone);
        try {
            return ServingModel.open(LabServices.create(settings, !model.noFetch), choice, model.name(), chosen, runner.settings(),
                    EmbeddingService.Options.DEFAULT, intensities, zone, carbon, err, "greenloop server").closing(intensities);
        } catch (RuntimeException e) {
            if (intensities != null) {
                intensities.close();
            }
            throw e;
        }
    }

    private static ZoneIntensities intensities(Settings settings, ServerOptions options, String zone) {
        Map<String, Path> traces = options.traces().stream().filter(t -> t.zone().equalsIgnoreCase(zone))
                .collect(Collectors.toMap(t -> zone, ServerOptions.Trace::file, (a, b) -> a));
        Map<String, String> providers = options.providers().stream().filter(p -> p.zone().equalsIgnoreCase(zone))
                .collect(Collectors.toMap(p -> zone, ServerOptions.Provider::name, (a, b) -> a));
        if (traces.isEmpty() && providers.isEmpty()) {
            throw new UsageException("--serving-zone %s: the server has no intensity for it; add --trace %s=FILE or --provider P --zone %s"
                    .formatted(zone, zone, zone));
        }
        try {
            return ZoneIntensities.open(traces, providers, settings.effectiveEnvironment(), Clock.systemUTC());
        } catch (IOException e) {
            throw new UsageException("--trace %s: cannot be read: %s".formatted(traces.get(zone), e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--serving-zone %s: %s".formatted(zone, e.getMessage()));
        }
    }
}
