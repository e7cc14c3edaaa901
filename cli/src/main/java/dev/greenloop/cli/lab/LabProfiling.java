package dev.greenloop.cli.lab;

import dev.greenloop.app.LabService;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.lab.ModelChoice;
import dev.greenloop.lab.ProfilePlan;
import dev.greenloop.lab.Profiler;
import dev.greenloop.lab.RunnerSettings;
import dev.greenloop.lab.Variant;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The measuring commands' common step: checks the flags, has {@link LabService#profile} profile every
 * variant at every setting (progress and one summary line per profile on stderr; stdout is left to
 * the result), and writes {@code --out}.
 */
final class LabProfiling {

    private LabProfiling() {
    }

    /**
     * Measures now.
     *
     * @param command the command's name for progress lines, such as {@code lab profile}
     * @throws UsageException for bad flags or input, or a variant the model does not have
     * @throws dev.greenloop.lab.LabException when a model cannot be opened, or the reference's energy is zero
     */
    static LabService.Profiled measured(CommandSpec spec, String command, LabModelOptions model, LabProfileOptions options, List<RunnerSettings> settings, PrintWriter err)
            throws IOException {
        List<Variant> variants = options.variants(model.modelDir != null);
        Profiler.Options profilerOptions = options.profilerOptions();
        LabProfileOptions.Inputs in = options.read();
        if (options.out != null && options.out.toAbsolutePath().getParent() != null && !Files.isDirectory(options.out.toAbsolutePath().getParent())) {
            throw new UsageException("--out %s: there is no directory %s".formatted(options.out, options.out.toAbsolutePath().getParent()));
        }
        ModelChoice choice = model.choice();
        LabService service = LabServices.create(Main.settings(spec), !model.noFetch);
        ProfilePlan plan = new ProfilePlan(choice, variants, settings, in.texts(), in.labels(), profilerOptions);
        LabService.Profiled profiled = LabServices.call(() -> service.profile(plan, command, new LabStderr(err)));
        if (options.out != null) {
            service.write(profiled.result(), options.out);
            err.println("greenloop: wrote " + options.out);
        }
        return profiled;
    }
}
