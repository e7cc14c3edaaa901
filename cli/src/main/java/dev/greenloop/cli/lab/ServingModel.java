package dev.greenloop.cli.lab;

import dev.greenloop.app.EmbeddingService;
import dev.greenloop.app.LabService;
import dev.greenloop.app.ProcessEnergy;
import dev.greenloop.app.ServingIntensity;
import dev.greenloop.app.ServingPolicy;
import dev.greenloop.app.ServingProfile;
import dev.greenloop.app.ServedTrafficLog;
import dev.greenloop.app.ZoneIntensities;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.TextEncoder;
import dev.greenloop.lab.Variant;
import dev.greenloop.store.StoreException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A model's variants opened for serving, as {@code greenloop serve} and {@code greenloop server --model} do: the stored
 * profiles and the carbon-aware policy (checked before any model loads), the encoders, this process's meter and the
 * batching service. Closing it stops the service and closes the encoders and the meter.
 */
public final class ServingModel implements AutoCloseable {

    private final Map<String, TextEncoder> encoders;
    private final ProcessEnergy meter;
    private final EmbeddingService service;
    private final Map<String, ServingProfile> profiles;
    private final Optional<ServingPolicy> policy;
    private ZoneIntensities alsoClosed;
    private ServedTrafficLog traffic;

    private ServingModel(Map<String, TextEncoder> encoders, ProcessEnergy meter, EmbeddingService service, Map<String, ServingProfile> profiles,
            Optional<ServingPolicy> policy) {
        this.encoders = encoders;
        this.meter = meter;
        this.service = service;
        this.profiles = profiles;
        this.policy = policy;
    }

    /**
     * @param intensities the serving zone's intensity; null without a zone
     * @param prefix how log lines start, such as {@code greenloop serve}
     * @throws dev.greenloop.cli.UsageException for a carbon-aware rule the stored profiles cannot serve (before any model loads)
     */
    static ServingModel open(LabService lab, ModelChoice choice, String model, List<Variant> variants, RunnerSettings runner,
            EmbeddingService.Options batching, ZoneIntensities intensities, String zone, CarbonAwareOptions carbon, PrintWriter err, String prefix) {
        List<String> names = variants.stream().map(Variant::name).toList();
        Map<String, ServingProfile> profiles = profiles(lab, model, err, prefix);
        Optional<ServingPolicy> policy = carbon.policy(model, names, profiles, intensities, zone, Clock.systemUTC());
        Map<String, TextEncoder> encoders = new LinkedHashMap<>();
        ProcessEnergy meter = null;
        try {
            for (Variant v : variants) {
                encoders.put(v.name(), LabServices.call(() -> lab.open(choice, v, runner, new LabStderr(err))));
            }
            meter = ProcessEnergy.ofThisProcess();
            Supplier<Optional<EmbeddingService.Intensity>> intensity = intensities == null ? Optional::empty
                    : new ServingIntensity(intensities, zone, Clock.systemUTC(), note -> err.println(prefix + ": " + note));
            ServingModel serving = new ServingModel(encoders, meter, new EmbeddingService(model, encoders, batching, meter, intensity), profiles, policy);
            // What is answered is kept in the store, for the report's savings from model variants (docs/report.md).
            serving.traffic = lab.servedTrafficLog(serving.service, note -> err.println(prefix + ": " + note));
            return serving;
        } catch (RuntimeException e) {
            encoders.values().forEach(TextEncoder::close);
            if (meter != null) {
                meter.close();
            }
            throw e;
        }
    }

    private static Map<String, ServingProfile> profiles(LabService lab, String model, PrintWriter err, String prefix) {
        try {
            return ServingProfile.newestByVariant(lab.profiles(Optional.of(model), 1_000));
        } catch (StoreException e) {
            err.println("%s: stored profiles cannot be read (%s): /v1/models says 'not profiled'".formatted(prefix, e.getMessage()));
            return Map.of();
        }
    }

    /** @return the batching service */
    public EmbeddingService service() {
        return service;
    }

    /** @return the newest stored profile of each served variant that has one */
    public Map<String, ServingProfile> profiles() {
        return profiles;
    }

    /** @return the carbon-aware policy, if asked for */
    public Optional<ServingPolicy> policy() {
        return policy;
    }

    /** @return the served variants' names, in order */
    public List<String> variants() {
        return List.copyOf(encoders.keySet());
    }

    /** @return the meter's label: measured, derived or modelled */
    public String energyLabel() {
        return meter.read().provenance().label();
    }

    /** Closes {@code intensities} too when this closes (null: nothing). */
    ServingModel closing(ZoneIntensities intensities) {
        this.alsoClosed = intensities;
        return this;
    }

    @Override
    public void close() {
        try {
            service.close();
            if (traffic != null) {
                traffic.close();
            }
        } finally {
            encoders.values().forEach(TextEncoder::close);
            meter.close();
            if (alsoClosed != null) {
                alsoClosed.close();
            }
        }
    }
}
