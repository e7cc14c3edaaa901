package dev.greenloop.cli.agent;

import dev.greenloop.app.Agent;
import dev.greenloop.app.AgentException;
import dev.greenloop.app.NodeFacts;
import dev.greenloop.app.Settings;
import dev.greenloop.cli.Durations;
import dev.greenloop.cli.Main;
import dev.greenloop.cli.UsageException;
import dev.greenloop.cli.measure.Signals;
import dev.greenloop.meter.MeterConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code greenloop agent}: samples this node and pushes its samples to a Greenloop server until stopped, spooling them
 * in {@code $GREENLOOP_HOME/agent-spool/} while the server is away (see docs/server.md, "Agents"). Exit codes: 0 when
 * stopped (SIGTERM, Ctrl-C), 1 when the server refuses the token or the agent cannot run, 2 for a bad option.
 */
@Command(name = "agent", sortOptions = false,
        description = {"Sample this node's power every interval and push it to a Greenloop server, until stopped (SIGTERM, Ctrl-C).",
            "Every sample is spooled in $GREENLOOP_HOME/agent-spool/ before it is pushed and kept until the server took it:"
                + " while the server is away the agent keeps sampling, and replays in order when it is back."},
        footer = {"", "Examples:", "  GREENLOOP_TOKEN=... greenloop agent --server http://fleet.example:8080",
            "  greenloop agent --server https://fleet.example --node gpu-07 --interval 5s"})
public final class AgentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "The server's base URL, e.g. http://fleet.example:8080.")
    String server;

    @Option(names = "--token", paramLabel = "T", description = "A token of role agent (default: GREENLOOP_TOKEN, which keeps it out of 'ps').")
    String token;

    @Option(names = "--node", paramLabel = "NAME", description = "This node's name on the server (default: the host name).")
    String node;

    @Option(names = "--interval", paramLabel = "D", description = "Sampling interval, e.g. 500ms, 1s, 10s (default: GREENLOOP_INTERVAL, else 1s).")
    String interval;

    /**
     * @param given the {@code --token} option, or null
     * @param missing how the message starts when there is none
     * @return {@code given}, else {@code GREENLOOP_TOKEN}
     * @throws UsageException if neither is given, saying where to give one
     */
    public static String token(Settings settings, String given, String missing) {
        String secret = given != null ? given : settings.effectiveEnvironment().get("GREENLOOP_TOKEN");
        if (secret == null || secret.isBlank()) {
            throw new UsageException(missing + ": give --token T or set GREENLOOP_TOKEN (a token of role agent: "
                    + "greenloop server token create --role agent)");
        }
        return secret;
    }

    @Override
    public Integer call() throws IOException {
        Settings settings = Main.settings(spec);
        URI url = Agent.serverUri("--server", server);
        String secret = token(settings, token, "no token");
        Duration every = interval != null ? Durations.samplingInterval("--interval", interval)
                : settings.get("INTERVAL").map(v -> Durations.samplingInterval(settings.origin("INTERVAL"), v)).orElse(MeterConfig.DEFAULT_INTERVAL);
        String name = node != null ? node.trim() : NodeFacts.hostname();
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,252}")) {
            throw new UsageException("--node: '%s' is not a node name; use letters, digits, '.', '-' and '_', such as gpu-07".formatted(name));
        }
        PrintWriter err = spec.commandLine().getErr();
        Agent agent = new Agent(settings, new Agent.Options(url, secret, name, every), line -> {
            err.println("greenloop agent: " + line);
            err.flush();
        });
        // SIGTERM or Ctrl-C: stop sampling, push once more, leave the rest in the spool, exit 0.
        if (!Signals.handle(signal -> agent.stop())) {
            err.println("greenloop agent: warning: cannot handle signals here; a stop leaves the last samples in the spool");
        }
        try {
            Agent.Outcome outcome = agent.run();
            return outcome.tokenRefused() ? 1 : 0;
        } catch (AgentException e) {
            err.println("greenloop agent: " + e.getMessage());
            return 1;
        }
    }
}
