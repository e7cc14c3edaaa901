package dev.greenloop.app;

import dev.greenloop.meter.Discovery;
import dev.greenloop.meter.Measurement;
import dev.greenloop.meter.Meter;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.SampleListener;
import dev.greenloop.meter.Sampler;
import dev.greenloop.meter.Workload;
import dev.greenloop.meter.proc.Procfs;
import dev.greenloop.meter.spi.EnergySource;
import dev.greenloop.schedule.live.LiveJob;
import dev.greenloop.schedule.live.RunMeter;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.NodeInfo;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoreConfig;
import dev.greenloop.store.StoreException;
import dev.greenloop.store.StoredRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures a scheduled job's process tree as {@code greenloop measure} does (discovery, sampler, attribution,
 * carbon by the hour in the job's zone) and stores the run, tagged {@code job=<id>}.
 */
final class JobMeter implements RunMeter {

    private final Settings settings;
    private final double pue;
    private final PrintWriter err;

    JobMeter(Settings settings, double pue, PrintWriter err) {
        this.settings = settings;
        this.pue = pue;
        this.err = err;
    }

    @Override
    public Active begin(LiveJob job, long pid) {
        Map<String, String> env = settings.effectiveEnvironment();
        MeterConfig config = MeterConfig.fromEnvironment(env);
        Procfs procfs = new Procfs(config.procfsRoot());
        ZoneChoice zone = zoneOf(job);
        NodeInfo node = NodeFacts.describe(procfs, zone.zone().code(), pue);
        RunWriter writer = new RunWriter(StoreConfig.fromEnvironment(env), node, zone, pue);
        Discovery discovery = Meter.discover(config);
        Sampler sampler;
        try {
            sampler = Sampler.start(discovery, procfs, new Workload.ChildProcess(pid), config.interval(), (SampleListener) writer::onSample);
        } catch (IOException | RuntimeException e) {
            discovery.sources().forEach(EnergySource::close);
            writer.close();
            err.printf("greenloop: warning: job %s is not measured: cannot take the first reading: %s%n", job.id(), e.getMessage());
            return exitCode -> null;
        }
        NewRun run = new NewRun(job.name(), job.command(), Map.of("job", job.id(), "attempt", Integer.toString(job.attempt())),
                sampler.startedAt(), node, java.util.OptionalLong.of(pid));
        writer.start(run);
        return exitCode -> {
            try {
                Measurement m = sampler.stop();
                RunOutcome outcome = Accounting.outcome(m, exitCode, zone, pue);
                Optional<Long> id = writer.finish(outcome);
                writer.notes().forEach(note -> err.println("greenloop: " + note));
                writer.problem().ifPresent(p -> err.printf("greenloop: warning: job %s was measured but not stored: %s%n", job.id(), p));
                writer.spoolFile().ifPresent(f -> err.printf("greenloop: job %s's run is kept in %s; the next greenloop command that"
                        + " opens the store stores it%n", job.id(), f));
                writer.spoolProblem().ifPresent(p -> err.printf("greenloop: job %s's run could not be kept either: %s%n", job.id(), p));
                return id.map(runId -> new Measured(runId, outcome.carbon().processGrams(), outcome.endedAt())).orElse(null);
            } finally {
                writer.close();
                discovery.sources().forEach(EnergySource::close);
            }
        };
    }

    /**
     * The run a Slurm job's batch script stored through {@code greenloop measure --tag job=ID --tag attempt=N}:
     * the newest finished run with both tags, started since the job was submitted.
     */
    @Override
    public Measured recorded(LiveJob job) {
        String attempt = Integer.toString(job.attempt());
        try (Store store = RunStores.open(settings, note -> err.println("greenloop: " + note))) {
            List<StoredRun> runs = store.listRuns(Optional.of(job.job().submit().minus(Duration.ofMinutes(1))));
            for (StoredRun r : runs) {
                Map<String, String> tags = r.start().tags();
                if (job.id().equals(tags.get("job")) && attempt.equals(tags.get("attempt")) && r.outcome().isPresent()) {
                    RunOutcome o = r.outcome().get();
                    return new Measured(r.id(), o.carbon().processGrams(), o.endedAt());
                }
            }
            err.printf("greenloop: warning: job %s ended without a stored run tagged job=%s attempt=%s in %s%n", job.id(), job.id(),
                    attempt, store.location());
        } catch (StoreException e) {
            err.printf("greenloop: warning: cannot look up the run of job %s: %s%n", job.id(), e.getMessage());
        }
        return null;
    }

    /**
     * @param launcher the {@code greenloop} launcher to call on the compute node
     * @return the words that make a batch script measure the job's command and store the run as {@link #recorded} finds it
     */
    List<String> measureCommand(String launcher, LiveJob job) {
        return List.of(launcher, "measure", "--zone", zoneOf(job).zone().code(), "--pue", Double.toString(pue), "--name", job.name(),
                "--tag", "job=" + job.id(), "--tag", "attempt=" + job.attempt(), "--");
    }

    /** The zone the job is planned in when the built-in table knows it, else this node's zone. */
    private ZoneChoice zoneOf(LiveJob job) {
        if (job.plan() != null) {
            try {
                return ZoneChoice.resolve(job.plan().zone(), settings);
            } catch (ConfigException e) {
                // A trace zone the yearly table does not know (such as a custom name): account in the node's zone instead.
            }
        }
        return ZoneChoice.resolve(null, settings);
    }
}
