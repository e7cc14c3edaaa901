package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.Distiller;
import dev.greenloop.lab.Lab;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.lab.StudentCorpus;
import dev.greenloop.lab.TrainingCurve;
import dev.greenloop.report.RunJson;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
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
@Command(name = "distill", description = "Distil the static variant of a model (one teacher pass per vocabulary token, PCA, Zipf weights; "
        + "with --corpus, then trained on a corpus against the teacher's sentence vectors) into the variant cache, and print its training curve.")
final class LabDistill implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabModelOptions modelOptions;

    @Option(names = "--dimension", paramLabel = "D", defaultValue = "" + Distiller.DEFAULT_DIMENSION,
            description = "The student's dimension, 1 to the teacher's; default ${DEFAULT-VALUE}. A cached student of another dimension is replaced.")
    int dimension;

    @Option(names = "--corpus", paramLabel = "FILE|NAME",
            description = "Train the student on this corpus (one text per line): a file, or wordnet-glosses (fetched by scripts/fetch-corpus.sh), "
                    + "or none for the per-token student. Without it, a cached student of this dimension is reused whatever it was trained on.")
    String corpus;

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
        StudentCorpus texts;
        try {
            texts = corpus == null ? null : StudentCorpus.read(corpus, Main.settings(spec).home());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--corpus: " + e.getMessage());
        }
        LabService service = LabServices.create(Main.settings(spec), !modelOptions.noFetch);
        Lab.Distilled d;
        try {
            d = service.distilled(model, dimension, texts, runnerOptions.settings(), new LabStderr(spec.commandLine().getErr()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--dimension: " + e.getMessage());
        }
        Distiller.Result r = d.result();
        boolean reused = d.reused();
        Optional<TrainingCurve> curve = TrainingCurve.read(r.dir());
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
                if (curve.isPresent()) {
                    writeCurve(g, curve.get());
                }
                g.writeEndObject();
            }
            spec.commandLine().getOut().println();
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT, "%s %s: %d tokens x %d dimensions (from %d; PCA keeps %.1f %% of the variance), %.1f MB matrix, distilled in %.1f s%n",
                    reused ? "already distilled" : "distilled", modelOptions.name(), r.tokens(), r.dimension(), r.teacherDimension(),
                    100 * r.explainedVariance(), r.matrixBytes() / 1e6, r.seconds());
            spec.commandLine().getOut().println("  " + r.dir());
            curve.ifPresent(c -> printCurve(c));
            spec.commandLine().getOut().printf("Run it: greenloop lab embed --model %s --variant static --input TEXTS --output VECTORS.jsonl%n", modelOptions.name());
        }
        return 0;
    }

    private static void writeCurve(com.fasterxml.jackson.core.JsonGenerator g, TrainingCurve c) throws IOException {
        g.writeStringField("corpus", c.corpus());
        g.writeObjectFieldStart("training");
        g.writeNumberField("trainTexts", c.trainTexts());
        g.writeNumberField("heldOutTexts", c.heldOutTexts());
        g.writeNumberField("keptEpoch", c.keptEpoch());
        g.writeStringField("stopReason", c.stopReason());
        g.writeStringField("energyProvenance", c.provenance());
        g.writeArrayFieldStart("curve");
        for (TrainingCurve.Point p : c.points()) {
            g.writeStartObject();
            g.writeNumberField("epoch", p.epoch());
            g.writeStringField("stage", p.stage());
            g.writeNumberField("seconds", p.seconds());
            g.writeNumberField("joules", p.joules());
            g.writeNumberField("flops", p.flops());
            if (Double.isNaN(p.heldOutCosine())) {
                g.writeNullField("heldOutCosine");
            } else {
                g.writeNumberField("heldOutCosine", p.heldOutCosine());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void printCurve(TrainingCurve c) {
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Training curve (corpus %s: %d texts fitted, %d held out; energy %s, this process's share; FLOPs counted):%n",
                c.corpus(), c.trainTexts(), c.heldOutTexts(), c.provenance());
        out.printf(Locale.ROOT, "  %5s  %-55s %9s %10s %10s %15s%n", "epoch", "stage", "seconds", "joules", "TFLOP", "held-out cos");
        for (TrainingCurve.Point p : c.points()) {
            out.printf(Locale.ROOT, "  %5d  %-55s %9.1f %10.1f %10.3f %15s%n", p.epoch(), p.stage(), p.seconds(), p.joules(), p.flops() / 1e12,
                    Double.isNaN(p.heldOutCosine()) ? "-" : String.format(Locale.ROOT, "%.4f", p.heldOutCosine()));
        }
        out.printf(Locale.ROOT, "  kept epoch %d; stopped: %s%n", c.keptEpoch(), c.stopReason());
    }
}
