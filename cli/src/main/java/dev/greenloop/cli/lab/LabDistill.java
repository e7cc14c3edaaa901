package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.Distiller;
import dev.greenloop.lab.Lab;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.report.RunJson;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop lab distill}: builds the {@code static} variant of a model (a Model2Vec-style
 * token table, see docs/lab-variants.md) into the variant cache, or reports the one already there.
 */
@Command(name = "distill", description = "Distil the static variant of a model (one teacher pass per vocabulary token, PCA, Zipf weights) into the variant cache.")
final class LabDistill implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabModelOptions modelOptions;

    @Option(names = "--dimension", paramLabel = "D", defaultValue = "" + Distiller.DEFAULT_DIMENSION,
            description = "The student's dimension, 1 to the teacher's; default ${DEFAULT-VALUE}. A cached student of another dimension is replaced.")
    int dimension;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Mixin
    LabRunnerOptions runnerOptions;

    @Override
    public Integer call() throws IOException {
        if (dimension < 1) {
            throw new UsageException("--dimension %d: must be at least 1".formatted(dimension));
        }
        ModelChoice model = modelOptions.choice();
        LabService service = LabServices.create(Main.settings(spec), !modelOptions.noFetch);
        Lab.Distilled d;
        try {
            d = service.distilled(model, dimension, runnerOptions.settings(), new LabStderr(spec.commandLine().getErr()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dimension: " + e.getMessage());
        }
        Distiller.Result r = d.result();
        boolean reused = d.reused();
        if (json) {
            try (var g = RunJson.generator(spec.commandLine().getOut())) {
                g.writeStartObject();
                g.writeStringField("model", modelOptions.name());
                g.writeStringField("variant", "static");
                g.writeStringField("dir", r.dir().toString());
                g.writeNumberField("tokens", r.tokens());
                g.writeNumberField("dimension", r.dimension());
                g.writeNumberField("teacherDimension", r.teacherDimension());
                g.writeNumberField("explainedVariance", r.explainedVariance());
                g.writeNumberField("distillSeconds", r.seconds());
                g.writeNumberField("matrixBytes", r.matrixBytes());
                g.writeBooleanField("reused", reused);
                g.writeEndObject();
            }
            spec.commandLine().getOut().println();
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "%s %s: %d tokens x %d dimensions (from %d; PCA keeps %.1f %% of the variance), %.1f MB matrix, distilled in %.1f s%n",
                    reused ? "already distilled" : "distilled", modelOptions.name(), r.tokens(), r.dimension(), r.teacherDimension(),
                    100 * r.explainedVariance(), r.matrixBytes() / 1e6, r.seconds());
            spec.commandLine().getOut().println("  " + r.dir());
            spec.commandLine().getOut().printf("Run it: greenloop lab embed --model %s --variant static --input TEXTS --output VECTORS.jsonl%n", modelOptions.name());
        }
        return 0;
    }
}
