package dev.greenloop.cli;

import dev.greenloop.app.ConfigException;
import dev.greenloop.app.Settings;
import dev.greenloop.cli.agent.AgentCommand;
import dev.greenloop.cli.anomalies.AnomaliesCommand;
import dev.greenloop.cli.compare.CompareCommand;
import dev.greenloop.cli.intensity.IntensityCommand;
import dev.greenloop.cli.intensity.ZonesCommand;
import dev.greenloop.cli.lab.LabCommand;
import dev.greenloop.cli.measure.MeasureCommand;
import dev.greenloop.cli.measure.MonitorCommand;
import dev.greenloop.cli.measure.SourcesCommand;
import dev.greenloop.cli.runs.RunsCommand;
import dev.greenloop.cli.schedule.ScheduleCommand;
import dev.greenloop.cli.server.ServerCommand;
import dev.greenloop.report.WriteException;
import dev.greenloop.store.StoreException;
import dev.greenloop.store.UnsupportedStoreUrlException;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code greenloop} command. Exit codes: 0 success (for {@code measure}, the command's own
 * code), 1 failure, 2 usage error with a message naming the bad value.
 */
@Command(name = "greenloop", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = Version.class,
        description = "Measure, account and cut the energy and carbon of AI workloads.")
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The settings of this run; null for this process's ({@link Settings#current()}), read when a command needs them. */
    private final Settings settings;

    private Main(Settings settings) {
        this.settings = settings;
    }

    /**
     * Runs the command line on this process's standard streams and settings, and exits with its code. Output is
     * UTF-8 whatever the locale (JSON must be, and tables use units such as µJ), and is flushed before the exit.
     * Standard output that cannot be written (a full disk) makes the exit code 1, with
     * {@code greenloop: write error: standard output: <reason>} on standard error.
     */
    public static void main(String[] args) {
        System.exit(runOnStandardStreams(new BufferedWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8)), args));
    }

    /**
     * Runs the command line on this process's settings and standard streams, and returns its exit code.
     *
     * @param args the arguments, as after {@code greenloop}
     * @return the exit code: 0 success (for {@code measure}, the command's own), 1 failure, 2 usage error
     */
    public static int run(String... args) {
        return runOnStandardStreams(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), args);
    }

    /**
     * Runs on this process's standard output, checked: System.out's PrintStream swallows write errors, so the
     * output goes to the file descriptor through a stream that remembers the first one.
     */
    private static int runOnStandardStreams(java.io.Writer errStream, String... args) {
        CheckedOutput stdout = new CheckedOutput(new FileOutputStream(FileDescriptor.out));
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8)), true);
        PrintWriter err = new PrintWriter(errStream, true);
        int code;
        try {
            code = run(null, out, err, args);
        } finally {
            out.flush();
            if (stdout.error() != null && !brokenPipe(stdout.error())) {
                err.println("greenloop: write error: standard output: " + WriteException.reason(stdout.error()));
            }
            err.flush();
        }
        if (stdout.error() == null) {
            return code;
        }
        // A reader that stopped reading (greenloop runs list | head) is no failure to report: end quietly with
        // 128 + SIGPIPE, the status a shell gives a command that a closed pipe ended, as GNU tools end.
        return brokenPipe(stdout.error()) ? BROKEN_PIPE_EXIT : 1;
    }

    /** The exit status after the reader of standard output went away: 128 + SIGPIPE (13). */
    static final int BROKEN_PIPE_EXIT = 141;

    /**
     * {@code measure}'s status when the run was measured but the store did not take it and it is kept in a spool file
     * for the next command to store: 75, {@code EX_TEMPFAIL} of sysexits.h, in place of the command's own code.
     */
    public static final int EXIT_SPOOLED = 75;

    private static boolean brokenPipe(java.io.IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    /**
     * Runs the command line in this process with its own settings and writers, as a test does; returns the exit code.
     * Commands write their reports, messages and help to {@code out} and {@code err} (which are not closed or
     * flushed here); {@code measure} still gives the measured command this process's standard streams, and
     * {@code lab embed} and {@code lab profile} read texts from {@code System.in} unless given a file.
     *
     * @param settings the settings commands use (environment and config file), such as
     *     {@code Settings.load(Map.of("GREENLOOP_HOME", dir))}; null for this process's, read when first needed
     * @param out where reports and help go
     * @param err where messages, warnings and progress go
     * @param args the arguments, as after {@code greenloop}
     * @return the exit code: 0 success (for {@code measure}, the command's own), 1 failure, 2 usage error
     * @throws NullPointerException if {@code out}, {@code err} or {@code args} is null
     */
    public static int run(Settings settings, PrintWriter out, PrintWriter err, String... args) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(args, "args");
        CommandLine cl = new CommandLine(new Main(settings));
        addSubcommands(cl, args);
        // After the subcommands: picocli hands the writers to the commands registered at the time of the call.
        cl.setOut(out);
        cl.setErr(err);
        CommandLine measure = cl.getSubcommands().get("measure");
        if (measure != null) {
            measure.setStopAtPositional(true);
        }
        CommandLine server = cl.getSubcommands().get("server");
        if (server != null) {
            // `server --auth token`: the value is the flag's, not the `token` subcommand.
            server.setAllowSubcommandsAsOptionParameters(true);
        }
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter w = cmd.getErr();
            if (e instanceof UsageException || e instanceof ConfigException || e instanceof UnsupportedStoreUrlException) {
                w.println("greenloop: " + e.getMessage());
                return 2;
            }
            if (e instanceof dev.greenloop.lab.LabException) {
                // A model that is missing or unreadable: the message says what to do (exit 1, not a usage error).
                w.println("greenloop: lab: " + e.getMessage());
                return 1;
            }
            if (e instanceof WriteException we && we.isMistake()) {
                // A path that can never be written as given (a missing folder, a folder): the user's to fix.
                w.println("greenloop: cannot write " + e.getMessage());
                return 2;
            }
            if (e instanceof WriteException) {
                // Nothing partial is left behind: AtomicFile wrote a temporary and removed it.
                w.println("greenloop: write error: " + e.getMessage());
                return 1;
            }
            if (e instanceof StoreException) {
                w.println("greenloop: store: " + e.getMessage());
                return 1;
            }
            w.println("greenloop: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (System.getenv("GREENLOOP_DEBUG") != null) {
                e.printStackTrace(w);
            } else {
                w.println("(set GREENLOOP_DEBUG=1 to see where)");
            }
            return 1;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("greenloop: " + e.getMessage());
            // A misspelled command or option: picocli names the closest ones ("Did you mean: measure?").
            CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
            w.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        return cl.execute(args);
    }

    /** The subcommands, in the order help lists them. */
    private static final List<String> SUBCOMMANDS = List.of("measure", "sources", "monitor", "agent", "runs", "compare", "zones", "intensity", "schedule", "lab", "server", "serve",
            "recommendations", "limits", "anomalies", "analyze", "report", "help");

    // A switch rather than a map of constructor references: the JDK 25 AOT cache writer fails on
    // lambdas held in static fields of this class (archiveHeapWriter guarantee), and a switch is as clear.
    private static Object newSubcommand(String name) {
        return switch (name) {
            case "measure" -> new MeasureCommand();
            case "sources" -> new SourcesCommand();
            case "monitor" -> new MonitorCommand();
            case "agent" -> new AgentCommand();
            case "runs" -> new RunsCommand();
            case "compare" -> new CompareCommand();
            case "analyze" -> new dev.greenloop.cli.analyze.AnalyzeCommand();
            case "zones" -> new ZonesCommand();
            case "intensity" -> new IntensityCommand();
            case "schedule" -> new ScheduleCommand();
            case "lab" -> new LabCommand();
            case "server" -> new ServerCommand();
            case "serve" -> new dev.greenloop.cli.lab.ServeCommand();
            case "limits" -> new dev.greenloop.cli.limits.LimitsCommand();
            case "anomalies" -> new AnomaliesCommand();
            case "recommendations" -> new dev.greenloop.cli.recommend.RecommendationsCommand();
            case "report" -> new dev.greenloop.cli.report.ReportCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Registers only the subcommand being run when the first argument names one: picocli builds
     * each registered command's model by reflection, which is most of the start-up time of
     * {@code greenloop measure -- true}. Help, errors and anything else get them all.
     */
    private static void addSubcommands(CommandLine cl, String[] args) {
        if (args.length > 0 && SUBCOMMANDS.contains(args[0]) && !args[0].equals("help")) {
            cl.addSubcommand(args[0], newSubcommand(args[0]));
            return;
        }
        for (String name : SUBCOMMANDS) {
            cl.addSubcommand(name, newSubcommand(name));
        }
    }

    /**
     * The settings a command runs with: those given to {@link #run(Settings, PrintWriter, PrintWriter, String...)},
     * else this process's.
     *
     * @param spec the command's spec (any command under {@code greenloop}, or a command run on its own)
     * @return the settings
     * @throws dev.greenloop.app.ConfigException if this process's config file cannot be read
     */
    public static Settings settings(CommandLine.Model.CommandSpec spec) {
        return spec.root().userObject() instanceof Main m && m.settings != null ? m.settings : Settings.current();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
