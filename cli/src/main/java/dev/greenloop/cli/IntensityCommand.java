package dev.greenloop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code greenloop intensity now|history|forecast|best}: grid carbon intensity from traces and the built-in table. */
@Command(name = "intensity", description = "Grid carbon intensity: now, history, forecast, and the best time and place for a job.",
        subcommands = {IntensityNow.class, IntensityHistory.class, IntensityForecast.class, IntensityBest.class})
final class IntensityCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
