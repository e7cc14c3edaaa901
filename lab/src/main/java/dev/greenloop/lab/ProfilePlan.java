package dev.greenloop.lab;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Lab#profile} measures: every variant at every setting on the same texts, fp32 at the
 * first setting being the reference. Immutable.
 *
 * @param model the model
 * @param variants the variants, fp32 first
 * @param settings the runner settings, at least one
 * @param texts the texts, at least one
 * @param labels one label per text for kNN accuracy, or empty
 * @param options rounds, warm-up and latency texts of each profile
 */
public record ProfilePlan(ModelChoice model, List<Variant> variants, List<RunnerSettings> settings, List<String> texts, List<String> labels,
        Profiler.Options options) {

    /**
     * @throws IllegalArgumentException naming the bad value: variants not starting with fp32, no settings, no texts,
     *     or a label count other than the text count
     */
    public ProfilePlan {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        variants = List.copyOf(variants);
        settings = List.copyOf(settings);
        texts = List.copyOf(texts);
        labels = List.copyOf(labels);
        if (variants.isEmpty() || !variants.getFirst().equals(Variant.FP32)) {
            throw new IllegalArgumentException("variants %s: the first must be fp32, the reference".formatted(variants));
        }
        if (settings.isEmpty()) {
            throw new IllegalArgumentException("no runner settings to profile at");
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts to profile");
        }
        if (!labels.isEmpty() && labels.size() != texts.size()) {
            throw new IllegalArgumentException("%d labels for %d texts: give one label per text, or none".formatted(labels.size(), texts.size()));
        }
    }
}
