package dev.greenloop.cli.schedule;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code greenloop schedule}: carbon-aware scheduling: the simulator and its benchmark job sets, and live jobs (submit, list, show, cancel, run). */
@Command(name = "schedule", description = "Plan deferrable jobs at clean hours and places; replay policies on real traces.",
        subcommands = {ScheduleSimulateCommand.class, ScheduleJobsCommand.class, ScheduleSubmit.class, ScheduleList.class, ScheduleShow.class, ScheduleCancel.class, ScheduleRun.class})
public final class ScheduleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
