package dev.greenloop.cli.runs;

import dev.greenloop.app.RunStores;
import dev.greenloop.cli.Durations;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.Summary;
import dev.greenloop.cli.Times;
import dev.greenloop.cli.UsageException;
import dev.greenloop.core.Emissions;
import dev.greenloop.core.Units;
import dev.greenloop.report.RunCsv;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import dev.greenloop.store.RunOutcome;
import dev.greenloop.store.Store;
import dev.greenloop.store.StoredRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greenloop runs list|show|export}: the stored runs. */
@Command(name = "runs", description = "List, show and export stored runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Export.class})
public final class RunsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Store open(CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        return RunStores.open(Main.settings(spec), note -> err.println("greenloop: " + note));
    }

    @Command(name = "list", description = "List stored runs, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "Print as a JSON array.")
        boolean json;

        @Option(names = "--since", paramLabel = "T", description = "Only runs started since T: 2026-11-01, 2026-11-01T12:00:00Z, or a duration ago such as 24h.")
        String since;

        @Override
        public Integer call() throws IOException {
            Optional<Instant> from = since == null ? Optional.empty() : Optional.of(parseSince(since, Instant.now()));
            try (Store store = open(spec)) {
                List<StoredRun> runs = store.listRuns(from);
                if (json) {
                    RunJson.printArray(spec.commandLine().getOut(), runs);
                    return 0;
                }
                if (runs.isEmpty()) {
                    spec.commandLine().getOut().println("No runs stored in " + store.location() + " yet. Measure one: greenloop measure -- CMD");
                    return 0;
                }
                Table t = new Table(">id", "started (UTC)", ">duration", "status", ">exit", ">energy", "provenance", ">CO2eq", "zone", "name");
                for (StoredRun r : runs) {
                    Optional<RunOutcome> o = r.outcome();
                    t.row(r.id(), Times.table(r.start().startedAt()),
                            o.map(x -> Durations.format(Duration.between(r.start().startedAt(), x.endedAt()))).orElse(""),
                            r.status().label(), o.filter(x -> r.interruption().isEmpty()).map(x -> String.valueOf(x.exitCode())).orElse(""),
                            o.map(x -> Units.formatEnergy(x.total())).orElse(""), o.map(x -> x.provenance().label()).orElse(""),
                            o.map(x -> Units.formatEmissions(Emissions.ofGrams(x.carbon().grams()))).orElse(""),
                            o.map(x -> x.carbon().zone()).orElse(""), abbreviate(r.start().name(), 48));
                }
                t.print(spec.commandLine().getOut());
                return 0;
            }
        }
    }

    @Command(name = "show", description = "Show one run with its components.")
    static final class Show implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "Print as JSON, the shape 'measure --json' prints.")
        boolean json;

        @Parameters(paramLabel = "ID", description = "The run's id, as 'runs list' shows it.")
        String id;

        @Override
        public Integer call() throws IOException {
            long runId;
            try {
                runId = Long.parseLong(id.trim());
            } catch (NumberFormatException e) {
                throw new UsageException("runs show: '%s' is not a run id; ids are numbers, see 'greenloop runs list'".formatted(id));
            }
            try (Store store = open(spec)) {
                StoredRun run = store.findRun(runId).orElseThrow(() -> new UsageException(
                        "runs show: no run %d in %s; see 'greenloop runs list'".formatted(runId, store.location())));
                if (json) {
                    try (var g = RunJson.generator(spec.commandLine().getOut())) {
                        RunJson.write(g, run);
                    }
                    spec.commandLine().getOut().println();
                    return 0;
                }
                PrintWriter out = spec.commandLine().getOut();
                out.printf("run %d  %s%n", run.id(), Table.escape(run.start().name()));
                if (run.start().kind() == dev.greenloop.store.RunKind.MONITOR) {
                    out.println("kind      monitor: the node's power, sampled by 'greenloop monitor' (no command)");
                } else {
                    out.printf("command   %s%n", Table.escape(String.join(" ", run.start().command())));
                }
                out.printf("node      %s (%s)%n", Table.escape(run.start().node().name()), Table.escape(run.start().node().hardware()));
                out.printf("started   %s UTC%n", Times.table(run.start().startedAt()));
                if (!run.start().tags().isEmpty()) {
                    out.printf("tags      %s%n", Table.escape(run.start().tags().toString()));
                }
                if (run.outcome().isEmpty()) {
                    out.println("status    running — or the measuring process ended before writing its report");
                    return 0;
                }
                RunOutcome o = run.outcome().get();
                if (run.interruption().isPresent()) {
                    out.printf("status    interrupted — %s%n", Table.escape(run.interruption().get().note()));
                    run.interruption().get().orphanPid().ifPresent(pid -> out.printf("orphan    pid %d, the measured command, left running%n", pid));
                    out.printf("ended     %s UTC after %s (the last stored sample), exit code unknown%n%n", Times.table(o.endedAt()),
                            Durations.format(Duration.between(run.start().startedAt(), o.endedAt())));
                    Summary.print(out, o);
                    return 0;
                }
                out.printf("ended     %s UTC after %s, exit code %d%n%n", Times.table(o.endedAt()),
                        Durations.format(Duration.between(run.start().startedAt(), o.endedAt())), o.exitCode());
                Summary.print(out, o);
                return 0;
            }
        }
    }

    @Command(name = "export", description = "Export stored runs as CSV (one row per run) or JSON.")
    static final class Export implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--format", required = true, paramLabel = "csv|json", description = "csv or json.")
        String format;

        @Option(names = "--since", paramLabel = "T", description = "Only runs started since T: 2026-11-01, 2026-11-01T12:00:00Z, or a duration ago such as 24h.")
        String since;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("csv") && !format.equals("json")) {
                throw new UsageException("--format: '%s' is not supported; use csv or json".formatted(format));
            }
            Optional<Instant> from = since == null ? Optional.empty() : Optional.of(parseSince(since, Instant.now()));
            try (Store store = open(spec)) {
                List<StoredRun> runs = store.listRuns(from);
                if (format.equals("json")) {
                    RunJson.printArray(spec.commandLine().getOut(), runs);
                } else {
                    RunCsv.write(spec.commandLine().getOut(), runs);
                }
                return 0;
            }
        }
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /**
     * @throws UsageException naming the value and the accepted forms
     */
    static Instant parseSince(String text, Instant now) {
        String t = text.trim();
        try {
            if (t.length() == 10 && t.charAt(4) == '-') {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.contains("T")) {
                return t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$") ? java.time.OffsetDateTime.parse(t).toInstant()
                        : java.time.LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new UsageException("--since: '%s' is not a date or time; write 2026-11-01, 2026-11-01T12:00:00Z or 24h".formatted(text));
        }
        try {
            return now.minus(Durations.parse("--since", t));
        } catch (UsageException e) {
            throw new UsageException("--since: '%s' is not a date, time or duration; write 2026-11-01, 2026-11-01T12:00:00Z or 24h".formatted(text));
        }
    }
}
