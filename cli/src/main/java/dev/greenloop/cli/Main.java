package dev.greenloop.cli;

import dev.greenloop.app.ConfigException;
import dev.greenloop.cli.intensity.IntensityCommand;
import dev.greenloop.cli.intensity.ZonesCommand;
import dev.greenloop.cli.lab.LabCommand;
import dev.greenloop.cli.measure.MeasureCommand;
import dev.greenloop.cli.measure.MonitorCommand;
import dev.greenloop.cli.measure.SourcesCommand;
import dev.greenloop.cli.runs.RunsCommand;
import dev.greenloop.cli.schedule.ScheduleCommand;
import dev.greenloop.store.StoreException;
import java.io.PrintWriter;
import java.util.List;
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

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        addSubcommands(cl, args);
        CommandLine measure = cl.getSubcommands().get("measure");
        if (measure != null) {
            measure.setStopAtPositional(true);
        }
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (e instanceof UsageException || e instanceof ConfigException) {
                err.println("greenloop: " + e.getMessage());
                return 2;
            }
            if (e instanceof dev.greenloop.lab.LabException) {
                // A model that is missing or unreadable: the message says what to do (exit 1, not a usage error).
                err.println("greenloop: lab: " + e.getMessage());
                return 1;
            }
            if (e instanceof StoreException) {
                err.println("greenloop: store: " + e.getMessage());
                return 1;
            }
            err.println("greenloop: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            if (System.getenv("GREENLOOP_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("(set GREENLOOP_DEBUG=1 to see where)");
            }
            return 1;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("greenloop: " + e.getMessage());
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        return cl.execute(args);
    }

    /** The subcommands, in the order help lists them. */
    private static final List<String> SUBCOMMANDS = List.of("measure", "sources", "monitor", "runs", "zones", "intensity", "schedule", "lab", "help");

    // A switch rather than a map of constructor references: the JDK 25 AOT cache writer fails on
    // lambdas held in static fields of this class (archiveHeapWriter guarantee), and a switch is as clear.
    private static Object newSubcommand(String name) {
        return switch (name) {
            case "measure" -> new MeasureCommand();
            case "sources" -> new SourcesCommand();
            case "monitor" -> new MonitorCommand();
            case "runs" -> new RunsCommand();
            case "zones" -> new ZonesCommand();
            case "intensity" -> new IntensityCommand();
            case "schedule" -> new ScheduleCommand();
            case "lab" -> new LabCommand();
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

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
