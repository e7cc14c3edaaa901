package dev.greenloop.cli.measure;

import dev.greenloop.app.Accounting;
import dev.greenloop.app.Agent;
import dev.greenloop.app.Measuring;
import dev.greenloop.app.RunPush;
import dev.greenloop.app.Settings;
import dev.greenloop.app.ZoneChoice;
import dev.greenloop.cli.Durations;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.Summary;
import dev.greenloop.cli.UsageException;
import dev.greenloop.meter.MeterConfig;
import dev.greenloop.meter.Sample;
import dev.greenloop.meter.SampleListener;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import dev.greenloop.store.NewRun;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.RunStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code greenloop measure [options] -- CMD...}: runs a command and reports the energy and carbon it caused. */
@Command(name = "measure", sortOptions = false,
        description = {"Run a command and measure the energy of the node and of the command's process tree, "
                + "and its carbon.", "The command's stdin, stdout and stderr pass through; its exit code is returned."},
        footer = {"", "Examples:", "  greenloop measure -- python train.py", "  greenloop measure --json --zone DE -- ./batch.sh",
            "  GREENLOOP_TOKEN=... greenloop measure --server http://fleet.example:8080 -- python train.py"})
public final class MeasureCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the report as one JSON document on stdout, after the command's output.")
    boolean json;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Grid zone for carbon, e.g. DE, FR, US-CAL-CISO (default: GREENLOOP_ZONE).")
    String zone;

    @Option(names = "--pue", paramLabel = "X", description = "Power usage effectiveness of the site, 1.0 to 3 (default: GREENLOOP_PUE, else 1.0).")
    String pue;

    @Option(names = "--interval", paramLabel = "D", description = "Sampling interval, e.g. 500ms, 1s (default: 1s).")
    String interval;

    @Option(names = "--name", paramLabel = "N", description = "Name of the run (default: the command line).")
    String name;

    @Option(names = "--tag", paramLabel = "k=v", description = "A tag for the run; repeatable.")
    List<String> tags = List.of();

    @Option(names = "--server", paramLabel = "URL", description = {"Also send the run's samples to this Greenloop server as this node's"
            + " samples (the local copy is kept); when it cannot be reached they wait in the agent's spool for the next"
            + " 'greenloop agent' or 'measure --server'."})
    String server;

    @Option(names = "--token", paramLabel = "T", description = "A token of role agent for --server (default: GREENLOOP_TOKEN).")
    String token;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments, after --.")
    List<String> command;

    @Override
    public Integer call() {
        // First of all: from here on a signal no longer ends this JVM without a report (it waits for the command).
        ChildSignals signals = ChildSignals.install(spec.commandLine().getErr());
        Settings settings = Main.settings(spec);
        ZoneChoice zoneChoice = ZoneChoice.resolve(zone, settings);
        double pueValue = Accounting.pue(pue, "--pue", settings);
        Duration every = interval != null ? Durations.samplingInterval("--interval", interval)
                : settings.get("INTERVAL").map(v -> Durations.samplingInterval(settings.origin("INTERVAL"), v)).orElse(MeterConfig.DEFAULT_INTERVAL);
        Map<String, String> tagMap = parseTags(tags);
        Optional<RunPush> push = server == null ? Optional.empty() : Optional.of(runPush(settings));
        String runName = name != null ? name : String.join(" ", command);
        PrintWriter err = spec.commandLine().getErr();
        boolean live = Native.isatty(2);
        LiveLine line = new LiveLine(err, java.time.Instant.now(), "greenloop measure");
        Measuring.CommandResult result;
        try {
            result = new Measuring(settings).command(new Measuring.CommandRun(runName, command, tagMap, zoneChoice, pueValue, every),
                    new Measuring.Launcher() {
                        @Override
                        public Process start(List<String> cmd) throws IOException {
                            Process process = new ProcessBuilder(cmd).inheritIO().start();
                            signals.started(process);
                            return process;
                        }

                        @Override
                        public int waitFor(Process process) {
                            return ChildSignals.waitFor(process);
                        }
                    }, new SampleListener() {
                        @Override
                        public void onSample(Sample s) {
                            if (live) {
                                line.update(s);
                            }
                            push.ifPresent(p -> p.collector().onSample(s));
                        }
                    });
        } catch (IOException e) {
            err.println("greenloop: cannot run '" + command.getFirst() + "': " + reason(e));
            return 127;
        }
        line.clear();
        report(result, zoneChoice, err);
        // After the report: the command's exit code passes through whatever became of the upload, which is said here.
        push.ifPresent(p -> err.println("greenloop: server: " + p.send(result).message()));
        if (result.storeProblem().isEmpty()) {
            return result.outcome().exitCode();
        }
        // The command's own code would say all is well: the status says the run is not in the store.
        return result.spoolFile().isPresent() ? Main.EXIT_SPOOLED : 1;
    }

    private void report(Measuring.CommandResult result, ZoneChoice zoneChoice, PrintWriter err) {
        Optional<Long> runId = result.runId();
        NewRun run = result.run();
        RunOutcome outcome = result.outcome();
        result.notes().forEach(note -> err.println("greenloop: " + note));
        result.storeProblem().ifPresent(p -> err.println("greenloop: warning: the run was measured but not stored: " + p));
        result.strayNote().ifPresent(err::println);
        result.cgroupProblem().ifPresent(p -> err.println("greenloop: warning: " + p));
        result.spoolFile().ifPresent(f -> err.printf("greenloop: the run is kept in %s; the next greenloop command that opens the store"
                + " stores it (exit status %d)%n", f, Main.EXIT_SPOOLED));
        result.spoolProblem().ifPresent(p -> err.printf("greenloop: error: the run could not be stored, nor kept to store later: %s%n", p));
        if (zoneChoice.guessed()) {
            err.println("greenloop: zone " + zoneChoice.zone().code() + ": " + zoneChoice.origin());
        }
        if (json) {
            spec.commandLine().getOut().flush();
            try (var g = RunJson.generator(spec.commandLine().getOut())) {
                RunJson.write(g, runId.orElse(null), run, RunStatus.FINISHED, outcome, result.cpuTimeFrom());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            spec.commandLine().getOut().println();
            spec.commandLine().getOut().flush();
            return;
        }
        err.println();
        err.printf("greenloop: '%s' exited %d after %s%s%n", Table.escape(run.name()), outcome.exitCode(),
                Durations.format(Duration.between(run.startedAt(), outcome.endedAt())),
                runId.map(id -> " — stored as run " + id + result.storeLocation().map(l -> " in " + l).orElse("")).orElse(""));
        err.println();
        Summary.print(err, outcome);
        err.println("cpu time from    " + Table.escape(result.cpuTimeFrom()));
    }

    private RunPush runPush(Settings settings) {
        String secret = dev.greenloop.cli.agent.AgentCommand.token(settings, token, "--server needs a token");
        try {
            return RunPush.to(settings, Agent.serverUri("--server", server), secret);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--token: " + e.getMessage());
        }
    }

    static Map<String, String> parseTags(List<String> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String t : tags) {
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--tag: '%s' is not key=value; write it like --tag team=search".formatted(t));
            }
            map.put(t.substring(0, eq).trim(), t.substring(eq + 1).trim());
        }
        return map;
    }

    private static String reason(IOException e) {
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("error=");
        return i >= 0 ? m.substring(m.indexOf(',', i) + 1).trim() + " (" + m.substring(i, m.indexOf(',', i)) + ")" : m;
    }
}
