package dev.greenloop.cli;

import dev.greenloop.lab.Recommendation;
import dev.greenloop.report.RunJson;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code greenloop lab recommend}: the lowest-energy variant and settings of a profile or sweep that
 * keeps the required quality, and why; exit 1 when none does.
 */
@Command(name = "recommend", description = "Name the lowest-energy variant and settings that meet --min-cosine X (mean cosine to fp32) "
        + "or --max-accuracy-drop Y (kNN accuracy points below fp32's); exit 1 when none does. Input as lab pareto.")
final class LabRecommend implements Callable<Integer> {

    @Option(names = "--min-cosine", paramLabel = "X", description = "The least mean cosine to fp32, such as 0.99.")
    Double minCosine;

    @Option(names = "--max-accuracy-drop", paramLabel = "Y", description = "The most kNN accuracy may fall below fp32's, in percentage points (needs labels).")
    Double maxAccuracyDrop;

    @Option(names = "--json", description = "Print the choice as JSON.")
    boolean json;

    @Mixin
    LabReportSource source;

    @Override
    public Integer call() throws IOException {
        if ((minCosine == null) == (maxAccuracyDrop == null)) {
            throw new UsageException("give one requirement: --min-cosine X (such as 0.99) or --max-accuracy-drop Y (percentage points, with labels)");
        }
        if (minCosine != null && !(minCosine >= -1 && minCosine <= 1)) {
            throw new UsageException("--min-cosine %s: must be between -1 and 1".formatted(minCosine));
        }
        if (maxAccuracyDrop != null && !(maxAccuracyDrop >= 0)) {
            throw new UsageException("--max-accuracy-drop %s: must be at least 0 (percentage points)".formatted(maxAccuracyDrop));
        }
        if (maxAccuracyDrop != null && !source.mayHaveLabels()) {
            throw new UsageException("--max-accuracy-drop needs labels: give --labels LABELS (one per text)");
        }
        LabReport report = source.load("lab recommend", System.err);
        LabReport.Row ref = report.reference();
        List<Recommendation.Candidate> candidates = report.rows().stream()
                .map(r -> new Recommendation.Candidate(r.name(), r.profile().joulesPerQuery(), r.quality().meanCosine(), r.quality().knnAccuracy())).toList();
        double refJoules = ref.profile().joulesPerQuery();
        Optional<Recommendation> choice;
        String requirement;
        String best;
        if (minCosine != null) {
            requirement = String.format(Locale.ROOT, "mean cosine to fp32 >= %s", minCosine);
            choice = Recommendation.withMinCosine(candidates, minCosine, refJoules);
            best = bestOf(candidates, Recommendation.Candidate::meanCosine, "mean cosine %.5f", 1);
        } else {
            if (!report.labelled() || ref.quality().knnAccuracy().isEmpty()) {
                throw new UsageException("--max-accuracy-drop needs kNN accuracy: the result in %s was profiled without --labels".formatted(source.origin()));
            }
            double refAccuracy = ref.quality().knnAccuracy().getAsDouble();
            requirement = String.format(Locale.ROOT, "kNN accuracy at most %s points below fp32's %.2f %%", maxAccuracyDrop, 100 * refAccuracy);
            choice = Recommendation.withMaxAccuracyDrop(candidates, refAccuracy, maxAccuracyDrop, refJoules);
            best = bestOf(candidates, Recommendation.Candidate::knnAccuracy, "kNN accuracy %.2f %%", 100);
        }
        if (choice.isEmpty()) {
            System.err.printf("greenloop: no profiled variant meets %s; the best is %s. Loosen the requirement or profile other variants (--variants).%n",
                    requirement, best);
            return 1;
        }
        Recommendation r = choice.get();
        LabReport.Row row = report.rows().stream().filter(x -> x.name().equals(r.chosen().name())).findFirst().orElseThrow();
        if (json) {
            try (var g = RunJson.generator(System.out)) {
                g.writeStartObject();
                g.writeStringField("model", report.model());
                g.writeStringField("variant", row.variant());
                g.writeStringField("settingsName", dev.greenloop.lab.Sweep.describe(row.settings()));
                g.writeNumberField("joulesPerQuery", row.profile().joulesPerQuery());
                g.writeStringField("provenance", row.profile().provenance().label());
                g.writeStringField("energyLabel", row.energyLabel().name());
                g.writeStringField("requirement", requirement);
                g.writeStringField("why", r.why());
                g.writeEndObject();
                g.writeRaw(System.lineSeparator());
            }
            return 0;
        }
        System.out.printf("recommended: %s%n  why: %s (%s energy, label %s; requirement: %s)%n", r.chosen().name(), r.why(),
                row.profile().provenance().label(), row.energyLabel(), requirement);
        return 0;
    }

    private static String bestOf(List<Recommendation.Candidate> candidates, java.util.function.Function<Recommendation.Candidate, OptionalDouble> figure,
            String format, double scale) {
        return candidates.stream().filter(c -> figure.apply(c).isPresent()).max(Comparator.comparingDouble(c -> figure.apply(c).getAsDouble()))
                .map(c -> c.name() + " with " + String.format(Locale.ROOT, format, scale * figure.apply(c).getAsDouble())).orElse("none has the figure");
    }
}
