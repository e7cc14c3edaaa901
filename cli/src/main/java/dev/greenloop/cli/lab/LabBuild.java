package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.lab.ModelFiles;
import dev.greenloop.lab.Variant;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop lab build}: builds variants ahead of their first use (a profile or sweep then
 * measures runs, not builds). Already cached ones are reported, not rebuilt.
 */
@Command(name = "build", description = "Build variants of a model into the variant cache ahead of first use (${greenloop.buildableVariants}).")
final class LabBuild implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LabModelOptions modelOptions;

    @Option(names = "--variants", paramLabel = "V1,V2", required = true, split = ",", description = "The variants, comma-separated.")
    List<String> variants;

    @Mixin
    LabRunnerOptions runnerOptions;

    @Override
    public Integer call() throws IOException {
        List<Variant> chosen = new ArrayList<>();
        for (String name : variants) {
            chosen.add(LabModelOptions.parseVariant("--variants", name));
        }
        ModelChoice model = modelOptions.choice();
        LabService service = LabServices.create(Main.settings(spec), !modelOptions.noFetch);
        LabStderr listener = new LabStderr(spec.commandLine().getErr());
        Table t = new Table("variant", "status", ">size", ">seconds", "folder");
        ModelFiles fp32 = LabServices.call(() -> service.files(model, Variant.FP32, listener));
        for (Variant v : chosen) {
            boolean published = v.kind() == Variant.Kind.FP32 || v.kind() == Variant.Kind.INT8;
            boolean cached = !published && service.lab().variants().isCached(fp32, v);
            long t0 = System.nanoTime();
            Path dir;
            Path file;
            if (v.kind() == Variant.Kind.STATIC) {
                dir = service.distilled(model, 0, runnerOptions.settings(), listener).result().dir();
                file = dir.resolve("matrix.f32");
            } else if (v.kind() == Variant.Kind.CASCADE) {
                dir = service.lab().variants().calibration(fp32).orElseThrow(() -> new UsageException(
                        "variant cascade is calibrated on texts, not built: greenloop lab calibrate --model M --input TEXTS")).dir();
                file = dir.resolve("projection.f32");
            } else {
                ModelFiles f = LabServices.call(() -> service.files(model, v, listener));
                dir = f.onnx().getParent();
                file = f.onnx();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            t.row(v.name(), published ? "published" : cached ? "cached" : "built", String.format(Locale.ROOT, "%.1f MB", Files.size(file) / 1e6),
                    String.format(Locale.ROOT, "%.1f", seconds), dir.toString());
        }
        t.print(spec.commandLine().getOut());
        return 0;
    }
}
