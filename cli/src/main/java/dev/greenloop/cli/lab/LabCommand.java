package dev.greenloop.cli.lab;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code greenloop lab}: real embedding models in variants, their energy per query and quality.
 * Only {@code lab} loads ONNX Runtime and the tokenizer's native library, and only when a model is opened.
 */
@Command(name = "lab", description = "Run real embedding models in variants (fp32, int8, ...) and compare their energy and quality.",
        subcommands = {LabModels.class, LabEmbed.class, LabBuild.class, LabDistill.class, LabProfile.class, LabSweep.class, LabProfiles.class, LabPareto.class,
                LabRecommend.class, LabCalibrate.class})
public final class LabCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
