package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import dev.greenloop.cli.InputFiles;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.CascadeCalibration;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.report.RunJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop lab calibrate}: calibrates the {@code cascade} variant (static student where it is safe, fp32
 * otherwise; see docs/lab-variants.md) on texts like the ones it will serve, replacing any calibration there.
 */
@Command(name = "calibrate", description = "Calibrate the cascade variant (static where a learned confidence says it is safe, fp32 otherwise) on texts like the ones it will serve.")
final class LabCalibrate implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabModelOptions modelOptions;

    @Option(names = "--input", paramLabel = "TEXTS", required = true,
            description = "UTF-8 text file, one text per line: texts like the queries to serve, not the ones you evaluate on (at least " + CascadeCalibration.MIN_TEXTS + ").")
    Path input;

    @Option(names = "--budget", paramLabel = "SHARE", defaultValue = "" + CascadeCalibration.DEFAULT_TEACHER_BUDGET,
            description = "The share of fp32's multiply-adds the cascade may spend on the calibration texts, above 0 and at most 1; default ${DEFAULT-VALUE}.")
    double budget;

    @Option(names = "--json", description = "Print the calibration as JSON.")
    boolean json;

    @Mixin
    LabRunnerOptions runnerOptions;

    @Override
    public Integer call() throws IOException {
        if (!(budget > 0 && budget <= 1)) {
            throw new UsageException("--budget %s: must be above 0 and at most 1 (a share of fp32's multiply-adds), such as 0.25".formatted(budget));
        }
        InputFiles.require("--input", input);
        List<String> texts = LabProfileOptions.lines(Files.newInputStream(input), input.toString());
        if (texts.size() < CascadeCalibration.MIN_TEXTS) {
            throw new UsageException("--input %s has %d texts: give at least %d texts like the ones the cascade will serve"
                    .formatted(input, texts.size(), CascadeCalibration.MIN_TEXTS));
        }
        ModelChoice model = modelOptions.choice();
        LabService service = LabServices.create(Main.settings(spec), !modelOptions.noFetch);
        CascadeCalibration c = LabServices.call(() -> service.lab().calibrate(model, texts, input.getFileName().toString(), budget,
                runnerOptions.settings(), new LabStderr(spec.commandLine().getErr())));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            try (var g = RunJson.generator(out)) {
                g.writeStartObject();
                g.writeStringField("model", modelOptions.name());
                g.writeStringField("variant", "cascade");
                g.writeStringField("dir", c.dir().toString());
                g.writeNumberField("texts", c.texts());
                g.writeStringField("source", c.source());
                g.writeNumberField("teacherBudget", c.teacherBudget());
                g.writeNumberField("threshold", c.threshold());
                g.writeNumberField("heldOutTeacherShare", c.heldOutTeacherShare());
                g.writeNumberField("heldOutTeacherCostShare", c.heldOutTeacherCostShare());
                g.writeNumberField("heldOutStudentCosine", c.heldOutStudentCosine());
                g.writeNumberField("heldOutCascadeCosine", c.heldOutCascadeCosine());
                g.writeNumberField("heldOutConfidenceCorrelation", c.heldOutConfidenceCorrelation());
                g.writeNumberField("calibrateSeconds", c.seconds());
                g.writeEndObject();
            }
            out.println();
        } else {
            out.printf(Locale.ROOT, "calibrated the cascade of %s on %d texts of %s in %.1f s: the student answers at confidence >= %.4f%n",
                    modelOptions.name(), c.texts(), c.source(), c.seconds(), c.threshold());
            out.printf(Locale.ROOT, "  held-out fifth: fp32 answers %.1f %% of the texts, %.1f %% of fp32's multiply-adds (budget %.0f %%);%n",
                    100 * c.heldOutTeacherShare(), 100 * c.heldOutTeacherCostShare(), 100 * c.teacherBudget());
            out.printf(Locale.ROOT, "  mean cosine to fp32: student mapped %.4f, cascade %.4f; confidence vs real cosine r = %.3f%n",
                    c.heldOutStudentCosine(), c.heldOutCascadeCosine(), c.heldOutConfidenceCorrelation());
            out.println("  " + c.dir());
            out.printf("Run it: greenloop lab profile --model %s --variants static,cascade --input TEXTS --labels LABELS%n", modelOptions.name());
        }
        return 0;
    }
}
