package dev.greenloop.cli;

import dev.greenloop.schedule.live.LiveScheduler;
import dev.greenloop.store.JobStore;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.Stores;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code greenloop schedule cancel ID}: cancels a job; a running one is sent SIGTERM (local) or scancel'ed (Slurm). */
@Command(name = "cancel", description = "Cancel a scheduled job; a running one is stopped (SIGTERM to its process group, or scancel).")
final class ScheduleCancel implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "The job id.")
    String id;

    @Override
    public Integer call() {
        Settings settings = Settings.load();
        try (JobStore jobs = Stores.openJobs(StoreConfig.fromEnvironment(settings.effectiveEnvironment()))) {
            LiveScheduler.CancelResult r = LiveScheduler.cancel(new StoreJobQueue(jobs), name -> ScheduleRun.executor(name, settings, java.util.List.of()),
                    id, Instant.now());
            switch (r) {
                case CANCELLED -> System.out.println("cancelled job " + id);
                case ALREADY_ENDED -> {
                    System.err.printf("greenloop: job %s has already ended (%s); nothing to cancel%n", id, jobs.find(id).orElseThrow().state());
                    return 1;
                }
                case UNKNOWN -> throw new UsageException("no job '%s' in %s; 'greenloop schedule list' shows the jobs".formatted(id, jobs.location()));
            }
        }
        return 0;
    }
}
