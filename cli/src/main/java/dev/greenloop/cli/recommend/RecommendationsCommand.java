package dev.greenloop.cli.recommend;

import dev.greenloop.app.Automation;
import dev.greenloop.app.NodeFacts;
import dev.greenloop.app.Recommendation;
import dev.greenloop.app.RecommendationJson;
import dev.greenloop.app.Recommendations;
import dev.greenloop.app.UnknownRecommendationException;
import dev.greenloop.cli.Durations;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.report.RunJson;
import dev.greenloop.report.Table;
import dev.greenloop.store.AutomationRule;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop recommendations list|accept|dismiss|automate|verify}: recommendations with estimated savings, and
 * automation that applies them (dry run by default) and verifies them. See docs/recommendations.md.
 */
@Command(name = "recommendations", description = "Recommendations with estimated savings; accept (dry run by default), dismiss, automate, verify.",
        subcommands = {RecommendationsCommand.ListCommand.class, RecommendationsCommand.Accept.class, RecommendationsCommand.Dismiss.class,
                RecommendationsCommand.Automate.class, RecommendationsCommand.Verify.class})
public final class RecommendationsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every subcommand shares: which node this is, and the generation's parameters. */
    static final class Common {
        @Option(names = "--node", description = "This node's name in the fleet (whose power limits are read). Default: the host name.")
        String node;

        @Option(names = "--quality-floor", defaultValue = "0.99", description = "Least mean cosine to the reference a cheaper variant must"
                + " keep (default: ${DEFAULT-VALUE}).")
        double qualityFloor;

        @Option(names = "--lookback", defaultValue = "7d", description = "How far back samples and jobs are read (default: ${DEFAULT-VALUE}).")
        String lookback;

        Recommendations open(CommandSpec spec) {
            Recommendations.Options options;
            try {
                options = new Recommendations.Options(node == null ? NodeFacts.hostname() : node, qualityFloor,
                        Durations.parse("--lookback", lookback));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return Recommendations.open(Main.settings(spec), options);
        }
    }

    private static String who() {
        String sudo = System.getenv("SUDO_USER");
        return System.getProperty("user.name") + (sudo == null || sudo.isBlank() ? "" : " (sudo from " + sudo + ")");
    }

    @Command(name = "list", description = "Generate recommendations from the store's data and list them with their estimated savings.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (Recommendations recs = common.open(spec)) {
                List<Recommendation> all = recs.refresh();
                if (json) {
                    try (var g = RunJson.generator(out)) {
                        g.writeStartObject();
                        g.writeArrayFieldStart("recommendations");
                        for (Recommendation r : all) {
                            RecommendationJson.write(g, r, recs.actions(r.id()));
                        }
                        g.writeEndArray();
                        g.writeArrayFieldStart("findings");
                        for (String f : recs.findings()) {
                            g.writeString(f);
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    }
                    out.println();
                    return 0;
                }
                if (all.isEmpty()) {
                    out.println("No recommendation: the store holds no data that shows a saving (see the notes).");
                } else {
                    Table t = new Table("id", "status", ">kWh (estimated)", ">gCO2eq (estimated)", "basis", ">verified kWh", "evidence");
                    for (Recommendation r : all) {
                        t.row(r.id(), r.status().label(), RecommendationJson.text(r.estimate().kwh()), RecommendationJson.text(r.estimate().grams()),
                                r.estimate().basis(), r.verified().map(v -> "%.3g".formatted(v.kwh())).orElse(""), r.evidence());
                    }
                    t.print(out);
                    out.println("Estimated: ranges projected from past measurements (docs/recommendations.md); verified: measured after applying.");
                }
                recs.findings().forEach(f -> out.println("note: " + f));
                return 0;
            }
        }
    }

    @Command(name = "accept", description = "Accept a recommendation: a dry run by default (shows what would change); --apply makes the change.")
    static final class Accept implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Parameters(paramLabel = "ID", description = "The recommendation, as 'list' shows it.")
        String id;

        @ArgGroup(exclusive = true)
        Mode mode;

        static final class Mode {
            @Option(names = "--apply", description = "Make the change (set the limit, move the job, switch the variant).")
            boolean apply;

            @Option(names = "--dry-run", description = "Only show what would change (the default).")
            boolean dryRun;
        }

        @Override
        public Integer call() {
            boolean dry = mode == null || !mode.apply;
            return act(spec, common, a -> a.accept(id, who(), dry));
        }
    }

    @Command(name = "dismiss", description = "Dismiss a recommendation; it stays listed as dismissed.")
    static final class Dismiss implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Parameters(paramLabel = "ID", description = "The recommendation, as 'list' shows it.")
        String id;

        @Override
        public Integer call() {
            return act(spec, common, a -> a.dismiss(id, who()));
        }
    }

    @Command(name = "verify", description = "Verify applied recommendations whose windows have passed (rolls back those beyond their bound);"
            + " automated rules act too. The server does this every minute.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Recommendations recs = common.open(spec)) {
                List<Automation.Outcome> done = recs.automation().tick();
                if (done.isEmpty()) {
                    out.println("Nothing to do: no applied recommendation's window has passed, and no rule has an open recommendation.");
                }
                done.forEach(o -> print(out, o));
                return 0;
            }
        }
    }

    @Command(name = "automate", description = "Turn automation of one kind on or off; a dry run unless --apply (bounds: --bound, --signal,"
            + " --window).")
    static final class Automate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common = new Common();

        @Parameters(paramLabel = "KIND", description = "cap-power, switch-variant or shift-job.")
        String kind;

        @ArgGroup(exclusive = true, multiplicity = "1")
        OnOff onOff;

        static final class OnOff {
            @Option(names = "--on", required = true, description = "Automate this kind.")
            boolean on;

            @Option(names = "--off", required = true, description = "Stop automating it.")
            boolean off;
        }

        @Option(names = "--apply", description = "Let the rule make changes; without it the rule only records what it would change.")
        boolean apply;

        @Option(names = "--bound", defaultValue = "10", description = "Largest fall of throughput or quality tolerated, in percent, before"
                + " rollback (default: ${DEFAULT-VALUE}).")
        double bound;

        @Option(names = "--signal", description = "The throughput signal: file:PATH, a file of '<ISO instant> <cumulative count>' lines.")
        String signal;

        @Option(names = "--window", defaultValue = "60m", description = "Length of the before and after windows compared (default:"
                + " ${DEFAULT-VALUE}).")
        String window;

        @Override
        public Integer call() {
            Recommendation.Kind k;
            Duration w;
            try {
                k = Recommendation.Kind.parse(kind);
                w = Durations.parse("--window", window);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Recommendations recs = common.open(spec)) {
                AutomationRule r = recs.automation().automate(k, onOff.on, apply, bound, signal, w, who());
                out.println("%s automation: %s%s; bound %s%%, signal %s, window %d min".formatted(r.kind(), r.enabled() ? "on" : "off",
                        r.enabled() ? (r.acts() ? ", applying changes" : ", dry run (records what it would change; --apply to act)") : "",
                        r.boundPercent(), r.signal().isEmpty() ? "none" : r.signal(), r.windowMinutes()));
                return 0;
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
    }

    @FunctionalInterface
    private interface Act {
        Automation.Outcome on(Automation automation);
    }

    /** Runs one action: an unknown id is a usage error (exit 2); a change that cannot be made, exit 1. */
    private static int act(CommandSpec spec, Common common, Act act) {
        try (Recommendations recs = common.open(spec)) {
            print(spec.commandLine().getOut(), act.on(recs.automation()));
            return 0;
        } catch (UnknownRecommendationException e) {
            throw new UsageException(e.getMessage());
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("greenloop: recommendations: " + e.getMessage());
            return 1;
        }
    }

    private static void print(PrintWriter out, Automation.Outcome o) {
        out.println("%s: %s%s -> %s: %s".formatted(o.id(), o.action(), o.dryRun() ? " (dry run)" : "", o.status().label(), o.result()));
        for (String c : o.changes()) {
            out.println("  " + (o.dryRun() ? "would change " : "changed ") + c);
        }
    }
}
