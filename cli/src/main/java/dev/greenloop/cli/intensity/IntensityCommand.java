package dev.greenloop.cli.intensity;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code greenloop intensity now|history|forecast|best|backtest}: grid carbon intensity from traces, live providers and the built-in table. */
@Command(name = "intensity", description = "Grid carbon intensity from traces or live providers: now, history, forecast, the best time and place for a job, and a backtest of archived forecasts.",
        subcommands = {IntensityNow.class, IntensityHistory.class, IntensityForecast.class, IntensityBest.class, IntensityBacktest.class})
public final class IntensityCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
