package dev.greenloop.schedule.live;

import dev.greenloop.core.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submits jobs to Slurm with their planned start as the begin time, so that Slurm starts them itself:
 * {@code sbatch --parsable --begin=now+S}. Re-planning moves a pending job with {@code scontrol hold},
 * {@code scontrol update JobId=X StartTime=now+S}, {@code scontrol release}; suspending and resuming
 * are {@code scontrol suspend|resume} (an operator's right in Slurm); cancelling is {@code scancel}.
 * State comes from {@code scontrol show job -o}, then {@code sacct} for jobs that Slurm has purged from
 * memory ({@code MinJobAge}).
 *
 * <p>Each job is named {@code greenloop-<id>-<attempt>}, so a restarted scheduler can find an attempt that
 * was submitted just before it stopped. Its batch script and Slurm's output file are in
 * {@code <root>/<id>/<attempt>/}. Jobs run where Slurm puts them, so the scheduler does not measure them.
 */
public final class SlurmExecutor implements Executor {

    private static final Pattern STATE = Pattern.compile("\\bJobState=(\\S+)");
    private static final Pattern EXIT = Pattern.compile("\\bExitCode=(\\d+):(\\d+)");

    private final Path root;
    private final Supplier<Instant> now;
    private final List<String> sbatchOptions;
    private final Function<LiveJob, List<String>> wrapper;
    private final Map<String, String> environment;

    /**
     * @param root the folder that holds one folder per job (must be readable from the compute nodes for the script)
     * @param now the current time, to turn planned instants into Slurm's relative {@code now+S}
     * @param sbatchOptions extra options for every {@code sbatch}, such as {@code --partition=debug}
     * @param slurmConf the {@code slurm.conf} the Slurm commands should read ({@code SLURM_CONF}); null for their default
     */
    public SlurmExecutor(Path root, Supplier<Instant> now, List<String> sbatchOptions, Path slurmConf) {
        this(root, now, sbatchOptions, slurmConf, job -> List.of());
    }

    /**
     * @param wrapper per job, the words the batch script puts before the job's command, such as
     *     {@code greenloop measure --tag job=ID --}, so that the run is measured on the compute node;
     *     an empty list runs the command alone
     */
    public SlurmExecutor(Path root, Supplier<Instant> now, List<String> sbatchOptions, Path slurmConf,
                         Function<LiveJob, List<String>> wrapper) {
        this.wrapper = wrapper;
        this.root = root;
        this.now = now;
        this.sbatchOptions = List.copyOf(sbatchOptions);
        this.environment = slurmConf == null ? Map.of() : Map.of("SLURM_CONF", slurmConf.toString());
    }

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public boolean startsAtPlannedTime() {
        return true;
    }

    @Override
    public String start(LiveJob job, Instant plannedStart) {
        Path dir = root.resolve(job.id()).resolve(Integer.toString(job.attempt()));
        Path script = dir.resolve("job.sh");
        try {
            PrivateFiles.createDirectories(dir);
            PrivateFiles.createFileIfAbsent(script); // it holds the job's command line
            List<String> words = new ArrayList<>(wrapper.apply(job));
            words.addAll(job.command());
            Files.writeString(script, "#!/bin/sh\nexec " + String.join(" ", words.stream().map(SlurmExecutor::quote).toList()) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExecutorException("cannot write the batch script %s: %s".formatted(script, e.getMessage()), e);
        }
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", "--job-name=" + jobName(job),
                "--begin=" + begin(plannedStart), "--output=" + dir.resolve("slurm-%j.out"), "--chdir=" + dir));
        cmd.addAll(sbatchOptions);
        cmd.add(script.toString());
        String out = check(cmd);
        // --parsable prints "jobid" or "jobid;cluster".
        return out.lines().reduce((a, b) -> b).orElse("").split(";")[0].strip();
    }

    @Override
    public Optional<String> find(LiveJob job) {
        Commands.Result r = run(List.of("squeue", "-h", "-t", "all", "-n", jobName(job), "-o", "%i"));
        if (r.exitCode() != 0 || r.out().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(r.out().lines().findFirst().orElseThrow().strip());
    }

    @Override
    public void reschedule(String externalId, Instant newStart) {
        check(List.of("scontrol", "hold", externalId));
        try {
            check(List.of("scontrol", "update", "JobId=" + externalId, "StartTime=" + begin(newStart)));
        } finally {
            check(List.of("scontrol", "release", externalId));
        }
    }

    @Override
    public Status status(String externalId) {
        Commands.Result r = run(List.of("scontrol", "show", "job", "-o", externalId));
        if (r.exitCode() == 0) {
            return parse(r.out(), externalId);
        }
        Commands.Result acct = run(List.of("sacct", "-n", "-X", "-P", "-j", externalId, "-o", "State,ExitCode"));
        if (acct.exitCode() == 0 && !acct.out().isEmpty()) {
            String[] f = acct.out().lines().findFirst().orElseThrow().split("\\|");
            String[] code = f[1].split(":");
            return ended(f[0].split(" ")[0], Integer.parseInt(code[0]), Integer.parseInt(code[1]));
        }
        return new Status.Lost("Slurm no longer knows job %s (%s)".formatted(externalId, r.err()));
    }

    static Status parse(String line, String externalId) {
        Matcher s = STATE.matcher(line);
        if (!s.find()) {
            return new Status.Lost("no JobState in scontrol's answer for job " + externalId);
        }
        String state = s.group(1);
        return switch (state) {
            case "PENDING", "REQUEUED", "REQUEUE_HOLD", "RESV_DEL_HOLD" -> new Status.Pending();
            case "RUNNING", "SUSPENDED", "CONFIGURING", "COMPLETING", "STOPPED", "RESIZING", "SIGNALING", "STAGE_OUT" -> new Status.Running();
            default -> {
                Matcher e = EXIT.matcher(line);
                yield e.find() ? ended(state, Integer.parseInt(e.group(1)), Integer.parseInt(e.group(2))) : ended(state, 1, 0);
            }
        };
    }

    private static Status ended(String state, int code, int signal) {
        if (state.startsWith("PENDING")) {
            return new Status.Pending();
        }
        if (state.startsWith("RUNNING") || state.startsWith("SUSPENDED") || state.startsWith("COMPLETING")) {
            return new Status.Running();
        }
        if (signal != 0) {
            return new Status.Exited(128 + signal);
        }
        if (code == 0 && !state.equals("COMPLETED")) {
            // Cancelled, timed out, node failure...: not a success even without an exit code.
            return new Status.Exited(1);
        }
        return new Status.Exited(code);
    }

    @Override
    public void suspend(String externalId) {
        check(List.of("scontrol", "suspend", externalId));
    }

    @Override
    public void resume(String externalId) {
        check(List.of("scontrol", "resume", externalId));
    }

    @Override
    public void cancel(String externalId) {
        check(List.of("scancel", externalId));
    }

    @Override
    public long pid(String externalId) {
        return -1;
    }

    private String check(List<String> command) {
        return Commands.check(command, environment);
    }

    private Commands.Result run(List<String> command) {
        return Commands.run(command, environment);
    }

    private String begin(Instant at) {
        long seconds = Math.max(0, Duration.between(now.get(), at).toSeconds());
        return seconds == 0 ? "now" : "now+" + seconds;
    }

    private static String jobName(LiveJob job) {
        return "greenloop-" + job.id() + "-" + job.attempt();
    }

    /** @return {@code arg} quoted for sh */
    static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
