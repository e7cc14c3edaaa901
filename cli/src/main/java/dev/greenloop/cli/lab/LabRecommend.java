package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.LabResult;
import dev.greenloop.report.RunJson;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop lab recommend}: the lowest-energy variant and settings of a profile or sweep that
 * keeps the required quality, and why; exit 1 when none does.
 */
@Command(name = "recommend", description = "Name the lowest-energy variant and settings that meet --min-cosine X (mean cosine to fp32) "
        + "or --max-accuracy-drop Y (kNN accuracy points below fp32's); exit 1 when none does. Input as lab pareto.")
final class LabRecommend implements Callable<Integer> {

    @Spec
    CommandSpec spec;

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
        LabResult report = source.load(spec, "lab recommend", spec.commandLine().getErr());
        LabService service = LabServices.create(Main.settings(spec), true);
        LabService.Recommended recommended;
        if (minCosine != null) {
            recommended = service.recommendWithMinCosine(report, minCosine);
        } else {
            if (!report.labelled() || report.reference().quality().knnAccuracy().isEmpty()) {
                throw new UsageException("--max-accuracy-drop needs kNN accuracy: the result in %s was profiled without --labels".formatted(source.origin()));
            }
            recommended = service.recommendWithMaxAccuracyDrop(report, maxAccuracyDrop);
        }
        String requirement = recommended.requirement();
        if (recommended.choice().isEmpty()) {
            spec.commandLine().getErr().printf("greenloop: no profiled variant meets %s; the best is %s. Loosen the requirement or profile other variants (--variants).%n",
                    requirement, recommended.best());
            return 1;
        }
        LabService.Chosen r = recommended.choice().get();
        LabResult.Row row = r.row();
        if (json) {
            try (var g = RunJson.generator(spec.commandLine().getOut())) {
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
        spec.commandLine().getOut().printf("recommended: %s%n  why: %s (%s energy, label %s; requirement: %s)%n", row.name(), r.why(),
                row.profile().provenance().label(), row.energyLabel(), requirement);
        return 0;
    }
}
