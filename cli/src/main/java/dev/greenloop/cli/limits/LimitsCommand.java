package dev.greenloop.cli.limits;

import dev.greenloop.app.AuditException;
import dev.greenloop.app.PowerLimitService;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.meter.LimitChange;
import dev.greenloop.meter.spi.PowerLimit;
import dev.greenloop.meter.spi.PowerLimitException;
import dev.greenloop.meter.spi.Finding;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code greenloop limits list|set|restore}: the CPU packages' RAPL limits and the GPUs' power limits. See docs/limits.md. */
@Command(name = "limits", description = "List, set and restore power limits (RAPL constraints, GPU power limits).",
        subcommands = {LimitsCommand.ListLimits.class, LimitsCommand.Set.class, LimitsCommand.Restore.class})
public final class LimitsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs an action on the service; a refused value is a usage error (exit 2), any other failure exit 1. */
    private static int withService(CommandSpec spec, Action action) throws IOException {
        try (PowerLimitService service = PowerLimitService.open(Main.settings(spec))) {
            return action.run(service, spec.commandLine().getOut());
        } catch (PowerLimitException e) {
            if (e.isUsageError()) {
                throw new UsageException(e.getMessage());
            }
            spec.commandLine().getErr().println("greenloop: limits: " + e.getMessage());
            return 1;
        } catch (AuditException e) {
            spec.commandLine().getErr().println("greenloop: limits: " + e.getMessage());
            return 1;
        }
    }

    @FunctionalInterface
    private interface Action {
        int run(PowerLimitService service, PrintWriter out) throws IOException;
    }

    @Command(name = "list", description = "List every power limit of this node: current, range, default and window.")
    static final class ListLimits implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            return withService(spec, (service, out) -> {
                List<PowerLimit> limits = service.list();
                if (json) {
                    writeJson(out, limits, service.findings());
                    return 0;
                }
                if (limits.isEmpty()) {
                    out.println("No power limit can be read on this node.");
                } else {
                    Table t = new Table("component", "constraint", ">limit", ">min", ">max", ">default", ">enforced", ">window", "settable", "target");
                    for (PowerLimit l : limits) {
                        t.row(l.component(), l.constraint(), PowerLimit.watts(l.currentMicrowatts()), PowerLimit.watts(l.minMicrowatts()),
                                watts(l.maxMicrowatts()), watts(l.defaultMicrowatts()), watts(l.enforcedMicrowatts()),
                                l.timeWindowMicros().isPresent() ? l.timeWindowMicros().getAsLong() + " µs" : "",
                                l.settable() ? (l.enabled() ? "yes" : "yes (zone disabled)") : "no", l.target());
                    }
                    t.print(out);
                }
                for (Finding f : service.findings()) {
                    out.println("note: %s: %s%s".formatted(f.subject(), f.detail(), f.fix().isEmpty() ? "" : " (fix: " + f.fix() + ")"));
                }
                return 0;
            });
        }

        private static String watts(OptionalLong microwatts) {
            return microwatts.isPresent() ? PowerLimit.watts(microwatts.getAsLong()) : "";
        }

        private static void writeJson(PrintWriter out, List<PowerLimit> limits, List<Finding> findings) throws IOException {
            try (var g = RunJson.generator(out)) {
                g.writeStartObject();
                g.writeArrayFieldStart("limits");
                for (PowerLimit l : limits) {
                    g.writeStartObject();
                    g.writeStringField("component", l.component());
                    g.writeStringField("constraint", l.constraint());
                    g.writeStringField("target", l.target());
                    g.writeNumberField("currentMicrowatts", l.currentMicrowatts());
                    g.writeNumberField("minMicrowatts", l.minMicrowatts());
                    optional(g, "maxMicrowatts", l.maxMicrowatts());
                    optional(g, "defaultMicrowatts", l.defaultMicrowatts());
                    optional(g, "enforcedMicrowatts", l.enforcedMicrowatts());
                    optional(g, "timeWindowMicros", l.timeWindowMicros());
                    g.writeBooleanField("enabled", l.enabled());
                    g.writeBooleanField("settable", l.settable());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("findings");
                for (Finding f : findings) {
                    g.writeStartObject();
                    g.writeStringField("source", f.source());
                    g.writeStringField("subject", f.subject());
                    g.writeStringField("detail", f.detail());
                    g.writeStringField("fix", f.fix());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            out.println();
        }

        private static void optional(com.fasterxml.jackson.core.JsonGenerator g, String name, OptionalLong value) throws IOException {
            if (value.isPresent()) {
                g.writeNumberField(name, value.getAsLong());
            }
        }
    }

    @Command(name = "set", description = "Set a power limit; the change is recorded in $GREENLOOP_HOME/audit.log.")
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--component", required = true, paramLabel = "NAME", description = "What to cap: cpu-package-0, gpu-0... (see greenloop limits list).")
        String component;

        @Option(names = "--watts", required = true, paramLabel = "W", description = "The new limit in watts.")
        double watts;

        @Option(names = "--constraint", paramLabel = "NAME", description = "The RAPL constraint: long_term (the default, the first), short_term...")
        String constraint;

        @Option(names = "--dry-run", description = "Say what would change and change nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws IOException {
            if (!Double.isFinite(watts)) {
                throw new UsageException("--watts must be a finite number of watts, was " + watts);
            }
            return withService(spec, (service, out) -> {
                if (dryRun) {
                    PowerLimitService.Plan plan = service.plan(component, Optional.ofNullable(constraint), watts);
                    PowerLimit l = plan.limit();
                    out.println("would set %s %s from %s to %s (%s); nothing changed (dry run)".formatted(l.component(), l.constraint(),
                            PowerLimit.watts(l.currentMicrowatts()), PowerLimit.watts(plan.afterMicrowatts()), l.target()));
                    return 0;
                }
                LimitChange c = service.set(component, Optional.ofNullable(constraint), watts);
                out.println("set %s %s from %s to %s; undo with: greenloop limits restore --component %s".formatted(c.component(),
                        c.constraint(), PowerLimit.watts(c.beforeMicrowatts()), PowerLimit.watts(c.afterMicrowatts()), c.component()));
                return 0;
            });
        }
    }

    @Command(name = "restore", description = "Roll back the latest change of a component recorded in $GREENLOOP_HOME/audit.log.")
    static final class Restore implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--component", required = true, paramLabel = "NAME", description = "The component whose latest change to undo.")
        String component;

        @Override
        public Integer call() throws IOException {
            return withService(spec, (service, out) -> {
                LimitChange c = service.restore(component);
                out.println("restored %s %s from %s to %s".formatted(c.component(), c.constraint(), PowerLimit.watts(c.beforeMicrowatts()),
                        PowerLimit.watts(c.afterMicrowatts())));
                return 0;
            });
        }
    }
}
