package dev.greenloop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help texts that list what a registry holds, and the {@code --plot} flags that write SVG or PNG. */
class HelpTest {

    @TempDir
    Path home;

    private String help(String... args) {
        Cli.Result r = Cli.inProcess(home).run(args);
        assertEquals(0, r.exitCode(), r.stderr());
        return r.stdout().replaceAll("\\s+", " ");
    }

    @Test
    void labEmbedVariant_listsTheVariantRegistry() {
        assertTrue(help("lab", "embed", "--help").contains("fp32, int8, int8-pc, int4, lowrank-R, pruned-P, static or cascade (the lab's own"),
                help("lab", "embed", "--help"));
    }

    @Test
    void labBuild_listsTheBuildableVariants() {
        assertTrue(help("lab", "build", "--help").contains("ahead of first use (int8-pc, int4, lowrank-R, pruned-P, static)"),
                help("lab", "build", "--help"));
    }

    @Test
    void scheduleRunExecutor_listsTheExecutorRegistry() {
        assertTrue(help("schedule", "run", "--help").contains("The executor: local or slurm"), help("schedule", "run", "--help"));
    }

    @Test
    void plot_saysSvgOrPng() {
        assertTrue(help("lab", "pareto", "--help").contains("--plot=FILE Also draw the frontier: SVG if FILE ends in .svg, else PNG."),
                help("lab", "pareto", "--help"));
        assertTrue(help("schedule", "simulate", "--help").contains("SVG if FILE ends in .svg, else PNG."), help("schedule", "simulate", "--help"));
    }
}
