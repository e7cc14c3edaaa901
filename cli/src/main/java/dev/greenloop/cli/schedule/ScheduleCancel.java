package dev.greenloop.cli.schedule;

import dev.greenloop.app.Scheduling;
import dev.greenloop.app.Settings;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.schedule.live.LiveScheduler;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code greenloop schedule cancel ID}: cancels a job; a running one is sent SIGTERM (local) or scancel'ed (Slurm). */
@Command(name = "cancel", description = "Cancel a scheduled job; a running one is stopped (SIGTERM to its process group, or scancel).")
final class ScheduleCancel implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The job id.")
    String id;

    @Override
    public Integer call() {
        Settings settings = Main.settings(spec);
        try (Scheduling jobs = Scheduling.open(settings)) {
            LiveScheduler.CancelResult r = jobs.cancel(id, Instant.now());
            switch (r) {
                case CANCELLED -> spec.commandLine().getOut().println("cancelled job " + id);
                case ALREADY_ENDED -> {
                    spec.commandLine().getErr().printf("greenloop: job %s has already ended (%s); nothing to cancel%n", id, jobs.find(id).orElseThrow().state());
                    return 1;
                }
                case UNKNOWN -> throw new UsageException("no job '%s' in %s; 'greenloop schedule list' shows the jobs".formatted(id, jobs.location()));
            }
        }
        return 0;
    }
}
